"""'Last updated' dates of content files from git history, with one git call for all files.

Why git and not the file clock: a checkout sets every mtime to the checkout time, and the
build clock changes every run; the commit date of the data is what a reader means by
"updated" and it makes builds reproducible. One ``git log`` walk serves 10,000+ files
(one call per file would take minutes). Files git does not know (new, uncommitted, or no
repository at all) are left out: callers fall back to a date from the data itself.
In a shallow clone every file gets the date of the newest commit it has.
"""

from __future__ import annotations

import os
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Mapping

from generator.schema import Project


def _common_dir(paths: list[str]) -> Path:
    return Path(os.path.commonpath([os.path.dirname(p) for p in paths]))


def _resolver() -> Callable[[str], str]:
    """``os.path.realpath`` for many files in few folders: each folder is resolved once.

    Why: resolving 10,000 paths component by component costs ~0.3 s of system calls; a file
    that is not a symlink resolves to its resolved folder plus its name (one ``lstat``)."""
    folders: dict[str, str] = {}

    def resolve(path: str) -> str:
        folder, name = os.path.split(path)
        if name in ("", ".", ".."):
            return os.path.realpath(path)
        real = folders.get(folder)
        if real is None:
            real = folders[folder] = os.path.realpath(folder)
        full = os.path.join(real, name)
        return os.path.realpath(full) if os.path.islink(full) else full

    return resolve


def last_updated(paths: Iterable[Path]) -> dict[Path, date]:
    """Committer date (``%cs``) of the last commit touching each path; unknown paths are absent."""
    resolve = _resolver()
    wanted = {resolve(str(p)): p for p in paths}
    if not wanted:
        return {}
    base = _common_dir(list(wanted))
    cmd = ["git", "-c", "core.quotePath=false", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--relative", "--", "."]
    try:
        proc = subprocess.Popen(cmd, cwd=base, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8")
    except OSError:  # no git on this machine
        return {}
    found: dict[Path, date] = {}
    current: date | None = None
    assert proc.stdout is not None
    for line in proc.stdout:
        line = line.rstrip("\n")
        if line.startswith("\x00"):
            current = date.fromisoformat(line[1:])
        elif line and current is not None:
            original = wanted.get(resolve(os.path.join(base, line)))
            if original is not None and original not in found:
                found[original] = current
                if len(found) == len(wanted):
                    break  # newest-first: every file has its date, the rest of history is irrelevant
    proc.stdout.close()
    proc.kill() if proc.poll() is None else None
    proc.wait()
    return found


def project_dates(items: Iterable[tuple[Project, Path]]) -> dict[str, date]:
    """Project id → last updated: the git date of its file, else 1 January of its table year."""
    pairs = list(items)
    dates = last_updated(path for _, path in pairs)
    return {project.id: dates.get(path, date(project.year, 1, 1)) for project, path in pairs}


def start_day(project: Project) -> date:
    """The day a project's data dates the build from: its start date, else 1 January of its year."""
    return project.start_date or date(project.year, 1, 1)


def epoch_of(days: Iterable[date]) -> int:
    """The build date as seconds since 1970: the newest of ``days`` (``start_day`` of every
    project), 1 January 1990 for none."""
    newest = max(days, default=date(1990, 1, 1))
    return int(datetime(newest.year, newest.month, newest.day, tzinfo=timezone.utc).timestamp())
