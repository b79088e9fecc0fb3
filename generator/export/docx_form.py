"""Write projects as the official 财政项目支出绩效目标表 Word form (one table per project).

The layout follows the published 闵行 form the seed was extracted from: title,
``(YYYY年度)``, header rows with checkbox glyphs for 项目类别, the funds block,
the goals, and the indicator table with merged 一级/二级 cells. Optional columns
(实施期指标值, 分值, 指标方向, 指标解释, 绩效标准) are added only when a project has
them. ``generator.importers.docx`` reads this layout back to the same project.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell

from generator.export.form_labels import amount, category_cell, export_vocab, extra_columns, indicator_cell, ticked_cell
from generator.schema import Project

FONT = "SimSun"


def write_docx(projects: list[Project], path: Path) -> None:
    """Write ``projects`` to one .docx file, each table on its own page."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(10)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    section = doc.sections[0]  # A4, as official forms are printed
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    for i, project in enumerate(projects):
        if i:
            doc.add_page_break()
        _project(doc, project)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))


def _table_style(doc: Any) -> str:
    """Style id of the bordered "Table Grid" style (looked up once per document)."""
    cache = doc.__dict__.setdefault("_grid_style_id", [])
    if not cache:
        cache.append(doc.styles["Table Grid"].style_id)
    return cache[0]


def _para(doc: Any, text: str, size: int, bold: bool = False) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


class _Grid:
    """The table's cell elements, merged by setting ``gridSpan`` / ``vMerge`` directly.

    python-docx's ``Table.cell`` and ``merge`` recompute the whole grid on every
    call (~150 ms per form); writing the merge properties on the captured ``w:tc``
    elements is linear, which matters when the site offers a form per project.
    Regions never overlap, so a captured cell is never one already removed.
    """

    def __init__(self, table: Any) -> None:
        self.table = table
        self.tcs = [list(tr.tc_lst) for tr in table._tbl.tr_lst]


def _put(grid: _Grid, r: int, c0: int, c1: int, text: str, r1: int | None = None) -> None:
    """Merge rows r..r1 and columns c0..c1, then write ``text`` (one paragraph per line)."""
    last = r if r1 is None else r1
    for rr in range(r, last + 1):
        tc = grid.tcs[rr][c0]
        if c1 > c0:
            width = sum(t.tcPr.tcW.w or 0 for t in grid.tcs[rr][c0 : c1 + 1])
            for extra in grid.tcs[rr][c0 + 1 : c1 + 1]:
                extra.getparent().remove(extra)
            tc.get_or_add_tcPr().grid_span = c1 - c0 + 1
            tc.width = width
        if last > r:
            tc.vMerge = "restart" if rr == r else "continue"
    cell = _Cell(grid.tcs[r][c0], grid.table)
    lines = text.split("\n") if text else [""]
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def _project(doc: Any, project: Project) -> None:
    labels = export_vocab()["form"]
    _para(doc, (project.region or "") + labels["titles"][project.table_type], 16, bold=True)
    _para(doc, labels["year"].format(year=project.year), 11)
    extras = extra_columns([project])
    width = 6 + len(extras)
    last = width - 1
    head = 4 if project.attribute else 3  # rows above the funds block
    rows = head + 6 + 1 + max(len(project.indicators), 1)
    docx_table = doc.add_table(rows=rows, cols=width)
    docx_table._tbl.tblPr.style = _table_style(doc)
    table = _Grid(docx_table)
    date = lambda d: d.isoformat() if d else ""  # noqa: E731
    for r, (k1, v1, k2, v2) in enumerate(
        (
            ("name", project.name, "category", category_cell(project)),
            ("department", project.department, "implementer", project.implementer),
            ("start_date", date(project.start_date), "end_date", date(project.end_date)),
        )
    ):
        _put(table, r, 0, 0, labels[k1])
        _put(table, r, 1, 2, v1)
        _put(table, r, 3, 3, labels[k2])
        _put(table, r, 4, last, v2)
    if project.attribute:
        _put(table, 3, 0, 0, labels["attribute"])
        _put(table, 3, 1, last, ticked_cell(labels["attributes"], project.attribute))
    unit = project.funds.source_unit
    funds = project.funds
    _put(table, head, 0, 0, labels["funds"].format(unit=unit), r1=head + 3)
    left = (("total", funds.total), ("fiscal", funds.fiscal), (None, None), ("other", funds.other))
    right = (
        ("annual_total", funds.annual_total),
        ("annual_fiscal", funds.annual_fiscal),
        ("annual_carryover", funds.annual_carryover),
        ("annual_other", funds.annual_other),
    )
    for i, ((lk, lv), (rk, rv)) in enumerate(zip(left, right)):
        _put(table, head + i, 1, 2, labels[lk] if lk else "")
        _put(table, head + i, 3, 3, amount(lv, unit))
        _put(table, head + i, 4, 4, labels[rk])
        _put(table, head + i, 5, last, amount(rv, unit))
    goals = project.goals
    period = f" ({goals.total_period})" if goals.total_period else ""
    _put(table, head + 4, 0, 0, labels["goals"], r1=head + 5)
    _put(table, head + 4, 1, 3, labels["goal_total"] + period)
    _put(table, head + 4, 4, last, labels["goal_annual"])
    _put(table, head + 5, 1, 3, goals.total or "")
    _put(table, head + 5, 4, last, goals.annual or "")
    _indicators(table, head + 6, project, extras, labels)


def _indicators(table: _Grid, top: int, project: Project, extras: list[str], labels: dict[str, Any]) -> None:
    inds = project.indicators
    _put(table, top, 0, 0, labels["indicators"], r1=top + max(len(inds), 1))
    for c, key in ((1, "level1"), (2, "level2"), (3, "name3")):
        _put(table, top, c, c + (1 if key == "name3" else 0), labels[key])
    for j, key in enumerate(["target", *extras]):
        _put(table, top, 5 + j, 5 + j, labels[key])
    shown = [
        ((i.published or {}).get("level1", i.level1), (i.published or {}).get("level2", i.level2), i.level1, i.level2)
        for i in inds
    ]
    for tier in (1, 2):
        start = 0
        for k in range(1, len(inds) + 1):
            same = k < len(inds) and shown[k][:tier] == shown[start][:tier] and shown[k][2:2 + tier] == shown[start][2:2 + tier]
            if not same:
                _put(table, top + 1 + start, tier, tier, shown[start][tier - 1], r1=top + k)
                start = k
    for k, ind in enumerate(inds):
        r = top + 1 + k
        _put(table, r, 3, 4, ind.name)
        _put(table, r, 5, 5, ind.target.text if ind.target else "")
        for j, key in enumerate(extras):
            _put(table, r, 6 + j, 6 + j, indicator_cell(ind, key))
