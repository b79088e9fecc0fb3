"""``build``: content/ YAML → build/docs Markdown → MkDocs → site/ (swapped in only on success).

Also the sharded form (docs/performance.md, "Sharded builds"): ``build --shard I/K``
builds part I of K into shards/I/, ``build --merge shards/*`` assembles the parts
into SITE, byte-identical to a one-process build.
"""

from __future__ import annotations

import hashlib
import json
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import click

from generator.problems import UserError
from generator.warmstart import WarmMkDocs, warm_for


@click.command("build")
@click.option("--content", default=Path("content"), type=click.Path(file_okay=False, path_type=Path), show_default=True, help="Folder of project YAML files.")
@click.option("--site", "site_dir", default=None, type=click.Path(file_okay=False, path_type=Path), help="Output folder: the site (default site/), or with --shard I/K the shard's folder (default shards/I/).")
@click.option("--config", default=Path("mkdocs.yml"), type=click.Path(dir_okay=False, path_type=Path), show_default=True, help="MkDocs config (its folder holds build/docs and overrides/).")
@click.option("--jobs", type=click.IntRange(0, 64), default=0, show_default=True,
              help="Parallel MkDocs processes (shards merged into the same site; see docs/performance.md). "
                   "0: one per core once there are 500 projects or more, else 1.")
@click.option("--incremental", is_flag=True, help="Rebuild only the pages whose Markdown changed since the last build of SITE (same bytes as a full build).")
@click.option("--timings", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the wall seconds of each build phase to this JSON file (used by `bench`; not with --shard/--merge).")
@click.option("--site-url", metavar="URL", help="The site's public URL (MkDocs site_url: sitemap, canonical links), e.g. one URL per year when the site is split (docs/performance.md).")
@click.option("--shard", "shard_spec", metavar="I/K", help="Build only part I of K (counted from 1) into a shard folder, for --merge (e.g. one CI job per shard).")
@click.option("--merge", is_flag=True, help="Assemble the shard folders SHARD_DIR... (made by --shard, all K of them) into SITE.")
@click.argument("shard_dirs", nargs=-1, type=click.Path(file_okay=False, path_type=Path))
def command(content: Path, site_dir: Path | None, config: Path, jobs: int, incremental: bool, timings: Path | None,
            site_url: str | None, shard_spec: str | None, merge: bool, shard_dirs: tuple[Path, ...]) -> None:
    """Build the site from CONTENT into SITE.

    Every problem in the content is listed as path:line:col: field: message and
    the build stops with exit status 1; SITE is left as it was.

    \b
    Sharded:  build --shard 1/2   build --shard 2/2   (any machines, same commit)
              build --merge shards/1 shards/2         (→ site/)
    """
    _check_usage(jobs, incremental, shard_spec, merge, shard_dirs)
    # the partial run's MkDocs imports on the other core while this process imports the generator
    warm = warm_for(site_dir or Path("site"), incremental, config) if not (merge or shard_spec) else None
    try:
        _build(content, site_dir, config, jobs, incremental, timings, site_url, shard_spec, merge, shard_dirs, warm)
    finally:
        if warm is not None:
            warm.close()


def _build(content: Path, site_dir: Path | None, config: Path, jobs: int, incremental: bool, timings: Path | None,
           site_url: str | None, shard_spec: str | None, merge: bool, shard_dirs: tuple[Path, ...], warm: WarmMkDocs | None) -> None:
    from generator.build import build
    from generator.shardjob import build_shard, merge_shards, parse_spec

    if merge and site_url:
        raise UserError("--site-url belongs to the shard builds (--shard I/K --site-url URL), not to --merge")
    if timings and (merge or shard_spec):
        raise UserError("--timings goes with a plain build, not with --shard or --merge")
    index, total = parse_spec(shard_spec) if shard_spec else (0, 0)
    site_dir = site_dir or (Path("shards") / str(index) if shard_spec else Path("site"))
    try:
        with _with_site_url(config, site_url) as config:
            if merge:
                count = merge_shards(list(shard_dirs), site_dir)
                click.echo(f"merged {count} shard(s) into {site_dir}")
            elif shard_spec:
                site = build_shard(content, site_dir, config, index, total)
                click.echo(f"built shard {index}/{total} of {site.totals.projects} project(s) into {site_dir}")
            else:
                phases: dict[str, float] = {}
                count = build(content, site_dir, config, jobs, incremental, phases, warm)
                if timings is not None:
                    timings.write_text(json.dumps(phases), "utf-8")
                click.echo(f"built {count} project page(s) into {site_dir}")
    except OSError as exc:  # disk full, no permission: the machine, not the data; no traceback
        where = f"{exc.filename}: " if exc.filename else ""
        raise UserError(f"{where}{exc.strerror or exc}; {site_dir} was left unchanged") from None


@contextmanager
def _with_site_url(config: Path, site_url: str | None) -> Iterator[Path]:
    """``config`` itself, or with ``site_url`` a copy of it plus that URL beside it (same relative paths),
    removed afterwards. A full copy, not INHERIT: its bytes are what incremental builds and shards hash."""
    if not site_url:
        yield config
        return
    if not config.is_file():
        raise UserError(f"MkDocs config {config} not found")
    if not site_url.startswith(("https://", "http://")):
        raise UserError(f"--site-url {site_url}: expected an http(s):// URL")
    url = site_url if site_url.endswith("/") else site_url + "/"
    copy = config.parent / f".{config.stem}.{hashlib.sha1(url.encode()).hexdigest()[:10]}.yml"
    copy.write_text(config.read_text("utf-8").rstrip("\n") + f"\nsite_url: {json.dumps(url)}\n", "utf-8")
    try:
        yield copy
    finally:
        copy.unlink(missing_ok=True)


def _check_usage(jobs: int, incremental: bool, shard_spec: str | None, merge: bool, shard_dirs: tuple[Path, ...]) -> None:
    """Options that do not go together: an error (exit 1) before anything is built."""
    if shard_dirs and not merge:
        raise UserError(f"unexpected argument(s) {' '.join(map(str, shard_dirs))}: shard folders are read only with --merge")
    if merge and not shard_dirs:
        raise UserError("--merge needs the shard folders, e.g. build --merge shards/1 shards/2")
    modes = [name for name, on in (("--shard", shard_spec), ("--merge", merge), ("--jobs", jobs > 1),
                                   ("--incremental", incremental)) if on]
    if len(modes) > 1 and (merge or shard_spec):
        raise UserError(f"{' and '.join(modes)} cannot be combined")
