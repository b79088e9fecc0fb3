"""The rule registry: every check is a small function registered with an id, a level and a description.

Why a registry: docs, tests and ``check --list-rules`` enumerate rules from one
place, and configuration (turn off, change level) works on ids only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from generator.problems import Level
from generator.schema import Indicator, Project

Loc = tuple[Any, ...]


@dataclass(frozen=True)
class Hit:
    """One finding of a rule before it is located: where in the YAML and what is wrong."""

    loc: Loc
    message: str


@dataclass(frozen=True)
class Rule:
    """A registered check."""

    id: str
    level: Level
    description: str
    func: Callable[[Project], Iterable[Hit]]
    per_indicator: Callable[[Indicator], Iterable[Hit]] | None = None
    """For a rule about one indicator at a time (``indicator_rule``): its check of one indicator,
    with locations relative to that indicator (``("target",)``); ``func`` runs it on every indicator."""


RULES: dict[str, Rule] = {}


def _register(found: Rule) -> None:
    if found.id in RULES:
        raise ValueError(f"rule {found.id} registered twice")
    RULES[found.id] = found


def rule(rule_id: str, level: Level, description: str) -> Callable[[Callable[[Project], Iterable[Hit]]], Callable[[Project], Iterable[Hit]]]:
    """Register ``func(project) -> Iterable[Hit]`` as rule ``rule_id``."""

    def register(func: Callable[[Project], Iterable[Hit]]) -> Callable[[Project], Iterable[Hit]]:
        _register(Rule(rule_id, level, description, func))
        return func

    return register


def indicator_rule(rule_id: str, level: Level, description: str) -> Callable[[Callable[[Indicator], Iterable[Hit]]], Callable[[Indicator], Iterable[Hit]]]:
    """Register ``func(indicator) -> Iterable[Hit]`` as rule ``rule_id``; hit locations are relative
    to the indicator (``("target",)`` for ``indicators[i].target``).

    Why a second kind: the findings of such a rule depend on the indicator's fields alone, so the
    engine checks each distinct indicator once, and the same 满意度 or 及时率 row in a thousand
    projects costs one check (``generator.check.engine``)."""

    def register(func: Callable[[Indicator], Iterable[Hit]]) -> Callable[[Indicator], Iterable[Hit]]:
        def on_project(project: Project) -> Iterator[Hit]:
            for i, ind in enumerate(project.indicators):
                for hit in func(ind):
                    yield Hit(("indicators", i, *hit.loc), hit.message)

        _register(Rule(rule_id, level, description, on_project, func))
        return func

    return register


def all_rules() -> Iterator[Rule]:
    """Every rule, sorted by id (importing the rule modules registers them)."""
    from generator.check import rules  # noqa: F401  (registers on import)

    return iter(sorted(RULES.values(), key=lambda r: r.id))
