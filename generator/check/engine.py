"""Run the rules on one project: levels from the config, ignore notes, locations from one composed tree."""

from __future__ import annotations

from typing import Sequence

from generator.check.config import CheckConfig
from generator.yamlio import Locator
from generator.check.registry import Rule
from generator.load import Loaded
from generator.problems import Problem, field_path


def check_project(item: Loaded, rules: Sequence[Rule], config: CheckConfig, display: str) -> list[Problem]:
    """Findings of one project, located in its YAML text."""
    project = item.project
    locator = Locator(item.text)
    out: list[Problem] = []
    for rule in rules:
        level = config.level(rule.id, rule.level, display)
        if level is None:
            continue
        for hit in rule.func(project):
            if len(hit.loc) >= 2 and hit.loc[0] == "indicators" and isinstance(hit.loc[1], int):
                ignore = project.indicators[hit.loc[1]].ignore or {}
                if rule.id in ignore:
                    continue
            line, col = locator(hit.loc)
            out.append(Problem(display, line, col, field_path(hit.loc), hit.message, level, rule.id))
    return out
