"""What a project page must carry so the browser can make its CSV and DOCX downloads exactly.

The per-project ``<id>-indicators.csv`` and ``<id>.docx`` are no longer files of the site: at
10,000 projects they were 20,000 files and 46 MB. ``generator/assets/js/downloads.js`` makes
them when the reader clicks, from the page itself.

Where the data comes from (the design choice): **the page's own tables**, read as the reader
sees them, plus **a port of the value parser** (``generator/values.py`` → ``parse`` in the
script) for the parsed operator / number / unit the CSV has and the page does not show, plus,
only where those two cannot give the exact value, a **sparse fix**: a small JSON object in the
``data-fix`` attribute of the page's download bar, written by ``page_fixes`` below.

Why the parser port and not the parsed parts embedded: the parts are ~60 bytes a page (six to
ten quantified targets; the budget is ~150 bytes a page at 10,000+ pages), the port costs the
pages nothing; ``tests/browser/test_page_downloads.py`` proves JS == Python on every value of the
seed, the test fixtures, a 1,000-project synthetic corpus, the parser's own cases and 5,000
generated values. A target whose stored parts differ from what the parser makes of its text
(hand-edited YAML, ``value.inconsistent`` silenced) is one of the fixes, so the port never guesses.
Why not the whole record as JSON in the page: it would repeat every cell (~3 KB a page).

What the page cannot give exactly, so it is fixed (everything else is read from the page):

- text with a tab (Markdown expands tabs to spaces) or a carriage return (a line break shows
  as ``<br>``, read back as ``\\n``): the exact text;
- 二级/一级 labels as printed in the source (``published``) where they differ from the
  canonical label: the DOCX prints them, the page shows them only once per merged cell;
- amounts the page rounds (more than two decimals) or converts (source unit 元): the seven
  amounts as the form prints them, and the unit;
- a weight (分值) whose CSV text differs from the page's (more than 28 significant digits);
- a target or long-term target whose stored operator / number / unit differ from the parser's.

A fix is ``{key: value, "i": {row index: {key: value}}}`` over the keys of the record the script
builds (``read`` in downloads.js): ``name department implementer region goal_total goal_period
goal_annual unit funds`` (``funds``: the seven amounts as the DOCX form prints them, in
``FUND_KEYS`` order) and per indicator row ``level1 level2 name shown1 shown2 text op num unit
long_text long_op long_num long_unit weight weight_csv direction explanation standard``
(``shown1``/``shown2``: the labels the form prints; ``op num unit``: the CSV's parsed cells).
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from generator.export.form_labels import amount, indicator_cell
from generator.export.rows import cell, number
from generator.schema import Indicator, Project, Target
from generator.values import parse_value

FUND_KEYS = ("total", "fiscal", "other", "annual_total", "annual_fiscal", "annual_carryover", "annual_other")
"""The order of ``funds`` in the record (the DOCX form's order, left column first)."""
PAGE_UNIT = "万元"
"""The unit the page's amounts are printed in."""
_CENTS = (0, -1, -2)
"""Exponents of amounts the page prints exactly (``50``, ``11.5``, ``11.50`` → ``x.xx``): no formatting needed to know."""
_ATTRIBUTE_ESCAPES = {"&": "\\u0026", "<": "\\u003c", ">": "\\u003e", "'": "\\u0027", "=": "\\u003d"}
"""JSON escapes that make the fix safe in a single-quoted attribute (``=`` too, so the post-build
attribute-unquoting never sees ``="`` inside it)."""


def _lossy(text: str | None) -> bool:
    """True when the page cannot carry ``text`` exactly (a tab, or a carriage return read back as ``\\n``)."""
    return text is not None and ("\t" in text or "\r" in text)


@lru_cache(maxsize=65536)  # target texts repeat a lot (=100.00(%), 及时)
def _parsed(text: str) -> tuple[str | None, Decimal | None, str | None]:
    """(operator, number, unit) the value parser makes of ``text``."""
    target = parse_value(text)
    return target.operator, target.number, target.unit


def _same_parts(target: Target | None, text: str) -> bool:
    """Whether ``target``'s stored parts are the parser's (numbers by value and sign: -0 prints as ``-0``)."""
    op, num, unit = _parsed(text)
    if target is None:
        return op is None and num is None and unit is None
    if target.operator != op or target.unit != unit:
        return False
    if target.number is None or num is None:
        return target.number is num
    return target.number == num and target.number.is_signed() == num.is_signed()


def _cells(target: Target | None) -> tuple[str, str, str]:
    """(operator, number, unit) CSV cells of ``target``."""
    if target is None:
        return "", "", ""
    return cell(target.operator), number(target.number), cell(target.unit)


def _page_amount(value: Decimal | None) -> str:
    """An amount as the page prints it (``render.amount``: ``2,863.00``) without the commas."""
    return "" if value is None else f"{value:,.2f}".replace(",", "")


def _target_fix(target: Target | None, prefix: str, fix: dict[str, Any]) -> None:
    """The script parses the exact text (after the text fix, if any): only stored parts that differ
    from the parser's are fixed."""
    text = target.text if target else ""
    if _lossy(text):
        fix[prefix + "text"] = text
    if not _same_parts(target, text):
        fix[prefix + "op"], fix[prefix + "num"], fix[prefix + "unit"] = _cells(target)


def _row_fix(ind: Indicator) -> dict[str, Any]:
    target = ind.target
    text = target.text if target is not None else ""
    if ind.published is None and ind.long_term_target is None and ind.weight is None:  # most rows: one look
        blob = f"{ind.level1}{ind.level2}{ind.name}{text}{ind.explanation or ''}{ind.standard or ''}"
        if "\t" not in blob and "\r" not in blob and _same_parts(target, text):
            return {}
    fix: dict[str, Any] = {}
    for key in ("level1", "level2", "name", "direction", "explanation", "standard"):
        text = getattr(ind, key)
        if _lossy(text):
            fix[key] = text
    if ind.published:
        for key, tier in (("shown1", "level1"), ("shown2", "level2")):
            shown = ind.published.get(tier, getattr(ind, tier))
            if shown != getattr(ind, tier):
                fix[key] = shown
    _target_fix(ind.target, "", fix)
    if ind.long_term_target is not None:
        _target_fix(ind.long_term_target, "long_", fix)
    if ind.weight is not None and number(ind.weight) != indicator_cell(ind, "weight"):
        fix["weight_csv"] = number(ind.weight)
    return fix


def fixes(project: Project) -> dict[str, Any]:
    """What the script cannot read exactly from ``project``'s page (see the module docstring)."""
    fix: dict[str, Any] = {}
    goals = project.goals
    for key, text in (
        ("name", project.name),
        ("department", project.department),
        ("implementer", project.implementer),
        ("region", project.region),
        ("goal_total", goals.total),
        ("goal_period", goals.total_period),
        ("goal_annual", goals.annual),
    ):
        if _lossy(text):
            fix[key] = text
    funds, unit = project.funds, project.funds.source_unit
    values = [getattr(funds, key) for key in FUND_KEYS]
    if unit != PAGE_UNIT or not all(v is None or v.as_tuple().exponent in _CENTS for v in values):
        printed = [amount(v, unit) for v in values]
        if unit != PAGE_UNIT or printed != [_page_amount(v) for v in values]:
            fix["unit"], fix["funds"] = unit, printed
    rows = {str(n): row for n, row in ((n, _row_fix(ind)) for n, ind in enumerate(project.indicators)) if row}
    if rows:
        fix["i"] = rows
    return fix


def page_fixes(project: Project) -> Markup:
    """The ``data-fix`` attribute value for ``project``'s page: JSON for a single-quoted attribute, or ""."""
    fix = fixes(project)
    if not fix:
        return Markup("")
    text = json.dumps(fix, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _ATTRIBUTE_ESCAPES.items():
        text = text.replace(char, escaped)
    return Markup(text)
