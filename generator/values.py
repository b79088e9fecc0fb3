"""Parse a published target value (年度指标值) into operator, number and unit.

``=100.00(%)`` → ``=``, 100.00, ``%``; ``≥4500.00(名)`` → ``≥``, 4500, ``名``;
``及时`` and ``约100-200人/场`` stay qualitative. The published text is always kept.
Full-width forms (``＝ ＞ ％ １２``), ASCII digraphs (``>=``) and thousands
separators are normalised for parsing only.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from generator.labels import vocabulary
from generator.schema import Target

_OPERATORS = {
    ">=": "≥", "≧": "≥", "≥": "≥", "=>": "≥",
    "<=": "≤", "≦": "≤", "≤": "≤", "=<": "≤",
    "==": "=", "=": "=", ">": ">", "<": "<",
    "±": "±", "+-": "±", "+/-": "±",
}
_OP_RE = "|".join(re.escape(k) for k in sorted(_OPERATORS, key=len, reverse=True))
_NUMBER_RE = r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_VALUE = re.compile(
    rf"^(?P<op>{_OP_RE})?\s*(?P<num>{_NUMBER_RE})\s*"
    rf"(?:\((?P<punit>[^()]*)\)|(?P<unit>[%‰A-Za-z\u4e00-\u9fff/]+(?:/[A-Za-z\u4e00-\u9fff]+)*))?\s*$"
)
_TIME_UNITS = ("月", "年", "日", "号", "时", "季度", "周")


def normalise(text: str) -> str:
    """NFKC-fold and trim: full-width digits, operators and spaces become ASCII."""
    folded = unicodedata.normalize("NFKC", text)
    folded = folded.replace("\u3000", " ").replace("（", "(").replace("）", ")")
    return " ".join(folded.split())


def to_decimal(text: str) -> Decimal | None:
    """A Decimal from ``2,863.00``-style text, or None when it is not a number."""
    cleaned = normalise(text).replace(",", "")
    if not re.fullmatch(r"[-+]?\d+(?:\.\d+)?", cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - regex already guards
        return None


def parse_parts(text: str) -> tuple[str | None, Decimal | None, str | None]:
    """(operator, number, unit) of one published value, as ``parse_value`` reads it; all None
    when it is qualitative. Builds no model: the checks compare the parts of every target."""
    folded = normalise(text)
    match = _VALUE.match(folded)
    if not match:
        return None, None, None
    op_raw = match.group("op")
    unit = match.group("punit")
    if unit is None:
        unit = match.group("unit")
    unit = unit.strip() if unit else None
    number = to_decimal(match.group("num"))
    if number is None:  # pragma: no cover
        return None, None, None
    if op_raw is None and unit and unit not in vocabulary().count_units:
        return None, None, None
    if op_raw is None and unit and unit.startswith(_TIME_UNITS):
        return None, None, None
    return _OPERATORS[op_raw] if op_raw else None, number, unit or None


def parse_value(text: str) -> Target:
    """Parse one published value; anything that is not ``[op] number [unit]`` is qualitative.

    A value without an operator is quantitative only when its unit is empty or a
    count/measure unit (``85%``, ``180``, ``10辆``); ``9月`` or ``12月底前`` are
    deadlines and stay qualitative. Text with a control character (``CONTROL_CHARACTERS``)
    is not a value: the Target refuses it (ValidationError); readers clean cells first.
    """
    operator, number, unit = parse_parts(text)
    if number is None:
        return Target(text=text)
    return Target(text=text, operator=operator, number=number, unit=unit)
