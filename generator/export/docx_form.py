"""Write projects as the official 财政项目支出绩效目标表 Word form: a small, deterministic .docx.

The layout follows the published 闵行 form the seed was extracted from: title,
``(YYYY年度)``, header rows with checkbox glyphs for 项目类别, the funds block,
the goals, and the indicator table with merged 一级/二级 cells. Optional columns
(实施期指标值, 分值, 指标方向, 指标解释, 绩效标准) are added only when a project has
them. ``generator.importers.docx`` reads this layout back to the same project.

Why not python-docx: its default template adds ~35 KB of styles, theme, fonts and
settings to every file and it needs ~16 ms per form; a site offers one form per project.
``docx_xml`` writes only the parts Word and LibreOffice need, merges cells with
``gridSpan`` / ``vMerge`` directly and stamps every ZIP entry with one date, so the same
project and date always give the same bytes (~2.6 KB, ~0.3 ms per form).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Sequence

from generator.export.docx_xml import LANDSCAPE, PORTRAIT, Grid, document, heading, package
from generator.export.form_labels import amount, category_cell, export_vocab, extra_columns, indicator_cell, ticked_cell
from generator.schema import Project

SQUEEZE = 1.25  # natural widths up to this much wider than portrait are scaled down; wider forms turn landscape
BASE_WIDTHS = (1400, 1300, 1500, 1550, 1750, 2138)  # twips: labels, 一级, 二级, 三级 (2 columns), 年度指标值
EXTRA_WIDTHS = {"long_term_target": 1800, "weight": 700, "direction": 900, "explanation": 2200, "standard": 2200}


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
    grid = Grid(head + 6 + 1 + max(len(inds), 1), width)
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
    title = (project.region or "") + labels["titles"][project.table_type]
    return (
        heading(title, 32, bold=True, new_page=not first)  # 16 pt
        + heading(labels["year"].format(year=project.year), 22)  # 11 pt
        + grid.xml(_scaled(_natural(project), page_width))
    )


def _indicators(grid: Grid, top: int, project: Project, extras: list[str], labels: dict[str, Any]) -> None:
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
    return document("".join(_project(p, i == 0, width) for i, p in enumerate(projects)), landscape=wide)


def docx_bytes(projects: Sequence[Project], when: date | None = None) -> bytes:
    """The .docx file of ``projects``; every ZIP entry is dated ``when`` (midnight), else 1980-01-01."""
    return package(document_xml(projects), when)


def write_docx(projects: list[Project], path: Path, when: date | None = None) -> None:
    """Write ``projects`` to one .docx file, each table on its own page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(docx_bytes(projects, when))
