"""The build pipeline: load → validate → check → transform → render → write → MkDocs → swap.

Extra outputs (open data, charts, reports) are *producers*: functions
``(site, out_dir) -> None`` that write files under ``out_dir`` with the same
layout as the docs dir (``out_dir / "data" / "projects.csv"``). Add one to
``PRODUCERS`` and every build and preview includes it. Each producer gets its
own empty staging dir; ``write.sync`` then copies only changed files into
build/docs, so two producers claiming one path is an error, never an overwrite.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

import click

from generator.export import producers as transparency
from generator.export.dates import project_dates
from generator.load import Loaded, load_projects
from generator.problems import Problem, ProblemsFound, UserError, display_path
from generator.render import render_site
from generator.transform import SiteData, build_site
from generator.write import Output, SyncStats, sync
from generator.yamlio import locate

Producer = Callable[[SiteData, Path], None]
DOCS = Path("build") / "docs"
"""The docs dir relative to mkdocs.yml's folder (mkdocs.yml says ``docs_dir: build/docs``)."""
JIEBA_CHATTER = ("Building prefix dict", "Loading model from cache", "Loading model cost", "Prefix dict has been built", "Dumping model to file cache")
"""Lines jieba prints on every load (from inside the search plugin); not worth showing."""


def pages(site: SiteData, out_dir: Path) -> None:
    """Every Markdown page: home, indexes, summary, one per project."""
    for path, text in render_site(site).items():
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")


def quality(site: SiteData, out_dir: Path) -> None:
    """The target-quality report pages (``quality/``), from the findings the build already has."""
    try:
        from generator.check.pages import quality_pages, write_quality_pages
    except ImportError:  # pragma: no cover - the checker ships with the package
        return
    if site.quality is None:
        quality_pages(site, out_dir)
    else:
        write_quality_pages(site.quality, out_dir)


PRODUCERS: list[Producer] = [
    pages,
    quality,
    transparency.open_data,
    transparency.feed,
    transparency.charts,
    transparency.assets,
    transparency.docx,
]


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


def load_site(content: Path, base: Path) -> SiteData:
    """Load, validate and check ``content``; raise ``ProblemsFound`` listing every error."""
    if not content.is_dir():
        raise UserError(f"content directory {content} does not exist")
    result = load_projects(content, base)
    problems = result.problems + duplicate_ids(result.items, base)
    findings: list[Problem] = []
    if not problems:
        findings = _run_checks(result.items, base)
        problems += findings
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise ProblemsFound(problems, f"{len(errors)} error(s); the site was not built")
    for problem in problems:
        if problem.level != "info":
            click.echo(problem.format_text(), err=True)
    from generator.check.report import quality_report

    site = build_site(result.projects)
    updated = project_dates((item.project, item.path) for item in result.items)
    return dataclasses.replace(
        site,
        quality=quality_report(result.items, findings, base=base),
        updated=updated,
        sources={item.project.id: item.text for item in result.items},
    )


def generate(site: SiteData, docs_dir: Path, producers: list[Producer] | None = None) -> SyncStats:
    """Run every producer and sync their files into ``docs_dir`` (only changed files are written)."""
    output = Output()
    with tempfile.TemporaryDirectory(prefix="generator-stage-") as tmp:
        for number, produce in enumerate(producers if producers is not None else PRODUCERS):
            stage = Path(tmp) / str(number)
            stage.mkdir()
            produce(site, stage)
            output.add_tree(stage)
    return sync(output, docs_dir)


def tool_env() -> dict[str, str]:
    """Environment for MkDocs: no MkDocs 2.0 banners."""
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")


def data_epoch(site: SiteData) -> int:
    """The build date as seconds since 1970, taken from the data (newest start date or year), not the clock.

    MkDocs stamps it into sitemap.xml (and the .gz header) through ``SOURCE_DATE_EPOCH``,
    so two builds of the same content are byte-identical whatever the day.
    """
    days = [v.project.start_date or date(v.project.year, 1, 1) for v in site.projects]
    newest = max(days, default=date(1990, 1, 1))
    return int(datetime(newest.year, newest.month, newest.day, tzinfo=timezone.utc).timestamp())


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
            from generator.shard import build_sharded

            tmp.rmdir()
            try:
                build_sharded(config, config.resolve().parent / DOCS, tmp, jobs, env=env)
            except RuntimeError as exc:
                raise UserError(f"{exc}; {site_dir} was left unchanged") from None
            _swap(tmp, site_dir)
            return
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config), "-d", str(tmp)]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True)
        for line in (done.stdout + done.stderr).splitlines():
            if not line.startswith(JIEBA_CHATTER):
                click.echo(line, err=True)
        code = done.returncode
        if code:
            raise UserError(f"mkdocs build failed (exit status {code}); {site_dir} was left unchanged")
        _swap(tmp, site_dir)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


def _recover(site_dir: Path) -> None:
    """Clean up after a build that was killed: its half-written ``site.new-*`` trees go, and
    when it died between the two renames of ``_swap`` the previous site is moved back."""
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


def incremental_build(config: Path, docs: Path, site_dir: Path, manifest: Path, epoch: int | None = None) -> bool:
    """Rebuild only changed pages into a copy of ``site_dir`` and swap it in; False when a full build is needed."""
    from generator.incremental import rebuild

    site_dir = site_dir.resolve()
    if not site_dir.is_dir():
        return False
    tmp = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}.new-", dir=site_dir.parent))
    tmp.rmdir()
    try:
        env = tool_env()
        if epoch is not None:
            env.setdefault("SOURCE_DATE_EPOCH", str(epoch))
        changed = rebuild(config, docs, site_dir, tmp, manifest, env)
        if changed is None:
            return False
        _swap(tmp, site_dir)
        click.echo(f"incremental: {changed} changed file(s) rebuilt", err=True)
        return True
    except RuntimeError as exc:
        raise UserError(f"{exc}; {site_dir} was left unchanged") from None
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


def build(content: Path, site_dir: Path, config: Path, jobs: int = 1, incremental: bool = False,
          timings: dict[str, float] | None = None) -> SiteData:
    """The whole build; user errors raise ``UserError`` and leave ``site_dir`` untouched.

    ``timings``, when given, receives the wall seconds of each phase (``load``: load, validate
    and check; ``generate``: every producer and the sync into build/docs; ``mkdocs``: MkDocs,
    shards, post-processing and the swap; ``incremental`` instead of ``mkdocs`` when that path
    was taken) for the benchmark."""
    clock = _Clock(timings)
    if not config.is_file():
        raise UserError(f"MkDocs config {config} not found")
    root = config.resolve().parent
    site = load_site(content, Path.cwd())
    clock.lap("load")
    generate(site, root / DOCS)
    clock.lap("generate")
    epoch = data_epoch(site)
    manifest = _manifest(root, site_dir, epoch)
    if incremental and incremental_build(config, root / DOCS, site_dir, manifest, epoch):
        clock.lap("incremental")
        return site
    from generator.incremental import read_manifest, save_manifest

    previous: dict[str, str] = {}
    for stale in manifest.parent.glob(manifest.name.rsplit("-", 1)[0] + "-*.json"):
        previous = previous or read_manifest(stale)
        stale.unlink(missing_ok=True)
    mkdocs_build(config, site_dir, jobs, epoch)
    save_manifest(root / DOCS, config, manifest, previous)
    clock.lap("mkdocs")
    return site


class _Clock:
    """Phase timer that writes into an optional dict (no-op without one)."""

    def __init__(self, into: dict[str, float] | None) -> None:
        self.into, self.last = into, time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        if self.into is not None:
            self.into[name] = round(now - self.last, 3)
        self.last = now
