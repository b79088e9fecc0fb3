"""Weak 成本指标: a cost indicator states a real cap in money (≤65万元, ≤300元/人)."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Iterator

from generator.check.registry import Hit, indicator_rule, rule
from generator.check.words import data, fold, has_any, is_cost, is_money_unit
from generator.schema import Indicator, Project


@indicator_rule("cost.weak", "warning", "A 成本指标 is a money cap, not 成本控制率 100% or 控制在预算内.")
def weak(ind: Indicator) -> Iterator[Hit]:
    t = ind.target
    if not is_cost(ind) or t is None:
        return
    if has_any(ind.name, "names", "budget_execution"):
        yield Hit(("name",), f"{ind.name} measures budget execution, not cost; state a cost cap such as 人均成本 ≤300.00(元/人)")
    elif not is_money_unit(t.unit):
        yield Hit(("target",), f"{ind.name}: {t.text!r} is not an amount of money; a cost indicator caps spending, e.g. ≤65.00(万元) or ≤300.00(元/人)")
    elif t.number == 0:
        yield Hit(("target",), f"{ind.name}: a cost of {t.text!r} is not a plausible cap; state the real amount, e.g. ≤65.00(万元)")


@rule("cost.exceeds-funds", "warning", "A cost cap in 万元/元 is not above the year's funds (年度资金申请总额).")
def exceeds_funds(project: Project) -> Iterator[Hit]:
    annual = project.funds.annual_total
    if annual is None:
        return
    factors = _factors()
    for i, ind in enumerate(project.indicators):
        t = ind.target
        if not is_cost(ind) or t is None or t.number is None or t.unit is None:
            continue
        factor = factors.get(fold(t.unit))
        if factor is not None and t.number * factor > annual:
            yield Hit(
                ("indicators", i, "target"),
                f"{ind.name}: cap {t.text!r} is above the year's funds of {annual:.2f} 万元; a cost cap is at most ≤{annual:.2f}(万元)",
            )


@lru_cache(maxsize=1)
def _factors() -> dict[str, Decimal]:
    """万元 per unit of each money unit (folded), from the rules data."""
    return {fold(k): Decimal(str(v)) for k, v in data()["units"]["money_to_wanyuan"].items()}
