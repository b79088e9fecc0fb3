"""``serve``: generate build/docs, run ``mkdocs serve`` on it, regenerate when content changes.

Why polling here and not a MkDocs hook: hooks are MkDocs-only (Zensical ignores
them) and a hook writing into docs_dir loops forever. Regeneration writes only
changed files, so MkDocs' own watcher rebuilds once per real change.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import click

from generator.build import generate_docs, tool_env
from generator.problems import UserError

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _snapshot(folders: list[Path]) -> dict[Path, float]:
    """Modification times of every file under ``folders`` (a change, addition or removal alters it)."""
    return {p: p.stat().st_mtime for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file()}


def _regenerate(content: Path, root: Path) -> None:
    """build/docs again after a change; goal, target-value and name edits take the quick path
    (``generator.quick``: only the edited files are read), anything else the full one."""
    try:
        done = generate_docs(content, root, quick_first=True)
    except UserError as exc:  # keep serving the last good pages
        exc.show()
        click.echo("content has problems; the preview keeps the last good build", err=True)
        return
    if done.quick is not None:
        click.echo(f"regenerated (quick path): {done.written} file(s) written for {done.quick} edited project file(s)", err=True)
    else:
        click.echo(f"regenerated: {done.written} page(s) written, {done.removed} removed", err=True)


def _watch(content: Path, root: Path, interval: float, stop: threading.Event) -> None:
    folders = [content, TEMPLATES]
    seen = _snapshot(folders)
    while not stop.wait(interval):
        now = _snapshot(folders)
        if now != seen:
            seen = now
            _regenerate(content, root)


@click.command("serve")
@click.option("--content", default=Path("content"), type=click.Path(file_okay=False, path_type=Path), show_default=True)
@click.option("--config", default=Path("mkdocs.yml"), type=click.Path(dir_okay=False, path_type=Path), show_default=True)
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address MkDocs serves on.")
@click.option("--interval", default=1.0, show_default=True, help="Seconds between checks of content/ for changes.")
def command(content: Path, config: Path, dev_addr: str, interval: float) -> None:
    """Preview the site at http://DEV-ADDR, regenerating pages when CONTENT changes."""
    root = config.resolve().parent
    generate_docs(content, root, quick_first=True)  # a docs dir still up to date costs a scan
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(content, root, interval, stop), daemon=True)
    watcher.start()
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "--dev-addr", dev_addr]
    try:
        code = subprocess.call(cmd, env=tool_env())
    except KeyboardInterrupt:
        code = 0
    finally:
        stop.set()
    if code:
        raise UserError(f"mkdocs serve exited with status {code}")
