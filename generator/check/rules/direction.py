"""Direction: a cost or adverse-event (反向) indicator is a cap (≤ / <), not a floor."""

from __future__ import annotations

from typing import Iterator

from generator.check.registry import Hit, indicator_rule
from generator.check.words import has_any, is_cost, is_money_unit, is_negative
from generator.schema import Indicator


@indicator_rule("direction.cap", "warning", "A 成本 or 反向 indicator uses ≤ or < (=0 起/件 is fine).")
def cap(ind: Indicator) -> Iterator[Hit]:
    t = ind.target
    if t is None or t.number is None or t.operator in ("≤", "<", None, "±"):
        return
    cost = is_cost(ind) and (t.unit is None or is_money_unit(t.unit)) and not has_any(ind.name, "names", "budget_execution")
    if not (cost or is_negative(ind)):
        return  # a cost stated as a percentage is reported by cost.weak
    if t.operator == "=" and t.number == 0:
        return
    kind = "a cost" if cost else "a negative (反向) indicator"
    unit = f"({t.unit})" if t.unit else ""
    yield Hit(("target",), f"{ind.name} is {kind}, so its target is a cap: write ≤{t.number:.2f}{unit} instead of {t.text!r}")
