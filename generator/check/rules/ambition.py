"""Ambition (适当性): targets that are met by doing nothing, low satisfaction floors, boilerplate."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from generator.check.registry import Hit, indicator_rule, rule
from generator.check.words import data, fold, has_any, is_negative, is_percent, is_rate_name
from generator.schema import Indicator, Project


@indicator_rule("ambition.trivial", "warning", "A target is not met by doing nothing (≥0 on a 增长率/提升度, ≤100% on a rate).")
def trivial(ind: Indicator) -> Iterator[Hit]:
    t = ind.target
    if t is None or t.number is None or is_negative(ind):
        return
    if t.operator in ("≥", ">") and t.number <= 0 and not (t.operator == ">" and t.number == 0):
        yield Hit(("target",), f"{ind.name}: {t.text!r} is met even if nothing improves; state the expected amount, e.g. ≥5.00({t.unit or '%'})")
    elif t.operator == "≤" and t.number >= 100 and (is_percent(t) and is_rate_name(ind.name)):
        yield Hit(("target",), f"{ind.name}: {t.text!r} holds for every rate; state a floor such as ≥95.00(%)")


@indicator_rule("ambition.satisfaction-low", "warning", "A 满意度 target is at least 80%.")
def satisfaction_low(ind: Indicator) -> Iterator[Hit]:
    t = ind.target
    if t is None or t.number is None or not is_percent(t) or not has_any(ind.name, "names", "satisfaction"):
        return
    floor = Decimal(str(data()["ambition"]["satisfaction_min"]))
    if t.operator in ("≥", ">", "=", None) and t.number < floor:
        yield Hit(("target",), f"{ind.name}: {t.text!r} is below the usual floor of {floor}%; a satisfaction target is normally ≥{floor:.2f}(%) or higher")


@rule("ambition.boilerplate", "info", "Not every indicator has the same value (a template filled in without thought).")
def boilerplate(project: Project) -> Iterator[Hit]:
    minimum = int(data()["ambition"]["boilerplate_min_indicators"])
    if len(project.indicators) < minimum or any(ind.target is None for ind in project.indicators):
        return
    first = fold(project.indicators[0].target.text) if project.indicators else None  # type: ignore[union-attr]
    # all() stops at the first other value: most projects need two folds, not one per indicator
    if first is not None and all(fold(ind.target.text) == first for ind in project.indicators):  # type: ignore[union-attr]
        yield Hit(
            ("indicators",),
            f"all {len(project.indicators)} indicators have the same value {project.indicators[0].target.text!r}; each indicator needs its own target "  # type: ignore[union-attr]
            "(counts in 人/次, deadlines, rates in %)",
        )
