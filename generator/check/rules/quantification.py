"""Quantification (细化、量化): vague-verb values, and projects that are mostly qualitative."""

from __future__ import annotations

from typing import Iterator

from generator.check.registry import Hit, indicator_rule, rule
from generator.check.words import data, is_placeholder, vague_only
from generator.schema import Indicator, Project


@indicator_rule("quant.vague", "warning", "A value is not only a vague verb (提升, 保障, 健全, 有效…).")
def vague(ind: Indicator) -> Iterator[Hit]:
    t = ind.target
    if t is not None and t.number is None and vague_only(t.text):
        yield Hit(
            ("target",),
            f"{ind.name}: {t.text!r} cannot be checked at year end; state how much, e.g. 提升≥10.00(%), a count, or a graded 定性 term (达成/部分达成/未达成)",
        )


def qualitative_share(project: Project) -> tuple[int, int]:
    """(qualitative targets, targets with a value) of one project."""
    values = [ind.target for ind in project.indicators if ind.target is not None and not is_placeholder(ind.target.text)]
    return sum(1 for t in values if t.number is None), len(values)


@rule("quant.share", "info", "At most half of a project's targets are qualitative (定性).")
def share(project: Project) -> Iterator[Hit]:
    qualitative, total = qualitative_share(project)
    limit = float(data()["quantification"]["qualitative_share_max"])
    if total and qualitative / total > limit:
        yield Hit(
            ("indicators",),
            f"{qualitative} of {total} targets ({qualitative * 100 // total}%) are qualitative; quantify where possible "
            f"(numbers with a unit, e.g. ≥95.00(%) or =12.00(次)) so that at least {int((1 - limit) * 100)}% can be measured",
        )
