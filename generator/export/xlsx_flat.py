"""Write projects as a flat export sheet: one row per indicator, many projects per sheet.

This is the layout budget-integration systems export (amounts usually in 元):
project columns repeated on every row, then 一级/二级/三级指标, 指标性质 (the
operator), 指标值, 度量单位, 权重, 指标方向性. ``generator.importers.xlsx`` reads it
back to the same projects; it is used for fixtures and round-trip tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from generator.export.form_labels import export_vocab, extra_columns, indicator_cell, split_target
from generator.schema import CurrencyUnit, Project

BASE = [
    "year", "department", "implementer", "name", "category", "start_date", "end_date",
    "funds.total", "funds.fiscal", "funds.other", "funds.annual_total", "funds.annual_fiscal",
    "funds.annual_carryover", "funds.annual_other", "goals.total_period", "goals.total", "goals.annual",
    "level1", "level2", "name3", "nature", "target", "unit", "weight", "direction",
]


def columns(projects: list[Project]) -> list[str]:
    """Column keys: the base set plus the optional indicator columns any project uses."""
    extras = [k for k in extra_columns(projects) if k not in BASE]
    attribute = ["attribute"] if any(p.attribute for p in projects) else []
    return BASE[:5] + attribute + BASE[5:] + extras


def write_flat_xlsx(projects: list[Project], path: Path, unit: CurrencyUnit = "元") -> None:
    """Write all projects to one sheet of ``path``; amounts in ``unit`` (元 or 万元).

    The sheet has one title row, so table type and region survive only when all
    projects share them.
    """
    vocab = export_vocab()
    keys = columns(projects)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("绩效目标")
    types = {p.table_type for p in projects}
    regions = {p.region or "" for p in projects}
    title = (regions.pop() if len(regions) == 1 else "") + vocab["form"]["titles"][types.pop() if len(types) == 1 else "申报表"]
    sheet.append([title])
    sheet.append([vocab["flat"][k] + (f"({unit})" if k.startswith("funds.") else "") for k in keys])
    for project in projects:
        for ind in project.indicators or [None]:
            sheet.append([_text_cell(sheet, _value(project, ind, k, unit)) for k in keys])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(str(path))


def _text_cell(sheet: Any, value: Any) -> Any:
    """Strings such as ``=100%`` are published values, not formulas: store them as text."""
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell
    return value


def _value(project: Project, ind: Any, key: str, unit: str) -> Any:
    if key.startswith("funds."):
        value = getattr(project.funds, key.removeprefix("funds."))
        return None if value is None else (value * 10000 if unit == "元" else value)
    if key.startswith("goals."):
        return getattr(project.goals, key.removeprefix("goals."))
    if key == "category":
        return project.category or project.project_class
    if key in ("year", "department", "implementer", "name", "attribute", "start_date", "end_date"):
        return getattr(project, key)
    if ind is None:
        return None
    if key in ("level1", "level2"):
        return (ind.published or {}).get(key, getattr(ind, key))
    if key == "name3":
        return ind.name
    nature, value, unit_cell = split_target(ind.target)
    if key in ("nature", "target", "unit"):
        return {"nature": nature, "target": value, "unit": unit_cell}[key] or None
    return indicator_cell(ind, key) or None
