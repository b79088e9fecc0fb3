"""Per-project and per-department extras for the pages: downloads, other years, comparison, dates.

Pure view models (no I/O), computed once for the whole corpus in O(n): the project template
prints them through the transparency macros. ``page_path`` maps a project to its page folder
(e.g. ``projects/<id>``) so links never depend on how the site names its pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Mapping, Sequence

from generator.charts import Chart, funds_trend
from generator.compare import Comparison, compare, department_trend, other_years, previous
from generator.export.downloads import page_fixes
from generator.export.opendata import project_downloads
from generator.schema import Project


@dataclass(frozen=True)
class YearLink:
    """The same project in another year: its year and page folder."""

    year: int
    path: str
    current: bool = False


@dataclass(frozen=True)
class ProjectExtra:
    """What a project page shows beside the form."""

    updated: date
    downloads: dict[str, str]
    """kind (yaml) → file path relative to the docs dir. The CSV and DOCX are made in the browser."""
    fixes: str = ""
    """What the browser cannot read exactly from the page for those two (``export.downloads``):
    JSON for a single-quoted attribute, usually empty."""
    years: tuple[YearLink, ...] = ()
    """Every year of this project (this one marked ``current``); empty when there is only one."""
    comparison: Comparison | None = None
    """Changes from the latest earlier year, when there is one."""
    later: tuple[YearLink, ...] = field(default=())


def project_extras(
    projects: Sequence[Project],
    page_path: Callable[[Project], str],
    updated: Mapping[str, date],
) -> dict[str, ProjectExtra]:
    """Project id → its extras; ``updated`` misses fall back to 1 January of the table year."""
    others = other_years(projects)
    out = {}
    for project in projects:
        files = {kind: str(path) for kind, path in project_downloads(project.id).items()}
        same = others.get(project.id, [])
        years = tuple(sorted((YearLink(p.year, page_path(p), p.id == project.id) for p in [*same, project]), key=lambda y: (y.year, y.path))) if same else ()
        before = previous(project, same)
        out[project.id] = ProjectExtra(
            updated=updated.get(project.id, date(project.year, 1, 1)),
            downloads=files,
            fixes=page_fixes(project),
            years=years,
            comparison=compare(before, project) if before is not None else None,
            later=tuple(y for y in years if y.year > project.year),
        )
    return out


def department_charts(projects: Sequence[Project]) -> dict[str, Chart]:
    """Department → its funds-by-year chart, for departments with projects in two or more years."""
    return {dept: funds_trend(dept, trend) for dept, trend in department_trend(projects).items() if len(trend) > 1}
