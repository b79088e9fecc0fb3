"""项目资金 arithmetic (适当性): totals add up, nothing negative, amounts in the right unit."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from generator.check.registry import Hit, rule
from generator.check.words import data
from generator.schema import Funds, Project

_FIELDS = ("total", "fiscal", "other", "annual_total", "annual_fiscal", "annual_carryover", "annual_other")


def _fmt(value: Decimal) -> str:
    return f"{value:.2f}"


def _sum(funds: Funds, keys: tuple[str, ...]) -> Decimal | None:
    parts = [getattr(funds, k) for k in keys]
    if all(p is None for p in parts):
        return None
    return sum((p for p in parts if p is not None), Decimal(0))


@rule("funds.negative", "error", "No amount of 项目资金 is negative.")
def negative(project: Project) -> Iterator[Hit]:
    for key in _FIELDS:
        value = getattr(project.funds, key)
        if value is not None and value < 0:
            yield Hit(("funds", key), f"amount {_fmt(value)} 万元 is negative; amounts are never below 0 (leave the cell empty, null, when there is none)")


@rule("funds.sum-total", "error", "项目资金总额 = 财政资金 + 其他资金.")
def sum_total(project: Project) -> Iterator[Hit]:
    f = project.funds
    parts = _sum(f, ("fiscal", "other"))
    if f.total is not None and parts is not None and parts != f.total:
        yield Hit(("funds", "total"), f"项目资金总额 {_fmt(f.total)} ≠ 财政资金 + 其他资金 = {_fmt(parts)} 万元; the total should be {_fmt(parts)} (or fix a part)")


@rule("funds.sum-annual", "error", "年度资金申请总额 = 当年财政拨款 + 上年结转资金 + 其他资金.")
def sum_annual(project: Project) -> Iterator[Hit]:
    f = project.funds
    parts = _sum(f, ("annual_fiscal", "annual_carryover", "annual_other"))
    if f.annual_total is not None and parts is not None and parts != f.annual_total:
        yield Hit(
            ("funds", "annual_total"),
            f"年度资金申请总额 {_fmt(f.annual_total)} ≠ 当年财政拨款 + 上年结转 + 其他 = {_fmt(parts)} 万元; the annual total should be {_fmt(parts)} (or fix a part)",
        )


@rule("funds.annual-exceeds-total", "error", "年度资金申请总额 is not above 项目资金总额.")
def annual_exceeds_total(project: Project) -> Iterator[Hit]:
    f = project.funds
    if f.total is not None and f.annual_total is not None and f.annual_total > f.total:
        yield Hit(
            ("funds", "annual_total"),
            f"年度资金申请总额 {_fmt(f.annual_total)} is above 项目资金总额 {_fmt(f.total)} 万元; one year's request is at most the project total",
        )


@rule("funds.magnitude", "warning", "Amounts have a plausible magnitude for 万元 (catches 元 entered as 万元 and back).")
def magnitude(project: Project) -> Iterator[Hit]:
    f = project.funds
    limits = data()["funds"]
    high, low = Decimal(str(limits["yuan_suspect_min"])), Decimal(str(limits["wanyuan_suspect_max"]))
    for key in _FIELDS:
        value = getattr(f, key)
        if value is None or value <= 0:
            continue
        if value >= high:
            yield Hit(
                ("funds", key),
                f"{_fmt(value)} 万元 (≥ {_fmt(high)} 万元) looks like an amount in 元 entered as 万元; "
                f"in 万元 it would be {_fmt(value.scaleb(-4))} (set funds.source_unit: 元 when the table is in 元)",
            )
            break
        if f.source_unit == "元" and value < low:
            yield Hit(("funds", key), f"{value} 万元 is below {low} 万元 (10 元); the 元 → 万元 conversion was probably applied twice")
            break
