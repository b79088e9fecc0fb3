"""XLSX/CSV importer: flat export and form layouts read back to the text importer's YAML."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook, load_workbook

from generator.export.xlsx_flat import write_flat_xlsx
from generator.importers import import_file
from generator.importers.text import decode, split_tables
from import_helpers import dumps, without_source

CASES = Path(__file__).resolve().parent.parent / "cases" / "importers"


def test_seed_as_flat_xlsx_in_wan_yuan_imports_to_the_same_yaml(seed_projects, tmp_path):
    path = tmp_path / "flat.xlsx"
    write_flat_xlsx(seed_projects, path, unit="万元")
    result = import_file(path)
    assert result.problems == []
    assert dumps(result.projects) == dumps(seed_projects)
    assert {p.source.format for p in result.projects} == {"xlsx"}


def test_seed_as_flat_xlsx_in_yuan_converts_and_records_the_unit(seed_projects, tmp_path):
    path = tmp_path / "flat.xlsx"
    write_flat_xlsx(seed_projects, path, unit="元")
    result = import_file(path)
    assert result.problems == []
    assert [p.funds.source_unit for p in result.projects] == ["元"] * 11
    back = [p.model_copy(update={"funds": p.funds.model_copy(update={"source_unit": "万元"})}) for p in result.projects]
    assert dumps(back) == dumps(seed_projects)


def test_seed_as_csv_imports_to_the_same_yaml(seed_projects, tmp_path):
    book_path = tmp_path / "flat.xlsx"
    write_flat_xlsx(seed_projects, book_path, unit="元")
    rows = [["" if v is None else (v.date().isoformat() if hasattr(v, "date") else v) for v in row] for row in load_workbook(book_path).active.iter_rows(values_only=True)]
    path = tmp_path / "flat.csv"
    with path.open("w", encoding="gb18030", newline="") as fh:  # Windows exports: GB18030, semicolons
        csv.writer(fh, delimiter=";").writerows(rows)
    result = import_file(path)
    assert result.problems == []
    assert [without_source(p).replace("  source_unit: 元\n", "") for p in result.projects] == dumps(seed_projects)


def test_form_layout_one_sheet_per_project(seed_path, seed_projects, tmp_path):
    book = Workbook()
    book.remove(book.active)
    for table in split_tables(decode(seed_path.read_bytes()), seed_path.name):
        sheet = book.create_sheet(f"表{table.number}")
        sheet.append([table.title])
        sheet.append([f"({table.year}年度)"])
        for r, row in enumerate(table.rows, start=3):
            for c, text in enumerate(row, start=1):
                if text:
                    sheet.cell(r, c).value = text
                    sheet.cell(r, c).data_type = "s"  # "=100.00(%)" is a value, not a formula
    path = tmp_path / "forms.xlsx"
    book.save(path)
    result = import_file(path)
    assert result.problems == []
    assert dumps(result.projects) == dumps(seed_projects)


def _flat_variant(path: Path) -> None:
    """A flat export as 一体化 systems write it: other header names, merged project cells, words for operators."""
    book = Workbook()
    sheet = book.active
    sheet.append(["2024年项目支出绩效目标表"])
    sheet.append(["金额单位：元"])
    sheet.append(["预算年度", "部门名称", "单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标",
                  "三级指标", "指标性质", "指标值", "度量单位", "权重", "指标方向性", "备注", "联系电话"])
    sheet.append([2024, "某区教育局", "某区第一中学", "校园安保服务", 356000, "全年校园安全无事故",
                  "产出指标", "数量指标", "安保人员数量", "大于等于", "12", "人", 20, "正向", "核定", "021-12345678"])
    sheet.append([None, None, None, None, None, None, None, "质量指标", "安全事故发生率", "小于等于", "0", "%", 20, "反向"])
    sheet.append([None, None, None, None, None, None, "成本指标", "经济成本指标", "人均安保成本", "≤", "29666.67", "元/人", 10, "反向"])
    sheet.append([None, None, None, None, None, None, "效益指标", "社会效益指标", "校园安全保障", "定性", "有效保障", None, 30, "正向"])
    sheet.append([None, None, None, None, None, None, "满意度指标", "服务对象满意度指标", "师生满意度", "", "90%", None, 20])
    sheet.append([None, None, "某区第二中学", "课后服务", 1200000.5, "开展课后托管服务",
                  "产出指标", "时效指标", "服务开始时间", "定性", "2024年9月", None, 50, None])
    sheet.merge_cells("A4:A9")  # 预算年度 and 部门名称 merged over both projects
    sheet.merge_cells("B4:B9")
    book.save(path)


def test_flat_variant(tmp_path, golden):
    path = tmp_path / "export.xlsx"
    _flat_variant(path)
    result = import_file(path)
    problems = [p.format_text() for p in result.problems]
    text = "\n".join(problems) + "\n---\n" + "---\n".join(without_source(p) for p in result.projects)
    golden(CASES / "flat_variant" / "expected.txt", text)


def test_flat_rows_that_contradict_their_project_are_reported(tmp_path):
    path = tmp_path / "conflict.csv"
    path.write_text(
        "项目名称,单位名称,主管部门,年度,预算数(万元),二级指标,三级指标,指标值\n"
        "培训,某中心,某局,2023,10,数量指标,培训人数,≥100人\n"
        "培训,某中心,某局,2023,12,质量指标,合格率,≥90%\n",
        "utf-8",
    )
    result = import_file(path)
    assert [p.format_text() for p in result.problems] == [
        "conflict.csv:3:5: funds.annual_total: differs from the project's first row ('10'): '12'"
    ]
    [project] = result.projects
    assert [i.level1 for i in project.indicators] == ["产出指标", "产出指标"]


def test_flat_self_evaluation_export_is_refused(tmp_path):
    path = tmp_path / "selfeval.csv"
    path.write_text("项目名称,单位名称,二级指标,三级指标,年度指标值,实际完成值,得分\n培训,某中心,数量指标,培训人数,≥100人,120人,20\n", "utf-8")
    result = import_file(path)
    assert result.projects == []
    assert [p.format_text() for p in result.problems] == ["selfeval.csv:1:1: error refused: table 1: not imported: 自评表 (self-evaluation: 实际完成值 column)"]


def test_form_layout_csv_in_utf16(seed_path, seed_projects, tmp_path):
    """Forms saved from a spreadsheet as CSV (title, year, then the grid), several in one file."""
    path = tmp_path / "forms.csv"
    with path.open("w", encoding="utf-16", newline="") as fh:
        writer = csv.writer(fh)
        for table in split_tables(decode(seed_path.read_bytes()), seed_path.name)[:3]:
            writer.writerows([[table.title], [f"({table.year}年度)"], *table.rows, []])
    result = import_file(path)
    assert result.problems == []
    assert dumps(result.projects) == dumps(seed_projects[:3])


def test_flat_two_row_header(tmp_path):
    """Project columns merged over two header rows, indicator columns under a merged 绩效指标 cell."""
    book = Workbook()
    sheet = book.active
    sheet.append(["2024年度项目支出绩效目标表"])
    sheet.append(["项目名称", "单位名称", "预算数（万元）", "绩效指标", None, None, None])
    sheet.append([None, None, None, "一级指标", "二级指标", "三级指标", "指标值"])
    sheet.append(["培训", "某中心", 12.5, "产出指标", "数量指标", "培训人数", "≥100人"])
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("D2:G2")
    path = tmp_path / "two_rows.xlsx"
    book.save(path)
    result = import_file(path)
    assert result.problems == []
    [project] = result.projects
    assert (project.year, project.name, project.department) == (2024, "培训", "某中心")
    assert (str(project.funds.annual_total), project.funds.source_unit) == ("12.5", "万元")
    assert [(i.level2, i.name, i.target.text) for i in project.indicators] == [("数量指标", "培训人数", "≥100人")]


def test_cell_text_drops_float_noise_and_keeps_dates():
    from datetime import datetime

    from generator.importers.xlsx import cell_str

    assert [cell_str(v) for v in (0.1 + 0.2, 295200.0, 1200000.5, datetime(2023, 1, 1), None)] == ["0.3", "295200", "1200000.5", "2023-01-01", ""]
