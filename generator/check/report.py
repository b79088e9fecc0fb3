"""The quality report: per department and per project, findings, quantified share and a score.

A pure function of the loaded projects and their findings, so the build can
render it without running the checks twice.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from generator.problems import display_path
from generator.check.registry import Rule, all_rules
from generator.check.words import data, is_placeholder
from generator.load import Loaded
from generator.problems import Problem

_INDEX = re.compile(r"^indicators\[(\d+)\]")


@dataclass
class IndicatorQuality:
    """One 三级 and whether its target can be measured."""

    level1: str
    level2: str
    name: str
    target: str
    quantified: bool
    rules: list[str] = field(default_factory=list)

    @property
    def listed(self) -> bool:
        """Shown on the quality page: qualitative, or with a finding (measurable clean rows are not repeated)."""
        return not self.quantified or bool(self.rules)


@dataclass
class ProjectQuality:
    """One project's findings and score."""

    id: str
    name: str
    year: int
    department: str
    path: str
    indicators: list[IndicatorQuality]
    findings: list[Problem]
    score: int = 0

    @property
    def targets(self) -> int:
        return sum(1 for i in self.indicators if i.target)

    @property
    def quantified(self) -> int:
        return sum(1 for i in self.indicators if i.quantified)

    @property
    def share(self) -> int:
        """Quantified targets as a whole percentage (0 when there are none)."""
        return self.quantified * 100 // self.targets if self.targets else 0

    def count(self, level: str) -> int:
        return sum(1 for f in self.findings if f.level == level)

    def where(self, finding: Problem) -> tuple[str, str]:
        """("indicator", 三级 name) for a finding on an indicator, else ("field", top-level key)."""
        m = _INDEX.match(finding.field)
        if m and int(m.group(1)) < len(self.indicators):
            return ("indicator", self.indicators[int(m.group(1))].name)
        return ("field", finding.field.split(".")[0].split("[")[0])


@dataclass
class DepartmentQuality:
    """The projects of one 主管部门."""

    name: str
    slug: str
    projects: list[ProjectQuality]

    @property
    def score(self) -> int:
        """Mean project score, rounded down."""
        return sum(p.score for p in self.projects) // len(self.projects) if self.projects else 0

    @property
    def share(self) -> int:
        targets = sum(p.targets for p in self.projects)
        return sum(p.quantified for p in self.projects) * 100 // targets if targets else 0

    def count(self, level: str) -> int:
        return sum(p.count(level) for p in self.projects)


@dataclass
class QualityReport:
    """Everything the quality pages show."""

    departments: list[DepartmentQuality]
    error_penalty: int
    warning_penalty: int
    titles: dict[str, str]
    hints: dict[str, str] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    """Every rule, for the legend (levels are the defaults; a site may change them in checks.yaml)."""

    @property
    def projects(self) -> int:
        return sum(len(d.projects) for d in self.departments)


def score(share: int, errors: int, warnings: int) -> int:
    """100 × quantified share − penalties per error and warning, at least 0 (the stated definition)."""
    q = data()["quality"]
    return max(0, share - int(q["error_penalty"]) * errors - int(q["warning_penalty"]) * warnings)


def _slug(name: str, taken: set[str]) -> str:
    from generator.importers.ids import slugify

    base = slugify(name)
    slug, n = base, 2
    while slug in taken or slug == "index":
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def department_slugs(names: Iterable[str]) -> dict[str, str]:
    """Each department's folder below quality/, unique, taken in name order (so one department's
    slug depends on the names of all of them: ``generator.quick`` keeps them)."""
    taken: set[str] = set()
    return {name: _slug(name, taken) for name in sorted(set(names))}


def _order(finding: Problem) -> tuple[int, str, str, str]:
    """Project-wide findings first, then by indicator: independent of YAML layout."""
    m = _INDEX.match(finding.field)
    return (int(m.group(1)) if m else -1, finding.field, finding.rule, finding.message)


def quality_report(items: Sequence[Loaded], findings: Sequence[Problem], base: Path | None = None,
                   slugs: Mapping[str, str] | None = None) -> QualityReport:
    """Group ``findings`` (from ``check_projects`` with the same ``base``) by department and project.

    ``slugs``: the departments' folders when the report covers only some departments
    (``department_slugs`` of all of them); made from these items' departments when None."""
    by_path: dict[str, list[Problem]] = defaultdict(list)
    for finding in findings:
        by_path[finding.path].append(finding)
    departments: dict[str, list[ProjectQuality]] = defaultdict(list)
    for item in items:
        p, shown = item.project, display_path(item.path, base)
        rows = [
            IndicatorQuality(
                ind.level1, ind.level2, ind.name,
                ind.target.text if ind.target is not None and not is_placeholder(ind.target.text) else "",
                ind.target is not None and ind.target.number is not None,
            )
            for ind in p.indicators
        ]
        for finding in by_path.get(shown, []):
            m = _INDEX.match(finding.field)
            if m and int(m.group(1)) < len(rows):
                rows[int(m.group(1))].rules.append(finding.rule)
        project = ProjectQuality(p.id, p.name, p.year, p.department, shown, rows, sorted(by_path.get(shown, []), key=_order))
        project.score = score(project.share, project.count("error"), project.count("warning"))
        departments[p.department].append(project)
    slugs = slugs if slugs is not None else department_slugs(departments)
    out = [
        DepartmentQuality(name, slugs[name], sorted(projects, key=lambda q: (-q.year, q.name, q.id)))
        for name, projects in sorted(departments.items())
    ]
    q = data()["quality"]
    return QualityReport(out, int(q["error_penalty"]), int(q["warning_penalty"]), dict(data()["titles"]), dict(data()["hints"]), list(all_rules()))
