"""``build``: content/ YAML → build/docs Markdown → MkDocs → site/ (swapped in only on success)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from generator.build import build
from generator.problems import UserError


@click.command("build")
@click.option("--content", default=Path("content"), type=click.Path(file_okay=False, path_type=Path), show_default=True, help="Folder of project YAML files.")
@click.option("--site", "site_dir", default=Path("site"), type=click.Path(file_okay=False, path_type=Path), show_default=True, help="Output folder of the static site.")
@click.option("--config", default=Path("mkdocs.yml"), type=click.Path(dir_okay=False, path_type=Path), show_default=True, help="MkDocs config (its folder holds build/docs and overrides/).")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Parallel MkDocs processes (shards merged into the same site; see docs/performance.md).")
@click.option("--incremental", is_flag=True, help="Rebuild only the pages whose Markdown changed since the last build of SITE (same bytes as a full build).")
@click.option("--timings", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the wall seconds of each build phase to this JSON file (used by `bench`).")
def command(content: Path, site_dir: Path, config: Path, jobs: int, incremental: bool, timings: Path | None) -> None:
    """Build the site from CONTENT into SITE.

    Every problem in the content is listed as path:line:col: field: message and
    the build stops with exit status 1; SITE is left as it was.
    """
    try:
        phases: dict[str, float] = {}
        site = build(content, site_dir, config, jobs, incremental, phases)
    except OSError as exc:  # disk full, no permission: the machine, not the data; no traceback
        where = f"{exc.filename}: " if exc.filename else ""
        raise UserError(f"{where}{exc.strerror or exc}; {site_dir} was left unchanged") from None
    if timings is not None:
        timings.write_text(json.dumps(phases), "utf-8")
    click.echo(f"built {site.totals.projects} project page(s) into {site_dir}")
