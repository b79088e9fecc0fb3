"""Labels and value formatting shared by the form exporters (DOCX form, flat XLSX).

The Chinese labels live in ``data/vocabulary.yaml`` (``export_labels``,
``flat_export``); the importers read them back through the same vocabulary.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any


from generator.labels import raw_vocabulary
from generator.schema import Project, Target
from generator.yamlio import exact_context, format_number


@lru_cache(maxsize=1)
def export_vocab() -> dict[str, Any]:
    """``export_labels``, ``flat_export`` and the checkbox glyphs from the vocabulary."""
    raw = raw_vocabulary()
    return {
        "form": raw["export_labels"],
        "flat": raw["flat_export"],
        "checked": raw["checked_glyphs"][0],
        "unchecked": raw["unchecked_glyphs"][0],
    }


def amount(value: Decimal | None, unit: str = "万元") -> str:
    """An amount as the form prints it (``9.00``), converted from 万元 to ``unit``."""
    if value is None:
        return ""
    if unit == "元":
        value = value * 10000
    cents = value.quantize(Decimal("0.01"), context=exact_context(value))
    return f"{cents:f}" if cents == value else f"{format_number(value):f}"


def ticked_cell(options: list[str], chosen: str) -> str:
    """``新增项目 ☑ 延续项目 □``: every option with its box, the chosen one ticked."""
    v = export_vocab()
    return " ".join(f"{c} {v['checked'] if c == chosen else v['unchecked']}" for c in options)


def category_cell(project: Project) -> str:
    """``专项资金 □ 经常性项目 ☑ 一次性项目 □``; the 项目类别 text of newer forms; else empty."""
    v = export_vocab()
    if project.category is None:
        return project.project_class or ""
    boxes = list(v["form"]["form_categories"])
    if project.category not in boxes:
        boxes.append(project.category)
    return ticked_cell(boxes, project.category)


_SPLIT = re.compile(r"^(?P<op>[=≥>≤<±])(?P<num>[-+]?\d+(?:\.\d+)?)(?:\((?P<unit>[^()]+)\))?$")


def split_target(target: Target | None) -> tuple[str, str, str]:
    """(指标性质, 指标值, 度量单位) cells that the flat importer composes back into the same text."""
    if target is None:
        return "", "", ""
    m = _SPLIT.match(target.text)
    if m and target.operator is not None:
        return m.group("op"), m.group("num"), m.group("unit") or ""
    if target.number is None:
        return export_vocab()["form"]["qualitative"], target.text, ""
    return "", target.text, ""


def extra_columns(projects: list[Project]) -> list[str]:
    """Optional indicator columns any of the projects needs, in form order."""
    keys = ("long_term_target", "weight", "direction", "explanation", "standard")
    return [k for k in keys if any(getattr(i, k) is not None for p in projects for i in p.indicators)]


def indicator_cell(ind: Any, key: str) -> str:
    """The text of one optional indicator column."""
    value = getattr(ind, key)
    if value is None:
        return ""
    if isinstance(value, Target):
        return value.text
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)
