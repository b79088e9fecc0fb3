"""Value vs name, and value parsing: a 率 is a percentage, a 数 is a count, the parsed parts match the text."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Iterator

from generator.check.registry import Hit, indicator_rule
from generator.check.words import (
    data, fold, has_any, is_count_name, is_count_unit, is_money_unit, is_grade, is_growth_name, is_percent, is_placeholder, is_rate_name, words,
)
from generator.schema import Indicator, Target
from generator.values import parse_parts

_HUNDRED = Decimal(100)
_NUMBER_UNIT = re.compile(r"\d+(?:\.\d+)?\s*(?:[-~～至到]\s*\d+(?:\.\d+)?)?\s*\(?([\u4e00-\u9fff]+(?:/[\u4e00-\u9fff]+)?)")


def _count_unit_in_text(text: str) -> str | None:
    """The count unit written after a number in a qualitative value (``约100-200人/场`` → ``人/场``)."""
    for match in _NUMBER_UNIT.finditer(fold(text)):
        unit = match.group(1)
        if is_count_unit(unit):
            return unit
    return None


def _target(ind: Indicator) -> Target | None:
    """The annual target when it holds a value (not empty, not a placeholder such as 无 or /)."""
    t = ind.target
    return t if t is not None and not is_placeholder(t.text) else None


@indicator_rule("value.rate-unit", "warning", "A 率/比例/覆盖率/满意度 is a percentage, not a count such as 名 or 人/场, nor money.")
def rate_unit(ind: Indicator) -> Iterator[Hit]:
    t = _target(ind)
    if t is None or not is_rate_name(ind.name):
        return
    if t.number is not None:
        unit = t.unit if is_count_unit(t.unit) or is_money_unit(t.unit) else None
    else:
        unit = _count_unit_in_text(t.text)
    if unit:
        yield Hit(
            ("target",),
            f"{ind.name} is a rate but {t.text!r} is measured in {unit}; a rate is a share such as =100.00(%) "
            f"(or rename the indicator to a count such as …人数 and keep {unit})",
        )


@indicator_rule("value.rate-qualitative", "warning", "A qualitative value on a 率/满意度 indicator is a grade (优/良/达标…), not free text.")
def rate_qualitative(ind: Indicator) -> Iterator[Hit]:
    t = _target(ind)
    if t is not None and is_rate_name(ind.name) and t.number is None and not is_grade(t.text) and not _count_unit_in_text(t.text):
        yield Hit(
            ("target",),
            f"{ind.name} is a rate but its value {t.text!r} is neither a percentage nor a grade; write e.g. =100.00(%) or a grade such as 达标",
        )


@indicator_rule("value.rate-range", "warning", "A percentage is in 0–100 (a larger one is often two numbers run together, e.g. 88100).")
def rate_range(ind: Indicator) -> Iterator[Hit]:
    t = _target(ind)
    if t is None or t.number is None or not (is_percent(t) or (is_rate_name(ind.name) and t.unit is None)):
        return
    if t.number < 0 or (t.number > _HUNDRED and not is_growth_name(ind.name)):
        yield Hit(
            ("target",),
            f"{ind.name}: {t.text!r} is outside 0–100%; a rate lies between 0 and 100 (two cells run together? e.g. 88100 for 88 and 100)",
        )


@indicator_rule("value.count-unit", "warning", "A 数/人数/次数 indicator is a number with a unit (人, 次, 家…), not a percentage or words.")
def count_unit(ind: Indicator) -> Iterator[Hit]:
    t = _target(ind)
    if t is None or not is_count_name(ind.name):
        return
    if t.number is None:
        if not _count_unit_in_text(t.text):
            yield Hit(("target",), f"{ind.name} is a count but {t.text!r} has no number; write e.g. ≥20.00(人) or =3.00(次)")
    elif t.unit is None or is_percent(t):
        shown = f"in {t.unit}" if t.unit else "without a unit"
        yield Hit(("target",), f"{ind.name} is a count but {t.text!r} is {shown}; use a count unit such as 人, 次, 家 or 个, e.g. ={t.number:.2f}(家)")


@indicator_rule("value.no-operator", "warning", "A quantitative value states its operator (=, ≥, ≤…).")
def no_operator(ind: Indicator) -> Iterator[Hit]:
    t = _target(ind)
    if t is not None and t.number is not None and t.operator is None and not _serial(ind.level2, t.number):
        unit = f"({t.unit})" if t.unit else ""
        yield Hit(
            ("target",),
            f"{t.text!r} has no operator, so it is unclear whether it is a floor, a cap or exact; write e.g. ≥{t.number:.2f}{unit} or ={t.number:.2f}{unit}",
        )


@indicator_rule("value.excel-serial", "warning", "A 时效 value is not an Excel date serial (44561 instead of 2021-12-31).")
def excel_serial(ind: Indicator) -> Iterator[Hit]:
    t = _target(ind)
    if t is None:
        return
    number = t.number if t.number is not None else _bare_int(t.text)
    if _serial(ind.level2, number):
        assert number is not None
        day = date(1899, 12, 30) + timedelta(days=int(number))
        yield Hit(("target",), f"{t.text!r} looks like an Excel date serial; it is the date {day.isoformat()}: write the date or deadline, e.g. {day.month}月底前")


def _serial(level2: str, number: Decimal | None) -> bool:
    """True for an integer in the Excel-serial range in a 时效 row (reported by value.excel-serial)."""
    if level2 != "时效指标" or number is None:
        return False
    low, high = data()["values"]["excel_serial"]
    return low <= number <= high and number == number.to_integral_value()


def _bare_int(text: str) -> Decimal | None:
    folded = fold(text).replace(",", "")
    return Decimal(folded) if folded.isdigit() else None


@lru_cache(maxsize=65536)
def _parts(text: str) -> tuple[str | None, Decimal | None, str | None]:
    """(operator, number, unit) that ``parse_value`` reads in ``text``; cached: the same texts recur."""
    return parse_parts(text)


@indicator_rule("value.inconsistent", "error", "The parsed operator, number and unit agree with the published text.")
def inconsistent(ind: Indicator) -> Iterator[Hit]:
    for key in ("target", "long_term_target"):
        t = getattr(ind, key)
        if t is None:
            continue
        op, number, unit = _parts(t.text)
        if number is None:
            if t.number is not None and f"{t.number.normalize():f}" not in fold(t.text).replace(",", ""):
                yield Hit((key,), f"number {t.number} does not occur in the text {t.text!r}; fix the text or the number")
            continue
        same = (op, number, unit) == (t.operator, t.number, t.unit)
        if not same:
            shown = f"operator {t.operator}, number {t.number}, unit {t.unit}"
            want = f"operator {op}, number {number.normalize():f}, unit {unit}"
            yield Hit((key,), f"the text {t.text!r} reads as {want} but the file says {shown}; make them agree (e.g. write just `{key}: {t.text}`)")


@indicator_rule("value.money-unit", "warning", "A 金额/费用 indicator is an amount of money, not a percentage or a count.")
def money_unit(ind: Indicator) -> Iterator[Hit]:
    t = _target(ind)
    if t is None or t.number is None or is_rate_name(ind.name) or not _money_name(ind.name):
        return
    if is_percent(t) or is_count_unit(t.unit):
        yield Hit(("target",), f"{ind.name} is an amount of money but {t.text!r} is in {t.unit}; write it in 元 or 万元, e.g. ≤28.80(万元)")


@lru_cache(maxsize=65536)
def _money_name(name: str) -> bool:
    """A name that ends in a money word (…金额, …费用)."""
    folded = fold(name)
    return any(folded.endswith(w) for w in words("names", "money"))
