"""Rules about the checks themselves: an ``ignore`` entry names a real rule."""

from __future__ import annotations

from typing import Iterator

from generator.check.registry import RULES, Hit, rule
from generator.schema import Project


@rule("check.unknown-ignore", "warning", "Every rule id in an indicator's ignore: mapping exists.")
def unknown_ignore(project: Project) -> Iterator[Hit]:
    for i, ind in enumerate(project.indicators):
        for key in sorted(ind.ignore or {}):
            if key not in RULES:
                yield Hit(("indicators", i, "ignore", key), f"ignore names unknown rule {key!r}; use a rule id from `python -m generator check --list-rules`")
