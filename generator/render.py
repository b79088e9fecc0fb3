"""Render the site view model into Markdown pages (``path → text``), through ONE Jinja environment.

Why one environment with autoescape: user data reaches HTML only here, always
escaped. Data-bearing parts of a page are raw HTML blocks (Python-Markdown
passes them through untouched), so escaped text is never re-read as Markdown.
Chinese labels live in the templates, not in this module.
"""

from __future__ import annotations

import json
from decimal import Decimal
from datetime import date
from pathlib import Path
from typing import Any, Collection, Iterable, Mapping, Optional

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from generator.charts import site_charts
from generator.extras import ProjectExtra, department_charts, project_extras
from generator.transform import FOLDERS, KINDS, PAGE_KINDS, GroupRef, ProjectView, SiteData, page_file, page_folder, page_url


def _finalize(value: Any) -> Any:
    """Every ``{{ }}``: None prints as an empty cell; numbers must go through a filter;
    line breaks in text become ``<br>`` so an HTML block never contains a blank line."""
    if value is None:
        return ""
    if isinstance(value, (Decimal, float)):
        raise TypeError(f"format {value!r} with a filter (amount, number, percent)")
    if isinstance(value, str) and not isinstance(value, Markup) and ("\n" in value or "\r" in value):
        lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return Markup("<br>").join(escape(line) for line in lines)
    return value


def amount(value: Optional[Decimal]) -> str:
    """An amount in 万元 as the tables print it (``2,863.00``); empty stays empty."""
    return "" if value is None else f"{value:,.2f}"


def number(value: Optional[Decimal]) -> str:
    """A plain number without trailing zeros or exponent (``10.50`` → ``10.5``)."""
    if value is None:
        return ""
    text = f"{value.normalize():f}"
    return text


def percent(value: Optional[Decimal]) -> str:
    """A share 0–1 as a percentage with one decimal."""
    return "" if value is None else f"{value * 100:.1f}%"


def yaml_str(value: str) -> Markup:
    """A YAML double-quoted scalar that loads back to exactly ``value`` (front matter).

    JSON strings are YAML; ``<>&'`` and the YAML-only line breaks are escaped too."""
    text = json.dumps(value, ensure_ascii=False)
    for char in "<>&'\u0085\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return Markup(text)


def href(path: str, root: str) -> str:
    """Relative link from a page whose root prefix is ``root`` to page ``path`` (works on file://)."""
    return f"{root}{page_url(path)}"


def link(ref: GroupRef, root: str) -> str:
    """Relative link to a group: its page, or its section of a page (a 实施单位 on its department's)."""
    return href(ref.path, root) + (f"#{ref.anchor}" if ref.anchor else "")


def rowspan(n: int) -> Markup:
    """The ``rowspan`` attribute of a merged cell (none for one row). A filter, not a macro: it
    runs for every label cell of 10,000+ pages, and a Jinja macro call costs ~10× a filter's."""
    return Markup(f' rowspan="{int(n)}"') if n > 1 else Markup("")


def svg(value: str) -> Markup:
    """A chart's SVG, already escaped by construction in generator/svgchart.py."""
    return Markup(value.rstrip("\n"))


def latest(views: Iterable[ProjectView], updated: Mapping[str, date]) -> Optional[date]:
    """The newest 'last updated' date of ``views`` (1 January of the table year when unknown)."""
    return max((updated.get(v.project.id, date(v.project.year, 1, 1)) for v in views), default=None)


def make_environment(cache: Optional[Path] = None) -> Environment:
    """The one template environment; ``cache``: a folder for compiled templates (a rebuild that
    renders a few pages would otherwise spend most of its time compiling them)."""
    bytecode = None
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        bytecode = FileSystemBytecodeCache(str(cache))
    env = Environment(
        bytecode_cache=bytecode,
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
        auto_reload=False,  # templates ship with the package: no stat() per page rendered
    )
    env.globals["FOLDERS"] = FOLDERS
    env.filters.update(amount=amount, number=number, percent=percent, yaml_str=yaml_str, href=href, link=link, folder=page_folder, rowspan=rowspan, svg=svg, latest=latest)
    return env


def root_prefix(path: str) -> str:
    """The prefix that leads from page ``path`` back to the site root (``../`` per folder level)."""
    return "../" * path.count("/")


def render_project(env: Environment, view: ProjectView, extra: Optional[ProjectExtra] = None) -> str:
    """The Markdown of one project page (``extra``: downloads, other years, date; computed when None)."""
    if extra is None:
        extra = project_extras([view.project], lambda p: view.path, {})[view.project.id]
    return env.get_template("project.md.j2").render(view=view, p=view.project, root=root_prefix(view.path), extra=extra)


def render_site(site: SiteData, env: Optional[Environment] = None, project_pages: bool = True,
                groups: Optional[Collection[str]] = None, rows: Optional[Mapping[str, Mapping[str, str]]] = None) -> dict[str, str]:
    """Every page of the site: its Markdown file (``page_file``, relative to docs) → Markdown.

    ``project_pages`` False: the aggregate pages only (home, summary, charts, indexes, groups),
    which read nothing of a project but its shape (``generator.shapes``). ``groups``: the group
    pages to render, by page path (a group page reads its own projects only); None: all.
    ``rows``: per group page path, project id → its list row to print as it is, ``Markup``
    (``project_row`` made it before from the same shape and links: ``generator.quick``)."""
    env = env or make_environment()
    pages: dict[str, str] = {}
    projects = [view.project for view in site.projects]
    if groups is None:
        trends = department_charts(projects)
    else:  # a department's chart is made from its own projects: only the pages rendered need theirs
        wanted = {group.ref.key for group in site.groups["department"] if group.ref.path in groups}
        trends = department_charts([p for p in projects if p.department in wanted])

    def add(path: str, template: str, **context: Any) -> None:
        key = page_file(path)
        if key in pages:
            raise ValueError(f"two pages map to {key}")
        pages[key] = env.get_template(template).render(site=site, root=root_prefix(path), **context)

    add("", "home.md.j2")
    add("summary/", "summary.md.j2")
    add("charts/", "charts.md.j2", charts=site_charts(projects))
    add("opendata/", "opendata.md.j2")
    for kind in KINDS:
        add(f"{FOLDERS[kind]}/", "kind.md.j2", kind=kind, groups=site.groups[kind])
        for group in site.groups[kind] if kind in PAGE_KINDS else ():
            if groups is not None and group.ref.path not in groups:
                continue
            trend = trends.get(group.ref.key or "") if kind == "department" else None
            add(group.ref.path, "group.md.j2", group=group, trend=trend, rows=(rows or {}).get(group.ref.path, {}))
    if not project_pages:
        return pages
    paths = {view.project.id: view.path for view in site.projects}
    extras = project_extras(projects, lambda p: paths[p.id], site.updated)
    for view in site.projects:
        key = page_file(view.path)
        if key in pages:
            raise ValueError(f"two pages map to {key}")
        pages[key] = render_project(env, view, extras[view.project.id])
    return pages
