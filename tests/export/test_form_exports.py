"""Form exporters: a project written as a Word form or a flat sheet imports back unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.export.docx_form import write_docx
from generator.export.xlsx_flat import write_flat_xlsx
from generator.importers import import_file
from generator.schema import Project
from generator.yamlio import dump_project

CASES = Path(__file__).resolve().parent.parent / "cases" / "importers" / "variants"


def _bare(projects: list[Project]) -> list[str]:
    return [dump_project(p.model_copy(update={"source": None})) for p in projects]


def _variant_projects() -> list[Project]:
    return [p for case in sorted(CASES.iterdir()) for p in import_file(case / "input.txt").projects]


def _unit_free(projects: list[Project]) -> list[Project]:
    return [p.model_copy(update={"funds": p.funds.model_copy(update={"source_unit": "万元"})}) for p in projects]


@pytest.mark.parametrize("writer", ["docx", "flat-元", "flat-万元"])
def test_round_trip(writer: str, tmp_path: Path, seed_path: Path) -> None:
    seed = import_file(seed_path).projects[:3]
    seed[0].region = "上海市闵行区"
    seed[0].attribute = "延续项目"
    seed[1].category, seed[1].project_class = None, "特定目标类"  # newer form: 项目类别 as text
    seed[2].category = "阶段性项目"  # a box the Shanghai form prints only when ticked
    projects = seed + _variant_projects()
    assert len({p.table_type for p in projects}) > 1 and any(i.long_term_target for p in projects for i in p.indicators)
    back = []
    for n, project in enumerate(projects):  # one file each: a flat sheet has one title, so one table type
        path = tmp_path / (f"{n}.docx" if writer == "docx" else f"{n}.xlsx")
        if writer == "docx":
            write_docx([project], path)
        else:
            write_flat_xlsx([project], path, unit=writer.split("-")[1])  # type: ignore[arg-type]
        result = import_file(path)
        assert result.problems == []
        back.extend(result.projects)
    if writer != "docx":  # a flat sheet records the unit it was written in; the amounts are the same
        assert {p.funds.source_unit for p in back} == {writer.split("-")[1]}
        projects, back = _unit_free(projects), _unit_free(back)
    expected = _bare(projects)
    assert _bare(back) == expected


def test_docx_shows_the_form_layout(tmp_path: Path, seed_path: Path) -> None:
    from docx import Document

    project = import_file(seed_path).projects[0]
    path = tmp_path / "one.docx"
    write_docx([project], path)
    doc = Document(str(path))
    assert [p.text for p in doc.paragraphs[:2]] == ["财政项目支出绩效目标表", "(2023年度)"]
    table = doc.tables[0]
    assert table.cell(0, 4).text == "专项资金 □ 经常性项目 ☑ 一次性项目 □"
    assert table.cell(3, 0).text == "项目资金(万元)" and table.cell(6, 0)._tc is table.cell(3, 0)._tc  # merged down
    assert table.cell(10, 1).text == "产出指标" and table.cell(12, 1)._tc is table.cell(10, 1)._tc
