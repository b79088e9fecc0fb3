"""Write projects as the official 财政项目支出绩效目标表 Word form: a small, deterministic .docx.

The layout follows the published 闵行 form the seed was extracted from: title,
``(YYYY年度)``, header rows with checkbox glyphs for 项目类别, the funds block,
the goals, and the indicator table with merged 一级/二级 cells. Optional columns
(实施期指标值, 分值, 指标方向, 指标解释, 绩效标准) are added only when a project has
them. ``generator.importers.docx`` reads this layout back to the same project.

Why not python-docx: its default template adds ~35 KB of styles, theme, fonts and
settings to every file and it needs ~16 ms per form; a site offers one form per project.
This writer emits only the parts Word and LibreOffice need (content types, package
relationships, the document) as escaped XML strings, merges cells with ``gridSpan`` /
``vMerge`` directly, and stamps every ZIP entry with one date, so the same project and
date always give the same bytes (~2.6 KB, ~0.3 ms). Fonts and sizes are set on every run
rather than in a styles part: deflate stores the repeated run properties almost for free,
while a styles part and its relationship cost ~0.6 KB per file. Without a styles part,
paragraphs have the applications' defaults (no spacing, single lines), as the form wants.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence
from xml.sax.saxutils import escape

from generator.export.form_labels import amount, category_cell, export_vocab, extra_columns, indicator_cell, ticked_cell
from generator.export.stablezip import Entry, deflate, zip_bytes
from generator.schema import Project

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
FONT = "SimSun"  # 宋体, as official forms are set

A4 = (11906, 16838)  # twips; official forms are printed on A4 with 2 cm margins
MARGIN = 1134
PORTRAIT, LANDSCAPE = A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN  # text widths
SQUEEZE = 1.25  # natural widths up to this much wider than portrait are scaled down; wider forms turn landscape
BASE_WIDTHS = (1400, 1300, 1500, 1550, 1750, 2138)  # labels, 一级, 二级, 三级 (2 columns), 年度指标值
EXTRA_WIDTHS = {"long_term_target": 1800, "weight": 700, "direction": 900, "explanation": 2200, "standard": 2200}
_LINES = re.compile(r"\r\n?|\n")

STATIC = {
    "[Content_Types].xml": f'{HEAD}<Types xmlns="{PKG}/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels": f'{HEAD}<Relationships xmlns="{PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>',
}
FONTS = f'<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{FONT}"/>'
LANG = '<w:lang w:eastAsia="zh-CN"/>'
RUN = f'<w:r><w:rPr>{FONTS}<w:sz w:val="20"/>{LANG}</w:rPr>'  # 10 pt, the form's text size
TABLE_PROPS = (
    '<w:tblW w:w="{width}" w:type="dxa"/><w:tblBorders>'
    + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + '</w:tblBorders><w:tblLayout w:type="fixed"/>'
    '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
)
END = '<w:p><w:pPr><w:spacing w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>'
"""The paragraph Word needs after the last table, too small to spill onto a page of its own."""
SECTION = (
    '<w:sectPr><w:pgSz w:w="{w}" w:h="{h}"{orient}/><w:pgMar w:top="{m}" w:right="{m}" w:bottom="{m}" w:left="{m}" '
    'w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>'
)


class _Grid:
    """The table's cells by grid position: ``at[(row, col)]`` = (the ``w:tc`` XML, columns it spans)."""

    def __init__(self, rows: int, width: int) -> None:
        self.rows, self.width = rows, width
        self.at: dict[tuple[int, int], tuple[str, int]] = {}

    def put(self, r: int, c0: int, c1: int, text: str, r1: int | None = None, label: bool = False) -> None:
        """Merge rows r..r1 and columns c0..c1 into one cell holding ``text`` (``label`` cells are centred)."""
        cols, rows = c1 - c0 + 1, (r if r1 is None else r1) - r + 1
        self.at[(r, c0)] = (_cell(text, cols, rows, label), cols)
        if rows > 1:
            below = _cell("", cols, 0, False)
            for rr in range(r + 1, r + rows):
                self.at[(rr, c0)] = (below, cols)

    def xml(self) -> str:
        """The ``w:tr`` rows; grid positions nobody filled become empty single cells."""
        out = []
        blank = (_cell("", 1, 1, False), 1)
        for r in range(self.rows):
            out.append("<w:tr>")
            c = 0
            while c < self.width:
                cell, cols = self.at.get((r, c), blank)
                out.append(cell)
                c += cols
            out.append("</w:tr>")
        return "".join(out)


@lru_cache(maxsize=512)  # labels and empty cells repeat in every form
def _cell(text: str, cols: int, rows: int, label: bool) -> str:
    """One ``w:tc``: ``rows`` > 1 starts a vertical merge, 0 continues one (the cell stays empty)."""
    props = f'<w:gridSpan w:val="{cols}"/>' if cols > 1 else ""
    if rows != 1:
        props += '<w:vMerge w:val="restart"/>' if rows else "<w:vMerge/>"
    body = _paragraphs(text, label) if rows else "<w:p/>"
    return f'<w:tc><w:tcPr>{props}<w:vAlign w:val="center"/></w:tcPr>{body}</w:tc>'


def _run(text: str) -> str:
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f"{RUN}<w:t{space}>{escape(text)}</w:t></w:r>"


def _paragraphs(text: str, centred: bool = False) -> str:
    """One paragraph per line of ``text`` (an empty cell still needs one paragraph)."""
    props = '<w:pPr><w:jc w:val="center"/></w:pPr>' if centred else ""
    return "".join(f"<w:p>{props}{_run(line)}</w:p>" if line else "<w:p/>" for line in _LINES.split(text or ""))


def _natural(project: Project) -> list[int]:
    """Column widths in twips before scaling: the base form plus the optional columns it has."""
    return [*BASE_WIDTHS, *(EXTRA_WIDTHS[key] for key in extra_columns([project]))]


def _scaled(raw: Sequence[int], width: int) -> list[int]:
    """``raw`` widths scaled to add up to ``width``."""
    total = sum(raw)
    widths = [w * width // total for w in raw]
    widths[-1] += width - sum(widths)
    return widths


def _project(project: Project, first: bool, page_width: int) -> str:
    labels = export_vocab()["form"]
    extras = extra_columns([project])
    width = 6 + len(extras)
    last = width - 1
    head = 4 if project.attribute else 3  # rows above the funds block
    inds = project.indicators
    grid = _Grid(head + 6 + 1 + max(len(inds), 1), width)
    day = lambda d: d.isoformat() if d else ""  # noqa: E731
    for r, (k1, v1, k2, v2) in enumerate(
        (
            ("name", project.name, "category", category_cell(project)),
            ("department", project.department, "implementer", project.implementer),
            ("start_date", day(project.start_date), "end_date", day(project.end_date)),
        )
    ):
        grid.put(r, 0, 0, labels[k1], label=True)
        grid.put(r, 1, 2, v1)
        grid.put(r, 3, 3, labels[k2], label=True)
        grid.put(r, 4, last, v2)
    if project.attribute:
        grid.put(3, 0, 0, labels["attribute"], label=True)
        grid.put(3, 1, last, ticked_cell(labels["attributes"], project.attribute))
    funds, unit = project.funds, project.funds.source_unit
    grid.put(head, 0, 0, labels["funds"].format(unit=unit), r1=head + 3, label=True)
    left = (("total", funds.total), ("fiscal", funds.fiscal), (None, None), ("other", funds.other))
    right = (
        ("annual_total", funds.annual_total),
        ("annual_fiscal", funds.annual_fiscal),
        ("annual_carryover", funds.annual_carryover),
        ("annual_other", funds.annual_other),
    )
    for i, ((lk, lv), (rk, rv)) in enumerate(zip(left, right)):
        grid.put(head + i, 1, 2, labels[lk] if lk else "")
        grid.put(head + i, 3, 3, amount(lv, unit))
        grid.put(head + i, 4, 4, labels[rk])
        grid.put(head + i, 5, last, amount(rv, unit))
    goals = project.goals
    period = f" ({goals.total_period})" if goals.total_period else ""
    grid.put(head + 4, 0, 0, labels["goals"], r1=head + 5, label=True)
    grid.put(head + 4, 1, 3, labels["goal_total"] + period, label=True)
    grid.put(head + 4, 4, last, labels["goal_annual"], label=True)
    grid.put(head + 5, 1, 3, goals.total or "")
    grid.put(head + 5, 4, last, goals.annual or "")
    _indicators(grid, head + 6, project, extras, labels)
    brk = "<w:pageBreakBefore/>" if not first else ""
    title = (project.region or "") + labels["titles"][project.table_type]
    cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in _scaled(_natural(project), page_width))
    return (
        f'<w:p><w:pPr>{brk}<w:spacing w:after="120"/><w:jc w:val="center"/></w:pPr>'
        f'<w:r><w:rPr>{FONTS}<w:b/><w:sz w:val="32"/>{LANG}</w:rPr><w:t>{escape(title)}</w:t></w:r></w:p>'
        f'<w:p><w:pPr><w:spacing w:after="120"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr>{FONTS}<w:sz w:val="22"/>{LANG}</w:rPr>'
        f'<w:t>{escape(labels["year"].format(year=project.year))}</w:t></w:r></w:p>'
        f"<w:tbl><w:tblPr>{TABLE_PROPS.format(width=page_width)}</w:tblPr><w:tblGrid>{cols}</w:tblGrid>{grid.xml()}</w:tbl>"
    )


def _indicators(grid: _Grid, top: int, project: Project, extras: list[str], labels: dict[str, Any]) -> None:
    inds = project.indicators
    grid.put(top, 0, 0, labels["indicators"], r1=top + max(len(inds), 1), label=True)
    for c, key in ((1, "level1"), (2, "level2"), (3, "name3")):
        grid.put(top, c, c + (1 if key == "name3" else 0), labels[key], label=True)
    for j, key in enumerate(["target", *extras]):
        grid.put(top, 5 + j, 5 + j, labels[key], label=True)
    shown = [
        ((i.published or {}).get("level1", i.level1), (i.published or {}).get("level2", i.level2), i.level1, i.level2)
        for i in inds
    ]
    for tier in (1, 2):
        start = 0
        for k in range(1, len(inds) + 1):
            same = k < len(inds) and shown[k][:tier] == shown[start][:tier] and shown[k][2:2 + tier] == shown[start][2:2 + tier]
            if not same:
                grid.put(top + 1 + start, tier, tier, shown[start][tier - 1], r1=top + k, label=True)
                start = k
    for k, ind in enumerate(inds):
        r = top + 1 + k
        grid.put(r, 3, 4, ind.name)
        grid.put(r, 5, 5, ind.target.text if ind.target else "")
        for j, key in enumerate(extras):
            grid.put(r, 6 + j, 6 + j, indicator_cell(ind, key))


def document_xml(projects: Sequence[Project]) -> str:
    """``word/document.xml``: each project's form, every one after the first on a new page.

    A4 portrait; landscape when a form has so many optional columns that portrait would squeeze
    them (one section for the whole document, so then every form is landscape).
    """
    wide = any(sum(_natural(p)) > PORTRAIT * SQUEEZE for p in projects)
    width = LANDSCAPE if wide else PORTRAIT
    body = "".join(_project(p, i == 0, width) for i, p in enumerate(projects))
    page = SECTION.format(w=A4[1], h=A4[0], orient=' w:orient="landscape"', m=MARGIN) if wide else SECTION.format(w=A4[0], h=A4[1], orient="", m=MARGIN)
    return f'{HEAD}<w:document xmlns:w="{W}"><w:body>{body}{END}{page}</w:body></w:document>'


@lru_cache(maxsize=1)
def _static_entries() -> tuple[Entry, ...]:
    """The parts every form shares, deflated once."""
    return tuple(deflate(name, text.encode("utf-8")) for name, text in STATIC.items())


def docx_bytes(projects: Sequence[Project], when: date | None = None) -> bytes:
    """The .docx file of ``projects``; every ZIP entry is dated ``when`` (midnight), else 1980-01-01."""
    static = _static_entries()
    document = deflate("word/document.xml", document_xml(projects).encode("utf-8"), 6)  # level 9: 2.5% smaller, twice the time
    return zip_bytes([*static, document], when)


def write_docx(projects: list[Project], path: Path, when: date | None = None) -> None:
    """Write ``projects`` to one .docx file, each table on its own page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(docx_bytes(projects, when))
