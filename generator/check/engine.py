"""Run the rules on one project: levels from the config, ignore notes, locations from one composed tree.

Rules about one indicator at a time (``indicator_rule``) run once per distinct indicator: their
hits are kept by the indicator's content (``indicator_key``), so a row that recurs in many
projects (the same 满意度 or 及时率 row, the same target) is checked once per build. Findings
are the same as running every rule on every indicator; only the work is shared.
"""

from __future__ import annotations

from typing import Any, Sequence

from generator.check.config import CheckConfig
from generator.yamlio import Locator
from generator.check.registry import RULES, Rule
from generator.load import Loaded
from generator.problems import Level, Problem, field_path
from generator.schema import Indicator, Target

IndicatorHits = tuple[tuple[str, tuple[Any, ...], str], ...]
"""(rule id, location relative to the indicator, message) for each hit on one indicator."""

_SEEN: dict[tuple[tuple[str, ...], tuple[str, ...]], dict[tuple[Any, ...], IndicatorHits]] = {}
"""Hits by the ids of the indicator rules that ran (and of every registered rule), then by ``indicator_key``."""
_SEEN_MAX = 200_000
"""Distinct indicators kept (a few hundred bytes each); past that the store starts again."""


def _target_key(t: Target | None) -> tuple[Any, ...] | None:
    if t is None:
        return None
    number = None if t.number is None else str(t.number)  # str: 100 and 100.00 are equal but print differently
    return (t.text, t.operator, number, t.unit)


def indicator_key(ind: Indicator) -> tuple[Any, ...]:
    """Every field of ``ind``, hashable: two indicators with the same key get the same findings.

    Numbers are keyed by their digits (``Decimal('100') == Decimal('100.00')``, but messages show
    them as written). ``tests/check/test_check_engine.py`` checks that every field of
    ``Indicator`` and ``Target`` changes the key, so a new field cannot be missed."""
    return (
        ind.level1, ind.level2, ind.name, _target_key(ind.target), _target_key(ind.long_term_target),
        None if ind.weight is None else str(ind.weight), ind.direction, ind.explanation, ind.standard,
        None if ind.published is None else tuple(ind.published.items()),
        None if ind.ignore is None else tuple(ind.ignore.items()),
    )


def rule_levels(rules: Sequence[Rule], config: CheckConfig, display: str) -> list[Level | None]:
    """The level of each rule for the file shown as ``display`` (None: off)."""
    return [config.level(rule.id, rule.level, display) for rule in rules]


def check_project(item: Loaded, rules: Sequence[Rule], config: CheckConfig, display: str,
                  levels: Sequence[Level | None] | None = None) -> list[Problem]:
    """Findings of one project, located in its YAML text.

    ``levels``: ``rule_levels`` for this file, when the caller already has them (the same for
    every file when the config has no path overrides)."""
    project = item.project
    locator = Locator(item.text)
    if levels is None:
        levels = rule_levels(rules, config, display)
    out: list[Problem] = []
    for rule, level in zip(rules, levels):
        if level is None or rule.per_indicator is not None:
            continue
        for hit in rule.func(project):
            if len(hit.loc) >= 2 and hit.loc[0] == "indicators" and isinstance(hit.loc[1], int):
                ignore = project.indicators[hit.loc[1]].ignore or {}
                if rule.id in ignore:
                    continue
            line, col = locator(hit.loc)
            out.append(Problem(display, line, col, field_path(hit.loc), hit.message, level, rule.id))
    enabled = [(rule, level) for rule, level in zip(rules, levels)
               if level is not None and rule.per_indicator is not None]
    if not enabled or not project.indicators:
        return out
    ids = (tuple(rule.id for rule, _ in enabled), tuple(RULES))  # check.unknown-ignore reads the registry
    seen = _SEEN.get(ids)
    if seen is None or len(seen) > _SEEN_MAX:
        seen = _SEEN[ids] = {}
    level_of = {rule.id: level for rule, level in enabled}
    for i, ind in enumerate(project.indicators):
        key = indicator_key(ind)
        hits = seen.get(key)
        if hits is None:
            hits = seen[key] = tuple((rule.id, hit.loc, hit.message)
                                     for rule, _ in enabled for hit in rule.per_indicator(ind))  # type: ignore[misc]
        for rule_id, sub, message in hits:
            if ind.ignore and rule_id in ind.ignore:
                continue
            loc = ("indicators", i, *sub)
            line, col = locator(loc)
            out.append(Problem(display, line, col, field_path(loc), message, level_of[rule_id], rule_id))
    return out
