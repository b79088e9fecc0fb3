"""The build pipeline: load → validate → check → transform → render → write → MkDocs → swap.

Extra outputs (open data, charts, reports) are *producers*: functions
``(site, out_dir) -> None`` that write files under ``out_dir`` with the same
layout as the docs dir (``out_dir / "data" / "projects.csv"``). Add one to
``PRODUCERS`` and every build and preview includes it. A producer with a ``files``
attribute (``producers.in_memory``) hands its files over in memory; any other gets its
own empty staging dir. Only changed files are written into build/docs, and two producers
claiming one path is an error, never an overwrite.

Speed (10,000 projects): loading and checking run in two processes (``generator.corpus``),
so do the producers (``CHILD_PRODUCERS`` in the second one); ``build`` keeps the rule
findings of unchanged files in build/cache (``generator.loadcache``) for rebuilds.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable, Mapping

import click

from generator.export import producers as transparency
from generator.export.dates import epoch_of, project_dates, start_day
from generator.load import Loaded, load_projects
from generator.postbuild import finish
from generator.problems import Problem, ProblemsFound, UserError, display_path
from generator.render import render_site
from generator.transform import SiteData, build_site, page_folder
from generator.parallel import no_gc, relaxed_gc, split
from generator.warmstart import MKDOCS_BUILD, WarmMkDocs, messages, tool_env, warm_for
from generator.write import Output, SyncStats, make_folders, prune, sync, write_changed
from generator.yamlio import locate

Producer = Callable[[SiteData, Path], None]
DOCS = Path("build") / "docs"
"""The docs dir relative to mkdocs.yml's folder (mkdocs.yml says ``docs_dir: build/docs``)."""
CACHE = Path("build") / "cache" / "load.pickle"
"""The rebuild cache (``generator.loadcache``) relative to mkdocs.yml's folder."""
QUICK = Path("build") / "cache" / "quick.pickle"
"""The quick path's state (``generator.quick``) relative to mkdocs.yml's folder."""


@transparency.in_memory
def pages(site: SiteData) -> Mapping[str, str | bytes]:
    """Every Markdown page: home, indexes, summary, one per project."""
    return render_site(site)


@transparency.in_memory
def quality(site: SiteData) -> Mapping[str, str | bytes]:
    """The target-quality report pages (``quality/``), from the findings the build already has."""
    from generator.check.pages import quality_files, site_quality_report

    report = site.quality() if callable(site.quality) else site.quality  # deferred by load_site
    return quality_files(report if report is not None else site_quality_report(site))


PRODUCERS: list[Producer] = [
    pages,
    quality,
    transparency.open_data,
    transparency.feed,
    transparency.charts,
    transparency.assets,
]


CHILD_PRODUCERS = (pages,)
"""Run in the second process: about half the CPU work of ``generate`` (measured at 10,000
projects, CPU s: pages 6.4 in the child; open data 4.0, quality 2.0, charts and feed 0.3 here)."""


def duplicate_ids(items: Iterable[Loaded], base: Path) -> list[Problem]:
    """Two files with the same id would publish one page over the other: report both."""
    by_id: dict[str, list[Loaded]] = defaultdict(list)
    for item in items:
        by_id[item.project.id].append(item)
    problems = []
    for pid, dups in sorted(by_id.items()):
        if len(dups) < 2:
            continue
        names = [display_path(d.path, base) for d in dups]
        for item, name in zip(dups, names):
            line, col = locate(item.text, ("id",))
            others = ", ".join(n for n in names if n != name)
            problems.append(Problem(name, line, col, "id", f"duplicate id {pid!r} (also used by {others})"))
    return problems


def _run_checks(items: list[Loaded], base: Path) -> list[Problem]:
    from generator.check import check_projects

    return list(check_projects(items, base=base))


def load_site(content: Path, base: Path, cache: Path | None = None) -> SiteData:
    """Load, validate and check ``content``; raise ``ProblemsFound`` listing every error.

    ``cache``: a file for ``generator.loadcache`` (rebuilds skip parsing and checking unchanged files)."""
    if not content.is_dir():
        raise UserError(f"content directory {content} does not exist")
    with no_gc():
        return _load_site(content, base, cache)


def _load_site(content: Path, base: Path, cache: Path | None) -> SiteData:
    from generator.corpus import load_and_check
    from generator.loadcache import open_cache, save_cache

    store = open_cache(cache, base) if cache is not None else None
    result, checked = load_and_check(content, base, store)
    problems = result.problems + duplicate_ids(result.items, base)
    findings: list[Problem] = []
    if not problems and checked is not None:
        if isinstance(checked, Exception):
            raise checked  # checks.yaml is wrong
        findings = checked
        problems += findings
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise ProblemsFound(problems, f"{len(errors)} error(s); the site was not built")
    notices = tuple((p.path, p.format_text()) for p in problems if p.level != "info")
    for _, line in notices:
        click.echo(line, err=True)
    if store is not None and cache is not None:
        save_cache(cache, store)
    from generator.check.report import quality_report

    site = build_site(result.projects)
    updated = project_dates((item.project, item.path) for item in result.items)
    return dataclasses.replace(
        site,
        quality=functools.partial(quality_report, result.items, findings, base=base),  # built where its pages are
        updated=updated,
        sources={item.project.id: item.text for item in result.items},
        files={item.project.id: item.path for item in result.items},
        notices=notices,
    )


def generate(site: SiteData, docs_dir: Path, producers: list[Producer] | None = None) -> SyncStats:
    """Run every producer and sync their files into ``docs_dir`` (only changed files are written).

    The page renderers (``CHILD_PRODUCERS``) run in a second process (``generator.parallel``)
    while this one runs the other producers; each process writes its own files, this one then
    removes stale ones.
    """
    with relaxed_gc(freeze=True):
        return _generate(site, docs_dir, list(producers if producers is not None else PRODUCERS))


def _generate(site: SiteData, docs_dir: Path, chosen: list[Producer]) -> SyncStats:
    second = [p for p in chosen if p in CHILD_PRODUCERS]
    first = [p for p in chosen if p not in CHILD_PRODUCERS]
    if not first or not second:
        output = _produce(site, chosen)
        return sync(output, docs_dir)
    make_folders(docs_dir, sorted({page_folder(view.path).rstrip("/") for view in site.projects}))  # both processes write there
    mine, theirs = split(lambda: _produce_and_write(site, first, docs_dir), lambda: _produce_and_write(site, second, docs_dir))
    clash = sorted(set(mine[2]) & set(theirs[2]))
    if clash:
        raise ValueError(f"two generated files map to the same path {clash[0]!r}")
    removed = prune(docs_dir, set(mine[2]) | set(theirs[2]))
    return SyncStats(mine[0] + theirs[0], mine[1] + theirs[1], removed)


def _produce(site: SiteData, producers: list[Producer]) -> Output:
    """The files of ``producers`` (in-memory ones directly, the others through a staging dir)."""
    output = Output()
    with tempfile.TemporaryDirectory(prefix="generator-stage-") as tmp:
        for number, produce in enumerate(producers):
            in_memory = getattr(produce, "files", None)
            if in_memory is not None:  # no staging dir to write and read back
                for rel, content in in_memory(site).items():
                    output.add(rel, content)
                continue
            stage = Path(tmp) / str(number)
            stage.mkdir()
            produce(site, stage)
            output.add_tree(stage)
    return output


def _produce_and_write(site: SiteData, producers: list[Producer], docs_dir: Path) -> tuple[int, int, list[str]]:
    """Produce and write changed files; (written, unchanged, every path) for the final prune."""
    output = _produce(site, producers)
    written, unchanged = write_changed(output.files, docs_dir)
    return written, unchanged, list(output.files)


@dataclasses.dataclass(frozen=True)
class Generated:
    """What ``generate_docs`` did: projects, the data's build date, and the number of edited
    files when the quick path was taken (None: the full path)."""

    count: int
    epoch: int
    quick: int | None = None
    written: int = 0
    """Files written into build/docs (the others came out as they were)."""
    removed: int = 0


def generate_docs(content: Path, root: Path, quick_first: bool = False, clock: "_Clock | None" = None) -> Generated:
    """``content`` → ``root``/build/docs: load, check and every producer, saving what the next
    quick run needs; with ``quick_first``, ``generator.quick`` first (only edited files read).

    ``build`` and ``serve`` both come here. Content errors raise ``ProblemsFound``."""
    from generator import quick

    clock = clock or _Clock(None)
    started = quick.started()
    fast = quick.regenerate(content, Path.cwd(), root / DOCS, root / QUICK, started, root / CACHE) if quick_first else None
    if isinstance(fast, quick.Quick):
        clock.lap("load")  # the quick path loads only the edited files: all of it counts as generate
        clock.lap("generate")
        click.echo(f"quick path: {fast.changed} edited project file(s) regenerated", err=True)
        return Generated(fast.count, fast.epoch, fast.changed, fast.written)
    if fast is not None:
        click.echo(f"full generate: {fast.reason}", err=True)
    site = load_site(content, Path.cwd(), root / CACHE)
    clock.lap("load")
    stats = generate(site, root / DOCS)
    epoch = data_epoch(site)
    quick.record(site, content, Path.cwd(), root / DOCS, root / QUICK, started, epoch)
    clock.lap("generate")
    return Generated(len(site.projects), epoch, None, stats.written, stats.removed)


def data_epoch(site: SiteData) -> int:
    """The build date as seconds since 1970, taken from the data (newest start date or year), not the clock.

    MkDocs stamps it into sitemap.xml (and the .gz header) through ``SOURCE_DATE_EPOCH``,
    so two builds of the same content are byte-identical whatever the day.
    """
    return epoch_of(start_day(v.project) for v in site.projects)


def mkdocs_build(config: Path, site_dir: Path, jobs: int = 1, epoch: int | None = None) -> None:
    """``mkdocs build --strict`` into a temp dir beside ``site_dir``, then swap it in.

    ``site_dir`` stays as it was unless the whole build succeeds. ``jobs`` > 1 runs
    that many MkDocs shards in parallel and merges them (``generator/shard.py``):
    the same bytes as one process, faster on idle cores. ``epoch`` is the build date
    (``SOURCE_DATE_EPOCH`` set by the caller's environment wins)."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    _recover(site_dir)
    tmp = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}.new-", dir=site_dir.parent))
    env = tool_env()
    if epoch is not None:
        env.setdefault("SOURCE_DATE_EPOCH", str(epoch))
    try:
        if jobs > 1:
            from generator.shard import build_sharded, settings_cache

            tmp.rmdir()
            try:
                build_sharded(config, config.resolve().parent / DOCS, tmp, jobs, env=env,
                              settings_cache=settings_cache(config))
            except RuntimeError as exc:
                raise UserError(f"{exc}; {site_dir} was left unchanged") from None
        else:
            cmd = [sys.executable, "-m", "mkdocs", *MKDOCS_BUILD, "-f", str(config), "-d", str(tmp)]
            done = subprocess.run(cmd, env=env, capture_output=True, text=True)
            for line in messages(done.stdout + done.stderr):
                click.echo(line, err=True)
            if done.returncode:
                raise UserError(f"mkdocs build failed (exit status {done.returncode}); {site_dir} was left unchanged")
        finish(tmp)
        _swap(tmp, site_dir)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


def _recover(site_dir: Path) -> None:
    """Clean up after a build that was killed: its half-written ``site.new-*`` trees go, and
    when it died between the two renames of ``_swap`` the previous site is moved back; an
    incremental build that died while moving its files in is completed from its journal."""
    leftovers = sorted(site_dir.parent.glob(f"{site_dir.name}.new-*")) + sorted(site_dir.parent.glob(f"{site_dir.name}.old-*"))
    if not site_dir.exists():
        olds = [p for p in leftovers if p.name.startswith(f"{site_dir.name}.old-") and p.is_dir()]
        if olds:
            previous = max(olds, key=lambda p: p.stat().st_mtime)
            previous.rename(site_dir)
            leftovers.remove(previous)
    for path in leftovers:
        shutil.rmtree(path, ignore_errors=True)
    for trash in site_dir.parent.glob(f".{site_dir.name}.trash-*"):  # a background delete that was killed
        _discard(trash, site_dir.name)
    from generator.incremental import roll_forward

    for stage in sorted(site_dir.parent.glob(f".{site_dir.name}.stage-*")):  # an incremental build that died
        roll_forward(stage)


def _swap(new: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by ``new`` with two renames (the old tree is deleted afterwards)."""
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}.old-", dir=site_dir.parent))
        old.rmdir()
        site_dir.rename(old)
    try:
        new.rename(site_dir)
    except OSError:
        if old is not None:  # put the previous site back before reporting the failure
            old.rename(site_dir)
        raise
    if old is not None:
        _discard(old, site_dir.name)


def _discard(tree: Path, site_name: str) -> None:
    """Delete a replaced site in a detached background process, after renaming it out of the way.

    Why: on this kind of disk deleting a 10,000-project site (12,000 folders) takes 4-40 s of
    wall time waiting on the journal, and nobody needs to wait for it: the new site is already
    in place. ``JX_SYNC_DELETE=1`` deletes in the foreground; a tree left by a killed cleanup
    is picked up by ``_recover`` at the next build.
    """
    trash = tree
    if ".trash-" not in tree.name:
        trash = tree.with_name(f".{site_name}.trash-{tree.name.rsplit('-', 1)[-1]}")
        try:
            tree.rename(trash)
        except OSError:
            trash = tree
    if os.environ.get("JX_SYNC_DELETE") == "1":
        shutil.rmtree(trash, ignore_errors=True)
        return
    code = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
    subprocess.Popen([sys.executable, "-c", code, str(trash)], start_new_session=True, close_fds=True,
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _manifest(root: Path, site_dir: Path, epoch: int) -> Path:
    """Where the docs-dir hashes of the last build of ``site_dir`` are kept (for ``--incremental``).

    The data's build date is part of the name: when it changes (a project with a newer date),
    no manifest matches and the build is a full one, so sitemap dates match a full build.
    """
    import hashlib

    key = hashlib.sha1(str(site_dir.resolve()).encode()).hexdigest()[:10]
    return root / "build" / f"docs-manifest-{key}-{epoch}.json"


def incremental_build(config: Path, docs: Path, site_dir: Path, manifest: Path, epoch: int | None = None,
                      warm: WarmMkDocs | None = None) -> bool:
    """Rebuild only changed pages and move them into ``site_dir``; False when a full build is needed.
    ``warm``: a MkDocs process started ahead for the partial run (``generator.warmstart``)."""
    from generator.incremental import JOURNAL, commit, rebuild

    site_dir = site_dir.resolve()
    if not site_dir.is_dir():
        return False
    _recover(site_dir)
    stage = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.stage-", dir=site_dir.parent))
    try:
        env = tool_env()
        if epoch is not None:
            env.setdefault("SOURCE_DATE_EPOCH", str(epoch))
        staged = rebuild(config, docs, site_dir, stage, manifest, env, warm)
        if staged is None:
            return False
        files, changed = staged
        commit(stage, site_dir, files, manifest)
        click.echo(f"incremental: {changed} changed file(s) rebuilt", err=True)
        return True
    except RuntimeError as exc:
        raise UserError(f"{exc}; {site_dir} was left unchanged") from None
    finally:
        if stage.exists() and not (stage / JOURNAL).is_file():  # a journal is finished by _recover
            shutil.rmtree(stage, ignore_errors=True)


AUTO_JOBS_FROM = 500
"""Projects from which ``--jobs 0`` (the default) shards MkDocs: at 1,000 projects two shards
took 10.3 s against 14.6 s for one process here; a small site pays more for the second MkDocs
start than it gains."""


def auto_jobs(projects: int) -> int:
    """MkDocs processes for ``projects`` when ``--jobs`` is 0: one per core for a large site."""
    return max(1, os.cpu_count() or 1) if projects >= AUTO_JOBS_FROM else 1


def build(content: Path, site_dir: Path, config: Path, jobs: int = 1, incremental: bool = False,
          timings: dict[str, float] | None = None, warm: WarmMkDocs | None = None) -> int:
    """The whole build; the number of projects built. User errors raise ``UserError`` and leave
    ``site_dir`` untouched. With ``incremental``, the generator first tries its quick path
    (``generator.quick``: only the edited files are read), then MkDocs rebuilds only the
    changed pages (``generator.incremental``); either falls back to the full path by itself.

    ``jobs`` 0 picks the number of MkDocs processes from the size of the site (``auto_jobs``).

    ``timings``, when given, receives the wall seconds of each phase (``load``: load, validate
    and check; ``generate``: every producer and the sync into build/docs; ``mkdocs``: MkDocs,
    shards, post-processing and the swap; ``incremental`` instead of ``mkdocs`` when that path
    was taken) for the benchmark.

    ``warm``: the MkDocs process of the partial run, started by the caller (``warm_for``) before
    it imported this module; else one is started here when it may be needed. Closed either way."""
    clock = _Clock(timings)
    if not config.is_file():
        raise UserError(f"MkDocs config {config} not found")
    root = config.resolve().parent
    warm = warm or warm_for(site_dir, incremental, config)
    try:
        done = generate_docs(content, root, quick_first=incremental, clock=clock)
        epoch, count = done.epoch, done.count
        manifest = _manifest(root, site_dir, epoch)
        if incremental and incremental_build(config, root / DOCS, site_dir, manifest, epoch, warm):
            clock.lap("incremental")
            return count
    finally:
        if warm is not None:
            warm.close()
    from generator.incremental import read_manifest, save_manifest

    previous: dict[str, str] = {}
    for stale in manifest.parent.glob(manifest.name.rsplit("-", 1)[0] + "-*.json"):
        previous = previous or read_manifest(stale)
        stale.unlink(missing_ok=True)
    mkdocs_build(config, site_dir, jobs or auto_jobs(count), epoch)
    save_manifest(root / DOCS, config, manifest, previous)
    clock.lap("mkdocs")
    return count


class _Clock:
    """Phase timer that writes into an optional dict (no-op without one)."""

    def __init__(self, into: dict[str, float] | None) -> None:
        self.into, self.last = into, time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        if self.into is not None:
            self.into[name] = round(now - self.last, 3)
        self.last = now
