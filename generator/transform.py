"""View models for the site: pure functions from ``list[Project]`` to what templates print.

No I/O and no formatting here: amounts stay ``Decimal`` (``None`` = empty cell),
labels stay data, and every collection has a deterministic order so the same
content always renders byte-identical pages.
"""

from __future__ import annotations

import hashlib
import operator
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import repeat
from typing import Any, Callable, Iterable, Optional

from generator.importers.ids import slugify
from generator.labels import vocabulary
from generator.schema import Indicator, Project

KINDS = ("year", "department", "implementer", "category")
"""Index kinds; each has ``<folder>/index.md``."""
PAGE_KINDS = ("year", "department", "category")
"""Kinds with one page per group. A 实施单位 has no page of its own: it is a section of each
department page it appears on (10,000 projects have ~1,300 implementers, each already listed
on its department's page; ~1,300 fewer pages for MkDocs to build)."""
FOLDERS = {"year": "years", "department": "departments", "implementer": "implementers", "category": "categories"}
"""URL folder of each kind (for ``implementer`` only its index page)."""
UNIT_ANCHOR = "unit-"
"""Prefix of a 实施单位 section's id on a department page (``unit-<implementer slug>``)."""
OPTIONAL_COLUMNS = ("long_term_target", "weight", "direction", "explanation", "standard")


@dataclass(frozen=True)
class Label:
    """A merged 一级/二级 cell: shown once, spanning ``rowspan`` rows."""

    text: str
    rowspan: int
    published: tuple[str, ...] = ()
    """The label as printed in the source, where it differs from ``text`` (truncated, aliased)."""


@dataclass(frozen=True)
class IndicatorRow:
    """One table row; ``level1``/``level2`` are None where the cell above spans this row."""

    indicator: Indicator
    level1: Optional[Label]
    level2: Optional[Label]


@dataclass(frozen=True)
class Totals:
    """Sums over a set of projects; an amount is None when every cell summed was empty."""

    projects: int
    total: Optional[Decimal]
    annual_total: Optional[Decimal]
    indicators: int


@dataclass(frozen=True)
class GroupRef:
    """A link target: the group label, its page path (e.g. ``departments/<slug>/``) and, for a
    section of that page, the section's id (``anchor``, e.g. ``unit-<slug>``; empty for the page)."""

    kind: str
    key: Optional[str]
    path: str
    anchor: str = ""


@dataclass(frozen=True)
class ProjectView:
    """Everything the project page shows."""

    project: Project
    path: str
    """The page path, ``projects/<id>`` (a page file: ``page_file``, ``page_url``)."""
    rows: tuple[IndicatorRow, ...]
    columns: tuple[str, ...]
    """Optional indicator columns present in this project, in ``OPTIONAL_COLUMNS`` order."""
    groups: dict[str, GroupRef] = field(default_factory=dict)

    @property
    def quantitative(self) -> int:
        return sum(1 for i in self.project.indicators if i.target is not None and i.target.number is not None)


@dataclass(frozen=True)
class Group:
    """The projects sharing a year, department or category (one page each), or one 实施单位
    within one department (a section of that department's page)."""

    ref: GroupRef
    projects: tuple[ProjectView, ...]
    totals: Totals
    units: tuple["Group", ...] = ()
    """Department groups: their 实施单位 sections in display order (together every project once)."""
    parent: Optional[GroupRef] = None
    """实施单位 sections: the department whose page holds them."""


@dataclass(frozen=True)
class LevelCount:
    """Indicator count for one 一级/二级 pair; ``level1`` spans its 二级 rows (None where covered)."""

    level1: Optional[Label]
    level2: str
    count: int
    quantitative: int
    """How many of them have a numeric target (定量)."""


@dataclass(frozen=True)
class SiteData:
    """The whole site's view model."""

    projects: tuple[ProjectView, ...]
    totals: Totals
    quantitative_share: Optional[Decimal]
    """Share (0–1) of indicators with a numeric target among those with any target."""
    groups: dict[str, tuple[Group, ...]]
    """Kind → its groups in display order; ``implementer``: one per department × 实施单位 (``unit_index``)."""
    levels: tuple[LevelCount, ...]
    quality: Any = None
    """The target-quality report (``generator.check.report.QualityReport``) when checks ran, or a
    function returning it (the build defers it to the process that renders the quality pages)."""
    updated: dict[str, date] = field(default_factory=dict)
    """Project id → last updated (git date of its file); see generator.export.dates."""
    sources: dict[str, str] = field(default_factory=dict)
    """Project id → the text of its YAML file, published as the project's YAML download."""
    files: dict[str, Any] = field(default_factory=dict)
    """Project id → the file it was loaded from (a ``Path``; empty when not loaded from files)."""
    notices: tuple[tuple[str, str], ...] = ()
    """The warnings the load printed, as (file shown, line printed), in printed order."""
    layout: dict[str, Any] = field(default_factory=dict)
    """Filled by the open-data producer: where each project's rows are in the data files
    (``generator.export.opendata.open_data_files``), for ``generator.quick``."""


def sum_amounts(values: Iterable[Optional[Decimal]]) -> Optional[Decimal]:
    """Decimal sum of the non-empty amounts; None when all are empty (empty stays empty)."""
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


_FUNDS = operator.attrgetter("project.funds")
_INDICATORS = operator.attrgetter("project.indicators")


def totals(views: Iterable[ProjectView]) -> Totals:
    """Project count, summed funds and indicator count of ``views``."""
    items = list(views)
    funds = list(map(_FUNDS, items))
    return Totals(
        projects=len(items),
        total=sum_amounts([f.total for f in funds]),
        annual_total=sum_amounts([f.annual_total for f in funds]),
        indicators=sum(map(len, map(_INDICATORS, items))),
    )


_LABELS: dict[tuple[str, int], Label] = {}
"""Labels without a published variant, shared (they are frozen): the same 一级/二级 spans recur."""


def _label(text: str, rows: list[Indicator], start: int, end: int, tier: str) -> Label:
    """The label of the run ``rows[start:end]``, with the printed variants that differ from ``text``."""
    for n in range(start, end):
        if rows[n].published:
            printed = [(r.published or {}).get(tier) for r in rows[start:end]]
            return Label(text, end - start, tuple(dict.fromkeys(p for p in printed if p and p != text)))
    label = _LABELS.get((text, end - start))
    if label is None:
        if len(_LABELS) > 10_000:
            _LABELS.clear()
        label = _LABELS[(text, end - start)] = Label(text, end - start)
    return label


def indicator_rows(indicators: list[Indicator]) -> tuple[IndicatorRow, ...]:
    """Rows in published order with 一级 and 二级 labels merged over consecutive equal runs.

    A 二级 run never crosses a 一级 boundary; the first row of a run carries its label, the
    rows it covers carry None."""
    rows: list[IndicatorRow] = []
    count = len(indicators)
    start = 0
    while start < count:
        level1 = indicators[start].level1
        end = start + 1
        while end < count and indicators[end].level1 == level1:
            end += 1
        label1: Optional[Label] = _label(level1, indicators, start, end, "level1")
        first = start
        while first < end:
            level2 = indicators[first].level2
            last = first + 1
            while last < end and indicators[last].level2 == level2:
                last += 1
            rows.append(IndicatorRow(indicators[first], label1, _label(level2, indicators, first, last, "level2")))
            label1 = None
            rows.extend(IndicatorRow(indicators[n], None, None) for n in range(first + 1, last))
            first = last
        start = end
    return tuple(rows)


def _runs(keys: list[object]) -> list[int]:
    """Rowspan per row: the run length at a run's first row, 0 on the rows it covers."""
    spans = [0] * len(keys)
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            spans[start] = i - start
            start = i
    return spans


def project_path(project_id: str) -> str:
    """The page path of a project: ``projects/<id>``, a page file (``page_url``)."""
    return f"projects/{project_id}"


def page_url(path: str) -> str:
    """The HTML file of page ``path``, relative to the site root (``use_directory_urls: false``).

    A path ending in '/' (or empty: home) is a folder page, ``section/name/index.html``: index
    and group pages. Any other is a page file, ``section/name.html``: project pages. Why projects
    are files, not folders: at 10,000 projects the 10,000 folders, in the docs dir and again in
    the site, cost MkDocs 8.5 s of its 36 s here (making a folder and its first file took ~0.4 ms
    on this ext4 disk, a file in an existing folder ~0.05 ms)."""
    return f"{path}index.html" if path.endswith("/") or not path else f"{path}.html"


def page_file(path: str) -> str:
    """The Markdown file of page ``path``, relative to the docs dir (``page_url`` with ``.md``)."""
    return page_url(path).removesuffix(".html") + ".md"


def page_folder(path: str) -> str:
    """The folder holding page ``path``'s file, with its downloads: ``projects/x`` → ``projects/``."""
    return path[: path.rfind("/") + 1]


_OPTIONAL = operator.attrgetter(*OPTIONAL_COLUMNS)


def project_view(project: Project) -> ProjectView:
    """The project page's view (without group links; ``build_site`` adds them)."""
    by_column = zip(*map(_OPTIONAL, project.indicators))  # one tuple of values per optional column
    columns = tuple(c for c, values in zip(OPTIONAL_COLUMNS, by_column) if any(map(operator.is_not, values, repeat(None))))
    return ProjectView(project, project_path(project.id), indicator_rows(project.indicators), columns)


def _slugs(keys: Iterable[str]) -> dict[str, str]:
    """Collision-safe ASCII slugs: names that share a slug get a short hash of the name appended."""
    by_slug: dict[str, list[str]] = defaultdict(list)
    for key in sorted(set(keys)):
        by_slug[slugify(key)].append(key)
    out = {}
    for slug, names in by_slug.items():
        for name in names:
            digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
            out[name] = slug if len(names) == 1 else f"{slug}-{digest}"
    return out


_KEY: dict[str, Callable[[Project], Optional[str]]] = {
    "year": lambda p: str(p.year),
    "department": lambda p: p.department,
    "category": lambda p: p.category,
}


def _group_order(kind: str, keys: set[Optional[str]], slugs: dict[str, str]) -> list[Optional[str]]:
    if kind == "year":
        return sorted(keys, key=lambda k: -int(k or 0))
    if kind == "category":
        known = vocabulary().categories
        return sorted(keys, key=lambda k: (k is None, known.index(k) if k in known else len(known), k or ""))
    return sorted(keys, key=lambda k: (slugs.get(k or "", ""), k or ""))


def group_projects(views: tuple[ProjectView, ...], kind: str) -> tuple[Group, ...]:
    """Groups of one page kind (``PAGE_KINDS``) in display order; projects keep the order of
    ``views``. Department groups carry their 实施单位 sections (``Group.units``)."""
    members: dict[Optional[str], list[ProjectView]] = defaultdict(list)
    for view in views:
        members[_KEY[kind](view.project)].append(view)
    slugs = _slugs(k for k in members if k is not None and kind != "year")
    unit_slugs = _slugs(v.project.implementer for v in views) if kind == "department" else {}
    groups = []
    for key in _group_order(kind, set(members), slugs):
        slug = key if kind == "year" else slugs[key] if key is not None else "none"
        ref = GroupRef(kind, key, f"{FOLDERS[kind]}/{slug}/")
        units = _units(ref, members[key], unit_slugs) if kind == "department" else ()
        groups.append(Group(ref, tuple(members[key]), totals(members[key]), units))
    return tuple(groups)


def _units(department: GroupRef, views: list[ProjectView], slugs: dict[str, str]) -> tuple[Group, ...]:
    """The 实施单位 sections of one department page, ordered by implementer slug.

    ``slugs`` are over the whole site, so an implementer has the same anchor on every
    department page it appears on (and the anchor is the slug its own page used to have)."""
    members: dict[str, list[ProjectView]] = defaultdict(list)
    for view in views:
        members[view.project.implementer].append(view)
    return tuple(
        Group(GroupRef("implementer", key, department.path, UNIT_ANCHOR + slugs[key]), tuple(items), totals(items),
              parent=department)
        for key, items in sorted(members.items(), key=lambda kv: (slugs[kv[0]], kv[0]))
    )


def unit_index(departments: tuple[Group, ...]) -> tuple[Group, ...]:
    """Every department × 实施单位 section, for the 按实施单位 index: by implementer (slug, name),
    then department, so an implementer under several departments has adjacent rows."""
    units = [unit for department in departments for unit in department.units]
    return tuple(sorted(units, key=lambda u: (u.ref.anchor, u.ref.key or "", u.ref.path)))


def level_counts(projects: Iterable[Project]) -> tuple[LevelCount, ...]:
    """Indicator counts per 一级/二级, in vocabulary order (unknown labels after, by name)."""
    indicators = [ind for project in projects for ind in project.indicators]
    counts = Counter([(ind.level1, ind.level2) for ind in indicators])
    numeric = Counter([(ind.level1, ind.level2) for ind in indicators if ind.target is not None and ind.target.number is not None])
    v = vocabulary()
    order1, order2 = list(v.level1), list(v.level2)

    def rank(pair: tuple[str, str]) -> tuple[int, str, int, str]:
        one, two = pair
        return (order1.index(one) if one in order1 else len(order1), one,
                order2.index(two) if two in order2 else len(order2), two)

    pairs = sorted(counts, key=rank)
    spans = _runs([one for one, _ in pairs])
    return tuple(
        LevelCount(Label(one, spans[n]) if spans[n] else None, two, counts[(one, two)], numeric[(one, two)])
        for n, (one, two) in enumerate(pairs)
    )


def build_site(projects: Iterable[Project], view: Callable[[Project], ProjectView] = project_view) -> SiteData:
    """The site view model; projects are ordered newest year first, then by id.

    ``view`` makes each project's view (``generator.shapes`` passes one without indicator rows:
    only the project pages read them)."""
    ordered = sorted(projects, key=lambda p: (-p.year, p.id))
    views = tuple(map(view, ordered))
    pages = {kind: group_projects(views, kind) for kind in PAGE_KINDS}
    groups = {kind: pages[kind] if kind in pages else unit_index(pages["department"]) for kind in KINDS}
    for kind, kind_groups in groups.items():
        for group in kind_groups:
            for view in group.projects:
                view.groups[kind] = group.ref
    with_target = [i.target for v in views for i in v.project.indicators if i.target is not None]
    numeric = sum(1 for t in with_target if t.number is not None)
    share = Decimal(numeric) / Decimal(len(with_target)) if with_target else None
    return SiteData(views, totals(views), share, groups, level_counts(ordered))
