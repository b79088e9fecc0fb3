"""Rules about the checks themselves: an ``ignore`` entry names a real rule."""

from __future__ import annotations

from typing import Iterator

from generator.check.registry import RULES, Hit, indicator_rule
from generator.schema import Indicator


@indicator_rule("check.unknown-ignore", "warning", "Every rule id in an indicator's ignore: mapping exists.")
def unknown_ignore(ind: Indicator) -> Iterator[Hit]:
    for key in sorted(ind.ignore or {}):
        if key not in RULES:
            yield Hit(("ignore", key), f"ignore names unknown rule {key!r}; use a rule id from `python -m generator check --list-rules`")
