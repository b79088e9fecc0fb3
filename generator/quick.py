"""The generator's quick path for rebuilds (``build --incremental``, ``serve``): after a few
project files changed, write only what they change into the docs dir instead of loading all
10,000 again.

Why it is safe: every aggregate of the site (home, summary, chart, index and group pages, the
chart files, the feed) is a function of the projects' *shapes* (``generator.shapes``: what the
aggregates read of a project; ``tests/test_shapes.py``) and their 'last updated' dates, which
the state keeps; the quality index is a function of the rule findings (each file's own: the
rules read one project) and of each department's projects; the build date is the newest start
date. So when the git ``HEAD`` and the set of files stay, no edited file has an error, and each
edited project differs from its previous version only in its goals, indicators and target
values, name, department, 实施单位, funds, category, dates or findings (``_aggregated``), what can differ from a full
build is: the edited projects' own pages and YAML downloads; the pages of their other years (a
page shows its series: ``generator.extras``; a rename may leave or join one); the aggregates,
made again from the shapes after a change of shape (``_aggregates``; the rows of the other
projects on a list page are kept as they were: ``_kept_rows``), or else, after a rename alone,
its name cells on its groups' list pages and its feed entry (``_renamed``); the quality page,
index row and index section of their departments (``_quality_pages``); the build's warnings
(``Edits.notices``) and date (``State.starts``); and the open-data files, whose per-project
parts are replaced in place (``open_data_files`` records where they are; ``workbook.replace_rows``
for the workbook, whose shared strings may not be new or move: ``_novel``). Anything else, or
anything unexpected, gives ``Full`` with the reason, and the build takes the full path, which
is always right. ``tests/test_quick.py`` holds a quick rebuild byte-equal to a full one after
each kind of edit and after random sequences of them, and holds the contracts for goals,
target values and names.

The state is one pickle in build/cache, written after every full generate (``record``) and
updated by every quick one. It is keyed by the generator's code, data and templates and by
``checks.yaml``; it is deleted before a quick run writes anything, so a run that dies
midway leaves a full build to the next one.
"""

from __future__ import annotations

import os
import pickle
import stat
import subprocess
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Optional

import click
from markupsafe import Markup

from generator.compare import series, series_key
from generator.export.dates import epoch_of, start_day
from generator.export.feed import feed_items, feed_xml
from generator.export.opendata import (INDICATORS_CSV, JSON_SEP, PROJECTS_CSV, PROJECTS_JSON, PROJECTS_XLSX,
                                       csv_parts, file_order, json_line, piece_of, project_downloads)
from generator.check.report import department_slugs
from generator.export.parts import replace_parts
from generator.export.rows import INDICATOR_COLUMNS, indicator_rows, project_row
from generator.export.workbook import INDICATORS_SHEET, PROJECTS_SHEET, column_kinds, replace_rows
from generator.importers.ids import remember_slugs, slugify
from generator.load import Loaded, load_files, load_text, message_path, read_text
from generator import loadcache
from generator.loadcache import LoadCache, digest, open_cache, save_cache
from generator.problems import Problem
from generator.schema import Project
from generator.shapes import ProjectShape, aggregate_files, shape_of, shape_site, shapes_of
from generator.transform import PAGE_KINDS, GroupRef, SiteData, page_file, page_url, project_path, project_view

FORMAT = 4
MAX_CHANGED = 50
"""More changed files than this take the full path (it is the faster one by then)."""
RACY_NS = 2_000_000_000
"""A file modified less than this before the build read it may have changed again within the
clock's granularity: its size and time are not trusted next time, its text is compared."""
TEXT_FILES = (PROJECTS_CSV, INDICATORS_CSV, PROJECTS_JSON)


@dataclass
class State:
    """What the last generate left behind, as the quick path needs it."""

    key: str
    content: str
    head: Optional[str]
    stamps: dict[str, tuple[int, int]]
    """Project file (``str`` of its path as the loader had it) → (size, mtime_ns) as read;
    (-1, -1) when not to be trusted."""
    digests: dict[str, bytes]
    """Project file → SHA-1 of the text the build used."""
    paths: dict[str, str]
    """Project id → its file (as passed to the loader)."""
    siblings: dict[str, tuple[str, ...]]
    """Project id → the ids of the same project in other years (``compare.series``)."""
    shapes: dict[str, ProjectShape]
    """Project id → what the aggregates read of it (``generator.shapes``): they are made again
    from these after an edit of funds or a category; their names and 实施单位 give the series a
    rename leaves and joins."""
    feed: tuple[str, ...]
    """The ids the feed lists (``feed_items``): its entries print the project names."""
    slugs: dict[str, str]
    """Department, 实施单位 and category → its slug (``slugify``): a quick run hands them to
    ``ids.remember_slugs`` and so needs no pypinyin for group links or quality folders."""
    groups: dict[str, dict[str, GroupRef]]
    updated: dict[str, date]
    notices: tuple[tuple[str, str], ...]
    layout: dict[str, Any]
    docs: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Data file → (size, mtime_ns) as written: anything else there means the state is stale."""
    starts: dict[str, date] = field(default_factory=dict)
    """Project id → its ``dates.start_day``: the build date (``epoch``) is the newest."""
    epoch: int = 0
    count: int = 0

    @property
    def ids(self) -> dict[str, str]:
        """Project file → project id (``paths`` the other way round)."""
        return {name: pid for pid, name in self.paths.items()}


@dataclass(frozen=True)
class Quick:
    """A quick generate's result: what ``build`` needs to go on."""

    count: int
    epoch: int
    changed: int
    """Project files whose text changed."""
    written: int = 0
    """Files written into the docs dir (the others came out as they were)."""


@dataclass(frozen=True)
class Full:
    """Why the quick path gave way to the full one (``build --incremental`` prints it)."""

    reason: str


class _GiveWay(Exception):
    """Raised where the quick path finds it cannot vouch for the result; its text is the reason."""


@dataclass
class Edits:
    """The edited projects as ``_edited`` found them."""

    projects: dict[str, Project]
    """Project id → the project as it is now."""
    old: dict[str, Project]
    """Project id → the project as the last build had it."""
    retargeted: set[str] = field(default_factory=set)
    """The ids whose indicators changed (target values, or indicators renamed, added, taken out)."""
    renamed: set[str] = field(default_factory=set)
    """The ids whose name changed."""
    reshaped: set[str] = field(default_factory=set)
    """The ids whose shape changed but for the name: funds, category, indicators (``generator.shapes``)."""
    moved: set[str] = field(default_factory=set)
    """The ids whose 主管部门 or 实施单位 changed (another department's quality pages; another series)."""
    refound: set[str] = field(default_factory=set)
    """The ids whose rule findings changed (a mistake corrected or made: the quality pages count them)."""
    shapes: dict[str, ProjectShape] = field(default_factory=dict)
    """Project id → its shape as it is now."""
    notices: tuple[tuple[str, str], ...] = ()
    """The build's warnings after the edits, in the full build's order: findings sorted by path
    first, and every notice of a successful build is a finding (load problems are errors)."""


def fingerprint(base: Path | None) -> str:
    """The generator's files (code, data, templates, assets), the Python and pydantic versions
    and ``checks.yaml``: anything that can change a generated file besides the content."""
    return loadcache.fingerprint(base, suffixes=None, tag=f"quick {FORMAT}")


def git_head(folder: Path) -> Optional[str]:
    """The commit checked out where ``folder`` is, or None outside git: the 'last updated'
    dates come from history (``export.dates``), and they cannot change while it stays."""
    try:
        done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=folder, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def record(site: SiteData, content: Path, base: Path, docs: Path, state_path: Path, started_ns: int, epoch: int) -> None:
    """Save the state of a full generate (nothing when the open-data layout is missing)."""
    state_path.unlink(missing_ok=True)
    if not site.layout or len(site.files) != len(site.projects):
        return
    stamps, digests, paths = {}, {}, {}
    for pid, path in site.files.items():
        name = str(path)
        st = os.stat(path)
        trusted = st.st_mtime_ns < started_ns - RACY_NS
        stamps[name] = (st.st_size, st.st_mtime_ns) if trusted else (-1, -1)
        digests[name] = digest(site.sources[pid])
        paths[pid] = name
    projects = [view.project for view in site.projects]
    state = State(
        key=fingerprint(base), content=str(content.resolve()), head=git_head(content), stamps=stamps, digests=digests,
        paths=paths, siblings=_siblings(projects), shapes=shapes_of(projects),
        feed=tuple(p.id for p in feed_items(projects, site.updated)),
        slugs={name: slugify(name) for name in {n for p in projects for n in (p.department, p.implementer, p.category) if n}},
        groups={v.project.id: dict(v.groups) for v in site.projects},
        updated=dict(site.updated), notices=site.notices, layout=site.layout,
        starts={p.id: start_day(p) for p in projects}, epoch=epoch, count=len(site.projects),
    )
    _save(state, docs, state_path)


def _siblings(projects: Iterable[Any]) -> dict[str, tuple[str, ...]]:
    """Project id → the ids of the other years of its series (``compare.series``; projects or
    shapes alike), for the projects in a series."""
    return {p.id: tuple(q.id for q in group if q.id != p.id) for group in series(projects).values() for p in group}


def _save(state: State, docs: Path, state_path: Path) -> None:
    state.docs = {rel: _stat(docs / rel) for rel in (*TEXT_FILES, PROJECTS_XLSX)}
    state_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = state_path.with_name(f".{state_path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as handle:
        pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, state_path)


def _stat(path: Path) -> tuple[int, int]:
    try:
        st = os.stat(path)
    except OSError:
        return (-2, -2)
    return (st.st_size, st.st_mtime_ns)


def _open(state_path: Path, content: Path, base: Path) -> State:
    try:
        with open(state_path, "rb") as handle:
            state = pickle.load(handle)
    except Exception:  # noqa: BLE001 - missing, truncated or from other code: the full path
        raise _GiveWay("no state of an earlier build") from None
    if not isinstance(state, State) or state.content != str(content.resolve()):
        raise _GiveWay("the state is of another content folder")
    if state.key != fingerprint(base):
        raise _GiveWay("the generator, its templates or checks.yaml changed")
    remember_slugs(state.slugs)
    return state


def regenerate(content: Path, base: Path, docs: Path, state_path: Path, started_ns: int, checks: Path) -> Quick | Full:
    """Bring ``docs`` up to date after edits of goals, indicators and target values, names,
    departments and 实施单位, funds, categories and dates; ``Full`` (why) when the full path must run.

    ``checks`` is the build's cache of rule findings (``generator.loadcache``): the quality
    pages of a department are made from its projects' entries there (an edited file's new entry
    goes there first), and the build's warnings from the state's (``Edits.notices``). Nothing is written before every check has passed; problems in
    the edited files are left to the full path, which reports them as every build does."""
    try:
        return _regenerate(content, base, docs, state_path, started_ns, checks)
    except _GiveWay as why:
        return Full(str(why))


def _regenerate(content: Path, base: Path, docs: Path, state_path: Path, started_ns: int, checks: Path) -> Quick:
    state = _open(state_path, content, base)
    if not docs.is_dir():
        raise _GiveWay(f"{docs} is missing")
    files = _scan(content)
    if files.keys() != state.stamps.keys():
        raise _GiveWay("project files were added, removed or renamed")
    if git_head(content) != state.head:
        raise _GiveWay("a new git commit (the 'last updated' dates come from history)")
    if any(_stat(docs / rel) != stamp for rel, stamp in state.docs.items()):
        raise _GiveWay("the data files in the docs dir changed outside the build")
    changed: list[tuple[str, Path, str]] = []  # (file, path, text)
    written = 0
    touched: list[tuple[str, Path]] = []
    for name, stamp in files.items():
        if stamp == state.stamps[name]:
            continue
        path = Path(name)
        display = message_path(path, base)
        touched.append((name, path))
        text, problems = read_text(path, display)
        if text is None:
            raise _GiveWay(f"{display} cannot be read")
        if digest(text) != state.digests[name]:
            changed.append((name, path, text))
            if len(changed) > MAX_CHANGED:
                raise _GiveWay(f"more than {MAX_CHANGED} project files changed")
    if changed:
        store = open_cache(checks, base)
        edits = _edited(state, changed, base, docs, store)
        state_path.unlink(missing_ok=True)  # from here on a failure leaves a full build to the next run
        save_cache(checks, store)
        try:
            written = _write(state, edits, {d: t for d, _, t in changed}, docs, state_path.parent / "jinja", store, base)
        except LookupError as exc:  # found out while making the files, before writing any: the full path
            raise _GiveWay(str(exc)) from None
        for name, _, text in changed:
            state.digests[name] = digest(text)
        state.notices = edits.notices
        state.starts.update((pid, start_day(project)) for pid, project in edits.projects.items())
        state.epoch = epoch_of(state.starts.values())
    for name, path in touched:
        st = os.stat(path)
        state.stamps[name] = (st.st_size, st.st_mtime_ns) if st.st_mtime_ns < started_ns - RACY_NS else (-1, -1)
    for display, line in state.notices:
        click.echo(line, err=True)
    _save(state, docs, state_path)
    return Quick(state.count, state.epoch, len(changed), written)


def _scan(content: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime_ns) of every project file below ``content`` by its name as ``project_files``
    gives it (``str`` of the path): one ``os.walk`` instead of ``Path.rglob`` and a ``Path`` each."""
    out: dict[str, tuple[int, int]] = {}
    if not content.is_dir():
        return out
    top = str(content)
    for root, _, names in os.walk(top):
        for name in names:
            if name.endswith((".yaml", ".yml")):
                path = os.path.join(root, name)
                if top == ".":
                    path = path[2:]  # Path(".").rglob gives "a/b.yaml", os.walk "./a/b.yaml"
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                if stat.S_ISREG(st.st_mode):
                    out[path] = (st.st_size, st.st_mtime_ns)
    return out


def _edited(state: State, changed: list[tuple[str, Path, str]], base: Path, docs: Path, store: LoadCache) -> Edits:
    """The edited projects, when each differs from its previous version in its goals, target
    values, name, department and 实施单位, funds, category, dates and findings only
    (``_aggregated``); else
    ``_GiveWay``, saying why. ``store`` gets the edited files' new entries."""
    from generator.check import check_projects

    items = []
    for name, path, text in changed:  # the texts regenerate read: no second read
        project, problems = load_text(text, message_path(path, base))
        if project is None or problems:
            raise _GiveWay(f"{message_path(path, base)} has problems")
        items.append(Loaded(project, path, text))
    found = check_projects(items, base=base)
    errors = [p for p in found if p.level == "error"]
    if errors:
        raise _GiveWay(f"{errors[0].path} has an error (the full build reports it)")
    shown = {message_path(path, base) for _, path, _ in changed}
    notices = [n for n in state.notices if n[0] not in shown] + [(p.path, p.format_text()) for p in found if p.level != "info"]
    store.new = dict(store.old)
    ids = state.ids
    edits = Edits({}, {}, notices=tuple(sorted(notices, key=lambda n: n[0])))
    for (name, path, text), item in zip(changed, items):
        display = message_path(path, base)
        before = store.old.get(display)
        mine = [p for p in found if p.path == display]
        if before is None or before[0] != state.digests[name]:
            raise _GiveWay(f"{display}: its findings are not in the cache")
        pid = ids[name]
        if sorted(map(_finding, mine)) != sorted(map(_finding, before[1])):
            edits.refound.add(pid)
        store.new[display] = (digest(text), mine)
        try:  # the text the last build used: published as the project's YAML download
            old_text = (docs / str(project_downloads(pid)["yaml"])).read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            raise _GiveWay(f"{display}: the text of the last build is missing") from None
        old, problems = load_text(old_text, name)
        if digest(old_text) != state.digests[name] or old is None:
            raise _GiveWay(f"{display}: the text of the last build is missing")
        if _aggregated(old) != _aggregated(item.project):
            raise _GiveWay(f"{display}: more than goals, indicators, the name, the department or 实施单位, funds, the category or the dates changed")
        position = state.layout["order"].index(pid)
        if _novel(old, state.layout["owner"], position) != _novel(item.project, state.layout["owner"], position):
            raise _GiveWay(f"{display}: an indicator text the workbook shares would be new or move (a label, operator or unit)")
        edits.projects[pid], edits.old[pid] = item.project, old
        if repr(old.indicators) != repr(item.project.indicators):
            edits.retargeted.add(pid)
        if old.name != item.project.name:
            edits.renamed.add(pid)
        if (old.department, old.implementer) != (item.project.department, item.project.implementer):
            edits.moved.add(pid)
        edits.shapes[pid] = shape_of(item.project)
        if state.shapes[pid]._replace(name="") != edits.shapes[pid]._replace(name=""):  # the state's is the old one's
            edits.reshaped.add(pid)
    if any(edits.old[pid].department != edits.projects[pid].department for pid in edits.moved):
        order = state.layout["order"]
        if sorted(order, key=lambda pid: file_order(edits.shapes.get(pid) or state.shapes[pid])) != order:
            raise _GiveWay("a project's place in the open data moves (they list the projects by year, department and id)")
    return edits


def _finding(p: Problem) -> tuple[str, int, int, str, str, str, str]:
    return (p.path, p.line or 0, p.column or 0, p.field or "", p.rule or "", p.level, p.message)


def _aggregated(project: Project) -> str:
    """What must stay as it was for the quick path: the project without its goals, name,
    department, 实施单位, funds, category, indicators and dates, which the quick path writes out
    wherever they go (the aggregates from the shapes, the quality pages, the series, the open
    data, the build date ``epoch``). A repr, so ``Decimal('1.0')`` and
    ``Decimal('1.00')`` differ (they print differently)."""
    return repr(project.model_copy(update={"name": "", "funds": None, "category": None, "goals": None, "indicators": None,
                                           "start_date": None, "end_date": None, "department": "", "implementer": ""}))


_SHARED_COLUMNS = [n for n, kind in enumerate(column_kinds(INDICATOR_COLUMNS)) if kind == "string"]


def _novel(project: Project, owner: dict[str, int], position: int) -> list[str]:
    """The shared texts of the workbook's indicators sheet that ``project`` (at ``position`` in
    file order) uses and no project before it does, in the order it first uses them.

    Why: the shared-string table lists texts in the order the sheet first uses them (``owner``:
    text → the position of the project that does). A project's rows can be replaced without
    renumbering any other cell exactly when these texts stay the same, in the same order: each
    other text is used earlier (and stays so), and none is new or first used later."""
    seen: dict[str, None] = {}
    for row in indicator_rows(project):
        for n in _SHARED_COLUMNS:
            text = row[n]
            if text and owner.get(text, position) >= position:
                seen.setdefault(text, None)
    return list(seen)


def _write(state: State, edits: Edits, texts: dict[str, str], docs: Path, templates: Path, store: LoadCache, base: Path) -> int:
    """Write the pages, YAML downloads, open-data files and quality pages the edits change (those
    that come out different); how many were written."""
    from generator.extras import project_extras
    from generator.render import make_environment, render_project
    from generator.write import write_changed

    projects = edits.projects
    unchanged = _Unchanged(state, base)
    reseries = edits.renamed | edits.moved  # their series may change: a name and 实施单位 make it
    left = {series_key(state.shapes[pid]) for pid in reseries}
    state.shapes.update(edits.shapes)
    env = make_environment(templates)
    aggregates = _aggregates(state, edits, env, docs) if edits.reshaped else {}
    family = set(projects) | {s for pid in projects for s in state.siblings.get(pid, ())}
    family |= _reseries(state, left | {series_key(state.shapes[pid]) for pid in reseries})
    members = {**{pid: unchanged.get(pid).project for pid in sorted(family - set(projects))}, **projects}
    extras = project_extras(list(members.values()), lambda p: project_path(p.id), state.updated)
    files: dict[str, bytes] = {}
    for pid, project in members.items():
        view = project_view(project)
        view.groups.update(state.groups[pid])
        files[page_file(view.path)] = render_project(env, view, extras[pid]).encode("utf-8")
    ids = state.ids
    for name, text in texts.items():
        files[str(project_downloads(ids[name])["yaml"])] = text.encode("utf-8")
    files.update(_open_data(state, projects, docs, edits.retargeted))
    files.update(_quality_pages(state, edits, store, base, unchanged, docs, templates))
    files.update(aggregates or _renamed(state, edits, env, docs, unchanged))
    return write_changed(files, docs)[0]


def _aggregates(state: State, edits: Edits, env: Any, docs: Path) -> dict[str, bytes]:
    """Every aggregate file, made from the shapes (``generator.shapes``; the edited ones already
    new), after an edit of funds or a category; the edited projects' group links brought up to
    date. A group page added or removed, or another project's links moved (a new slug), is
    ``LookupError``: the full path writes and removes pages."""
    site = shape_site(state.shapes.values(), state.updated)
    groups = {view.project.id: view.groups for view in site.projects}
    pages = lambda refs: {ref.path for links in refs for ref in links.values()}  # noqa: E731
    if pages(groups.values()) != pages(state.groups.values()):
        raise LookupError("the group pages change")
    if any(links != state.groups[pid] for pid, links in groups.items() if pid not in edits.projects):
        raise LookupError("another project's group links change")
    touched = pages(state.groups[pid] for pid in edits.projects) | pages(groups[pid] for pid in edits.projects)
    rows = _kept_rows(state, edits, touched, docs)
    state.groups.update((pid, dict(groups[pid])) for pid in edits.projects)
    return {rel: text.encode("utf-8") for rel, text in aggregate_files(site, touched, env, rows).items()}


_ROW = '<tr><td><a href="'


def _kept_rows(state: State, edits: Edits, touched: set[str], docs: Path) -> dict[str, dict[str, Markup]]:
    """Per group page to make again, the rows of its projects that are not edited, as the last
    build wrote them (``render_site``'s ``rows``): at 10,000 projects a year page lists 2,000,
    and making each row again was most of a quick run's aggregates.

    Why they are right: a row (``project_row``) prints its project's name, page, group links,
    funds and indicator count, all of them in the shape and links the state keeps, and the
    other projects' links are the same (``_aggregates`` checks). A row is found by the link of
    its name cell, and taken only when it is one whole line (the texts in it are escaped, so
    ``</tr>`` ends only a row; a line break in a name makes it two lines: not taken)."""
    from generator.render import href, root_prefix

    out: dict[str, dict[str, Markup]] = {}
    members: dict[str, list[str]] = {path: [] for path in touched}
    for pid, links in state.groups.items():
        if pid not in edits.projects:
            for ref in links.values():
                if ref.path in members and not ref.anchor:
                    members[ref.path].append(pid)
    for path, ids in members.items():
        try:
            text = (docs / page_file(path)).read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        lines = {line[len(_ROW):line.find('"', len(_ROW))]: line for line in text.split("\n")
                 if line.startswith(_ROW) and line.endswith("</tr>")}
        root = root_prefix(path)
        kept = {pid: Markup(lines[link]) for pid in ids if (link := href(project_path(pid), root)) in lines}
        if kept:
            out[path] = kept
    return out


def _reseries(state: State, keys: set[tuple[str, str]]) -> set[str]:
    """Bring ``state.siblings`` of the series ``keys`` to the shapes (new names); the ids in those
    series, whose pages list each other's years (a renamed project's series before and after)."""
    if not keys:
        return set()
    members = [shape for shape in state.shapes.values() if series_key(shape) in keys]  # type: ignore[arg-type]
    for shape in members:
        state.siblings.pop(shape.id, None)
    state.siblings.update(_siblings(members))
    return {shape.id for shape in members}


def _renamed(state: State, edits: Edits, env: Any, docs: Path, unchanged: "_Unchanged") -> dict[str, bytes]:
    """What a new name changes besides its project's pages, downloads, open data and quality
    pages: the name cell of its row on the list page of each of its groups (``project_cell``;
    the rows are ordered by year and id, so none moves) and, when it is listed, the feed."""
    from generator.render import root_prefix

    if not edits.renamed:
        return {}
    cell = env.get_template("_macros.md.j2").module.project_cell
    pages: dict[str, str] = {}
    for pid in sorted(edits.renamed):
        for kind in PAGE_KINDS:
            ref = state.groups[pid][kind]
            rel = page_file(ref.path)
            text = pages[rel] if rel in pages else (docs / rel).read_text("utf-8")
            root = root_prefix(ref.path)
            old, new = (str(cell(project_view(p), root)) for p in (edits.old[pid], edits.projects[pid]))
            if text.count(old) != 1:
                raise LookupError(f"{rel} does not list {pid} once")
            pages[rel] = text.replace(old, new)
    out = {rel: text.encode("utf-8") for rel, text in pages.items()}
    if edits.renamed & set(state.feed):
        items = [edits.projects[pid] if pid in edits.projects else unchanged.get(pid).project for pid in state.feed]
        out["feed.xml"] = feed_xml(items, state.updated, lambda p: page_url(project_path(p.id))).encode("utf-8")
    return out


class _Unchanged:
    """The projects a quick run reads besides the edited ones (other years, a department's
    projects, the feed's), each file read once."""

    def __init__(self, state: State, base: Path) -> None:
        self.state, self.base, self.loaded = state, base, {}

    def get(self, pid: str) -> Loaded:
        item = self.loaded.get(pid)
        if item is None:
            result = load_files([Path(self.state.paths[pid])], self.base)
            if result.problems or len(result.items) != 1:
                raise LookupError(f"the file of {pid} no longer loads")
            item = self.loaded[pid] = result.items[0]
        return item


def _quality_pages(state: State, edits: Edits, store: LoadCache, base: Path, unchanged: _Unchanged, docs: Path,
                   templates: Path) -> dict[str, bytes]:
    """The quality page of each department with a project whose indicators, name or findings
    changed (it prints them) or that a project left or joined, and the department's row and
    section of the quality index (the section's rows are ordered by name; row and section
    count the targets).

    Made from the department's projects alone (their files read again, their findings from the
    findings cache): a department's page depends on nothing else but its slug, which is taken
    in the order of all departments (``department_slugs`` of them all), as the full report takes it."""
    from generator.check.pages import environment, quality_files
    from generator.check.report import quality_report

    projects = {pid: edits.projects[pid] for pid in edits.retargeted | edits.renamed | edits.refound | edits.moved}
    if not projects:
        return {}
    env = environment(templates)
    macros = env.get_template("_quality.md.j2").module
    slugs = department_slugs(shape.department for shape in state.shapes.values())
    now = {pid: shape.department for pid, shape in state.shapes.items()}  # the edited ones' shapes already new
    was = {**now, **{pid: project.department for pid, project in edits.old.items()}}
    index = None
    out: dict[str, bytes] = {}
    for department in sorted({p.department for p in projects.values()} | {edits.old[pid].department for pid in projects}):

        def page(version: dict[str, Project], cache: dict[str, Any], members: dict[str, str]) -> Any:
            ids = sorted(pid for pid, name in members.items() if name == department)
            findings = []
            for pid in ids:
                entry = (cache if pid in version else store.new).get(message_path(Path(state.paths[pid]), base))
                if entry is None:
                    raise LookupError("a finding of the department is not in the cache")
                findings += entry[1]
            findings.sort(key=lambda p: (p.path, p.line, p.column, p.rule, p.message))
            items = [Loaded(version[pid], Path(state.paths[pid]), "") if pid in version else unchanged.get(pid) for pid in ids]
            report = quality_report(items, findings, base=base, slugs=slugs)
            return report, report.departments[0]

        report, dept = page(edits.projects, store.new, now)
        path = f"quality/{dept.slug}/index.md"
        out[path] = quality_files(report, env=env)[path].encode("utf-8")
        index = (docs / "quality" / "index.md").read_text("utf-8") if index is None else index
        before = page(edits.old, store.old, was)[1]  # as the last build had it: its projects and findings
        for part in (macros.department_row, macros.department_section):
            old = str(part(before))
            if index.count(old) != 1:
                raise LookupError(f"the quality index does not hold the parts of {department} once")
            index = index.replace(old, str(part(dept)))
    if index is not None:
        out["quality/index.md"] = index.encode("utf-8")
    return out


def _open_data(state: State, projects: dict[str, Project], docs: Path, retargeted: set[str]) -> dict[str, bytes]:
    """The open-data files with the edited projects' parts replaced (the workbook's rows too)."""
    order = state.layout["order"]
    position = {pid: n for n, pid in enumerate(order)}
    parts: dict[str, dict[int, str]] = {PROJECTS_CSV: {}, PROJECTS_JSON: {}}
    if retargeted:  # indicators.csv holds the indicators and the project id only
        parts[INDICATORS_CSV] = {}
    for pid, project in projects.items():
        n = position[pid]
        parts[PROJECTS_CSV][n] = csv_parts(None, [[project_row(project)]])[0]
        if pid in retargeted:
            parts[INDICATORS_CSV][n] = csv_parts(None, [indicator_rows(project)])[0]
        parts[PROJECTS_JSON][n] = (JSON_SEP if n else "") + json_line(project)
    out = {rel: replace_parts((docs / rel).read_bytes(), state.layout["bounds"][rel], {n: part.encode("utf-8") for n, part in new.items()})
           for rel, new in parts.items()}  # as bytes: the bounds are byte offsets (a BOM only at the start of the CSV)
    first = state.layout["first_indicator"]
    blocks: dict[str, dict[int, tuple[int, list[list[str]]]]] = {PROJECTS_SHEET: {}}
    owners: dict[str, dict[int, int]] = {PROJECTS_SHEET: {}, INDICATORS_SHEET: {}}  # first row → its deflate piece
    grown: dict[int, int] = {}  # project position → indicator rows more (or fewer) than before
    for pid, project in projects.items():
        n = position[pid]
        blocks[PROJECTS_SHEET][n] = (1, [project_row(project)])
        owners[PROJECTS_SHEET][n] = piece_of(n)
        if pid in retargeted:  # the indicators sheet (20 MB of XML at 10,000 projects) only when needed
            sheet, rows = blocks.setdefault(INDICATORS_SHEET, {}), indicator_rows(project)
            if first[n] in sheet:  # a project without indicators beside another edited one
                raise LookupError("two edited projects' indicator rows begin on one row")
            sheet[first[n]] = (first[n + 1] - first[n], rows)
            owners[INDICATORS_SHEET][first[n]] = piece_of(n)
            grown[n] = len(rows) - (first[n + 1] - first[n])
    moved = list(first)
    if any(grown.values()):  # every later project's rows moved
        shift = 0
        for k in range(len(moved)):
            moved[k] += shift
            shift += grown.get(k, 0)
    old = (docs / PROJECTS_XLSX).read_bytes()  # its pieces in the state: updated in place
    out[PROJECTS_XLSX] = replace_rows(old, state.layout["bounds"][PROJECTS_XLSX], blocks, state.layout["when"], state.layout["pieces"], owners)
    first[:] = moved
    return out


def started() -> int:
    """The clock at the start of a build, for ``record`` and ``regenerate`` (``RACY_NS``)."""
    return time.time_ns()
