"""DOCX importer: the seed as a Word form reads back to the text importer's YAML; merges, glyphs, skips."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from import_helpers import dumps

from generator.cli import main
from generator.export.docx_form import write_docx
from generator.importers import import_file
from generator.importers.docx import table_grid


def test_seed_docx_imports_to_the_same_yaml(seed_projects, seed_docx):
    result = import_file(seed_docx)
    assert result.problems == []
    assert dumps(result.projects) == dumps(seed_projects)
    assert [p.source.format for p in result.projects] == ["docx"] * 11
    assert [p.source.table for p in result.projects] == list(range(1, 12))


def test_merged_cells_hold_their_value_once(tmp_path):
    doc = Document()
    table = doc.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "横"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "竖"
    table.cell(1, 1).merge(table.cell(2, 2)).text = "块"
    assert table_grid(table) == [["横", "", ""], ["竖", "块", ""], ["", "", ""]]


def _sym(paragraph, char: str) -> None:
    run = paragraph.add_run()
    sym = OxmlElement("w:sym")
    sym.set(qn("w:font"), "Wingdings")
    sym.set(qn("w:char"), char)
    run._r.append(sym)


def test_wingdings_checkboxes_and_skipped_tables(seed_projects, tmp_path):
    path = tmp_path / "forms.docx"
    write_docx(seed_projects[:1], path)
    doc = Document(str(path))
    body = doc.element.body
    other = doc.add_table(rows=1, cols=2)  # a table that is not a form, placed first
    other.cell(0, 0).text, other.cell(0, 1).text = "序号", "附件"
    body.insert(0, other._tbl)
    form = doc.tables[1]
    cell = form.cell(0, 4)
    for p in cell.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    para = cell.paragraphs[0]
    para.text = ""
    for name, char in (("专项资金", "F0A8"), ("经常性项目", "F0FE"), ("一次性项目", "F0A8")):
        para.add_run(name)
        _sym(para, char)
    doc.save(str(path))
    result = import_file(path)
    assert [(p.level, p.field) for p in result.problems] == [("info", "table 1")]
    assert "skipped" in result.problems[0].message
    assert dumps(result.projects) == dumps(seed_projects[:1])
    assert result.projects[0].source.table == 2


def test_document_without_target_table_is_refused(tmp_path):
    doc = Document()
    doc.add_paragraph("说明")
    doc.add_table(rows=1, cols=1).cell(0, 0).text = "无关内容"
    path = tmp_path / "empty.docx"
    doc.save(str(path))
    result = import_file(path)
    assert result.projects == []
    errors = [p for p in result.problems if p.level == "error"]
    assert errors and "no 绩效目标表" in errors[0].message and errors[0].path == "empty.docx"


def test_import_command_is_idempotent_and_dry_run_diffs(seed_docx, tmp_path):
    path = seed_docx
    out = tmp_path / "content"
    runner = CliRunner()
    first = runner.invoke(main, ["import", str(path), "--out", str(out)])
    assert first.exit_code == 0, first.output
    assert "11 written" in first.output
    again = runner.invoke(main, ["import", str(path), "--out", str(out)])
    assert again.exit_code == 0 and "0 written, 11 unchanged" in again.output
    target = next(out.rglob("残疾人就业保障金.yaml"))
    target.write_text(target.read_text("utf-8").replace("total: 9.00", "total: 8.00", 1), "utf-8")
    dry = runner.invoke(main, ["import", str(path), "--out", str(out), "--dry-run"])
    assert dry.exit_code == 0
    assert "-  total: 8.00" in dry.output and "+  total: 9.00" in dry.output
    assert "total: 8.00" in target.read_text("utf-8")


def test_title_and_year_inside_the_table_and_region(seed_path, seed_projects, tmp_path):
    """Some forms print title and year as merged first rows of the table itself."""
    from generator.importers.text import decode, split_tables

    source = split_tables(decode(seed_path.read_bytes()), seed_path.name)[1]
    width = len(source.rows[0])
    doc = Document()
    table = doc.add_table(rows=len(source.rows) + 2, cols=width)
    table.cell(0, 0).merge(table.cell(0, width - 1)).text = "上海市闵行区项目支出绩效目标批复表"
    table.cell(1, 0).merge(table.cell(1, width - 1)).text = "（2023年度）"
    for r, row in enumerate(source.rows, start=2):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "inline.docx"
    doc.save(str(path))
    result = import_file(path)
    assert result.problems == []
    [project] = result.projects
    assert (project.region, project.table_type) == ("上海市闵行区", "批复表")
    expected = seed_projects[1].model_copy(update={"region": "上海市闵行区", "table_type": "批复表"})
    assert dumps([project]) == dumps([expected])


def test_unmapped_docx_cells_name_table_row_and_column(seed_projects, tmp_path):
    path = tmp_path / "extra.docx"
    write_docx(seed_projects[:2], path)
    doc = Document(str(path))
    doc.tables[1].cell(1, 3).text = "联络说明"  # replaces the 实施单位 label: both cells become unmapped
    doc.save(str(path))
    result = import_file(path)
    messages = [p.format_text() for p in result.problems]
    assert "extra.docx:2:4: table 2: cell not mapped to any field: '联络说明'" in messages
    assert "extra.docx:2:5: table 2: cell not mapped to any field: '上海市闵行区总工会'" in messages


def test_form_split_into_two_tables_is_read_as_one(seed_path, seed_projects, tmp_path):
    """Header half and indicator half as two tables (a page break or a layout choice)."""
    from generator.importers.text import decode, split_tables

    source = split_tables(decode(seed_path.read_bytes()), seed_path.name)[2]
    cut = next(i for i, row in enumerate(source.rows) if "一级指标" in row)
    doc = Document()
    doc.add_paragraph(source.title)
    doc.add_paragraph(f"({source.year}年度)")
    for part in (source.rows[:cut], source.rows[cut:]):
        table = doc.add_table(rows=len(part), cols=len(source.rows[0]))
        for r, row in enumerate(part):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        doc.add_paragraph("")
    path = tmp_path / "split.docx"
    doc.save(str(path))
    result = import_file(path)
    assert [(p.level, p.message) for p in result.problems] == [("info", "read as the continuation of table 1")]
    assert dumps(result.projects) == dumps(seed_projects[2:3])


def test_personal_contact_fields_are_dropped_and_listed(seed_projects, tmp_path):
    path = tmp_path / "contact.docx"
    write_docx(seed_projects[:1], path)
    doc = Document(str(path))
    row = doc.tables[0].add_row()
    for c, text in enumerate(["填表人", "张三", "", "联系电话", "13800000000", ""]):
        row.cells[c].text = text
    doc.save(str(path))
    result = import_file(path)
    assert [(p.level, p.message) for p in result.problems] == [
        ("info", "填表人: personal contact field, not imported"),
        ("info", "联系电话: personal contact field, not imported"),
    ]
    assert dumps(result.projects) == dumps(seed_projects[:1])


@pytest.mark.slow
def test_docx_resaved_by_libreoffice_reads_the_same(seed_projects, tmp_path):
    """Another producer's DOCX (LibreOffice writes merges and runs its own way) imports identically."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = tmp_path / "in" / "forms.docx"
    write_docx(seed_projects[:3], source)
    out = tmp_path / "out"
    profile = (tmp_path / "profile").as_uri()  # own profile: parallel soffice runs do not share a lock
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    result = import_file(out / "forms.docx")
    assert result.problems == []
    assert dumps(result.projects) == dumps(seed_projects[:3])
