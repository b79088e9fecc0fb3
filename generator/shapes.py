"""What the site's aggregates read of a project: its *shape*.

Every aggregate file (home, summary, chart, index and group pages, ``charts/*.svg``, the feed)
is a function of the projects' shapes, their 'last updated' dates and nothing else:
``aggregate_files`` made from shapes gives the same bytes as the full build makes from the
projects (``tests/test_shapes.py``). ``generator.quick`` keeps one shape per project (a few
hundred bytes; identical indicator shapes are one object), so an edit of funds or of a
category makes the aggregates again without loading the other 9,999 files.

A shape has the attributes the aggregates read, under the names ``Project`` gives them, so the
same templates and chart functions take either; one they do not have fails loudly
(``StrictUndefined``, ``AttributeError``), never silently. A target is reduced to whether it
has a number and whether it is qualitative: the aggregates count targets, they never print them.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Collection, Iterable, Mapping, NamedTuple, Optional

from jinja2 import Environment

from generator.schema import Project, Target
from generator.transform import ProjectView, SiteData, build_site, project_path


class TargetShape(NamedTuple):
    number: Optional[bool]
    """True when the target has a number (the aggregates count them), else None."""
    qualitative: bool


class IndicatorShape(NamedTuple):
    level1: str
    level2: str
    target: Optional[TargetShape]


class FundsShape(NamedTuple):
    total: Optional[Decimal]
    annual_total: Optional[Decimal]


class ProjectShape(NamedTuple):
    id: str
    year: int
    name: str
    category: Optional[str]
    department: str
    implementer: str
    funds: FundsShape
    indicators: tuple[IndicatorShape, ...]


def _target(target: Optional[Target]) -> Optional[TargetShape]:
    return None if target is None else TargetShape(True if target.number is not None else None, target.qualitative)


def shape_of(project: Project, known: Optional[dict[IndicatorShape, IndicatorShape]] = None) -> ProjectShape:
    """The shape of ``project``. ``known``: indicator shapes already made, to share (at 10,000
    projects ~140,000 indicators have a few dozen distinct shapes; pickled once each)."""
    shared = known if known is not None else {}
    indicators = []
    for ind in project.indicators:
        shape = IndicatorShape(ind.level1, ind.level2, _target(ind.target))
        indicators.append(shared.setdefault(shape, shape))
    funds = project.funds
    return ProjectShape(project.id, project.year, project.name, project.category, project.department, project.implementer,
                        FundsShape(funds.total, funds.annual_total), tuple(indicators))


def shapes_of(projects: Iterable[Project]) -> dict[str, ProjectShape]:
    """Project id → shape, indicator shapes shared."""
    known: dict[IndicatorShape, IndicatorShape] = {}
    return {p.id: shape_of(p, known) for p in projects}


def _outline(shape: ProjectShape) -> ProjectView:
    """A view without indicator rows or columns: only project pages read them."""
    return ProjectView(shape, project_path(shape.id), (), ())  # type: ignore[arg-type]


def shape_site(shapes: Iterable[ProjectShape], updated: Mapping[str, date]) -> SiteData:
    """The site view model over shapes, enough for every aggregate (``aggregate_files``)."""
    return dataclasses.replace(build_site(shapes, view=_outline), updated=dict(updated))  # type: ignore[arg-type]


def aggregate_files(site: SiteData, groups: Optional[Collection[str]] = None, env: Optional[Environment] = None,
                    rows: Optional[Mapping[str, Mapping[str, str]]] = None) -> dict[str, str]:
    """Every aggregate file of the site, by docs-relative path: the pages but the project pages,
    the chart files and the feed (from ``site``'s projects or shapes alike). ``groups``: the
    group pages to make, by page path (None: all), and ``rows`` the list rows they may print as
    they are (``render_site``); ``env``: the template environment (default: a new one)."""
    from generator.export.producers import charts, feed
    from generator.render import render_site

    files: dict[str, str] = {**render_site(site, env, project_pages=False, groups=groups, rows=rows)}
    for producer in (charts, feed):
        for rel, text in producer.files(site).items():  # type: ignore[attr-defined]
            files[rel] = text if isinstance(text, str) else text.decode("utf-8")
    return files
