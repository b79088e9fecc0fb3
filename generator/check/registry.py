"""The rule registry: every check is a small function registered with an id, a level and a description.

Why a registry: docs, tests and ``check --list-rules`` enumerate rules from one
place, and configuration (turn off, change level) works on ids only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from generator.problems import Level
from generator.schema import Project

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


RULES: dict[str, Rule] = {}


def rule(rule_id: str, level: Level, description: str) -> Callable[[Callable[[Project], Iterable[Hit]]], Callable[[Project], Iterable[Hit]]]:
    """Register ``func(project) -> Iterable[Hit]`` as rule ``rule_id``."""

    def register(func: Callable[[Project], Iterable[Hit]]) -> Callable[[Project], Iterable[Hit]]:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = Rule(rule_id, level, description, func)
        return func

    return register


def all_rules() -> Iterator[Rule]:
    """Every rule, sorted by id (importing the rule modules registers them)."""
    from generator.check import rules  # noqa: F401  (registers on import)

    return iter(sorted(RULES.values(), key=lambda r: r.id))
