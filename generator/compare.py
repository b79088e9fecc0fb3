"""Year over year: the same project (same 项目名称 and 实施单位) across table years.

Pure functions over ``Project`` lists, no I/O: the site renders their results. Indicators are
matched by (一级, 二级, 三级 name); a name that appears twice under the same tiers is paired in
published order. A target counts as changed when its published text differs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, Sequence

from generator.schema import Indicator, Project
from generator.yamlio import exact_context

FUND_FIELDS = ("total", "fiscal", "other", "annual_total", "annual_fiscal", "annual_carryover", "annual_other")
IndicatorKey = tuple[str, str, str]


@dataclass(frozen=True)
class FundChange:
    """One 项目资金 field in two years; ``delta``/``percent`` are None when either side is empty."""

    field: str
    old: Decimal | None
    new: Decimal | None

    @property
    def delta(self) -> Decimal | None:
        return None if self.old is None or self.new is None else self.new - self.old

    @property
    def percent(self) -> Decimal | None:
        """Change in percent of the old amount, to one decimal; None when old is empty or 0."""
        if self.delta is None or not self.old:
            return None
        share = self.delta * 100 / self.old
        return share.quantize(Decimal("0.1"), context=exact_context(share))


@dataclass(frozen=True)
class TargetChange:
    """An indicator present in both years whose target text changed (``≥4500 名`` → ``≥5000 名``)."""

    old: Indicator
    new: Indicator


@dataclass
class Comparison:
    """What changed from ``old`` to ``new`` (two years of one project)."""

    old: Project
    new: Project
    funds: list[FundChange] = field(default_factory=list)
    added: list[Indicator] = field(default_factory=list)
    removed: list[Indicator] = field(default_factory=list)
    changed: list[TargetChange] = field(default_factory=list)
    unchanged: int = 0

    @property
    def funds_changed(self) -> list[FundChange]:
        return [f for f in self.funds if f.old != f.new]


def series_key(project: Project) -> tuple[str, str]:
    """What makes two tables the same project: 项目名称 and 实施单位, whitespace trimmed."""
    return ("".join(project.name.split()), "".join(project.implementer.split()))


def series(projects: Iterable[Project]) -> dict[tuple[str, str], list[Project]]:
    """Projects grouped by ``series_key``, each group by year (then id); only groups over 2+ years."""
    groups: dict[tuple[str, str], list[Project]] = defaultdict(list)
    for project in projects:
        groups[series_key(project)].append(project)
    return {
        key: sorted(group, key=lambda p: (p.year, p.id))
        for key, group in groups.items()
        if len({p.year for p in group}) > 1
    }


def other_years(projects: Iterable[Project]) -> dict[str, list[Project]]:
    """Project id → the same project in other years (by year), for every project that has any."""
    out: dict[str, list[Project]] = {}
    for group in series(projects).values():
        for project in group:
            out[project.id] = [p for p in group if p.year != project.year]
    return out


def _keyed(indicators: Sequence[Indicator]) -> dict[tuple[IndicatorKey, int], Indicator]:
    seen: dict[IndicatorKey, int] = defaultdict(int)
    out = {}
    for ind in indicators:
        key = (ind.level1, ind.level2, ind.name.strip())
        out[(key, seen[key])] = ind
        seen[key] += 1
    return out


def _text(ind: Indicator) -> str:
    return "" if ind.target is None else "".join(ind.target.text.split())


def compare(old: Project, new: Project) -> Comparison:
    """Funds and indicator differences from ``old`` to ``new`` (indicators in ``new``'s order)."""
    result = Comparison(old, new)
    result.funds = [
        FundChange(name, getattr(old.funds, name), getattr(new.funds, name))
        for name in FUND_FIELDS
        if getattr(old.funds, name) is not None or getattr(new.funds, name) is not None
    ]
    before, after = _keyed(old.indicators), _keyed(new.indicators)
    for key, ind in after.items():
        prior = before.get(key)
        if prior is None:
            result.added.append(ind)
        elif _text(prior) != _text(ind):
            result.changed.append(TargetChange(prior, ind))
        else:
            result.unchanged += 1
    result.removed = [ind for key, ind in before.items() if key not in after]
    return result


def previous(project: Project, others: Sequence[Project]) -> Project | None:
    """The latest of ``others`` from an earlier year than ``project``, if any."""
    earlier = [p for p in others if p.year < project.year]
    return max(earlier, key=lambda p: (p.year, p.id)) if earlier else None


def department_trend(projects: Iterable[Project]) -> dict[str, list[tuple[int, Decimal, int]]]:
    """Department → [(year, sum of 项目资金总额, project count)] by year; empty totals count as 0."""
    sums: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(lambda: [Decimal(0), 0]))
    for project in projects:
        cell = sums[project.department][project.year]
        cell[0] += project.funds.total or Decimal(0)
        cell[1] += 1
    return {dept: [(year, total, count) for year, (total, count) in sorted(years.items())] for dept, years in sorted(sums.items())}
