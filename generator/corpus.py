"""Load and check the whole corpus in two processes: each reads, parses, validates and checks half the files.

Why this split: parsing YAML and running the rules are most of a build's work before
rendering, and both are per file. The forked child sends back plain data (the parsed YAML,
its texts, problems and findings), not pydantic models: unpickling 5,000 models costs more
than validating their data again here. The result is the same as one process loading the
files in order (``load_files`` then ``check_projects``). With a ``LoadCache`` (rebuilds),
unchanged files skip the rules.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.load import LoadResult, Loaded, load_files, message_path, project_files, validate_data
from generator.loadcache import LoadCache, digest
from generator.parallel import split, workers
from generator.problems import Problem

MIN_SPLIT = 200
"""Below this many files a second process costs more than it saves."""
CHILD_SHARE = 0.47
"""The child's share of the files. This process validates the child's data again only after
the child is done, so the two parts should end together; the child also pickles what it sends
back, so it takes a little less (measured at 10,000 projects: 0.54 left this process waiting
for the child, its part ~1.4× this one's CPU time; 0.48 about even)."""

Part = tuple[LoadResult, Any, list[Any]]
"""A loaded part: result, findings (list, None or a checks.yaml error), per item (data, its findings)."""


def load_and_check(root: Path, base: Path | None, cache: LoadCache | None = None) -> tuple[LoadResult, list[Problem] | Exception | None]:
    """Every project under ``root`` and the rule findings, sorted as ``check_projects`` sorts them.

    Findings are None when a file could not be loaded (the build then stops on those errors),
    or the error reading ``checks.yaml`` (for the caller to raise when nothing else is wrong).
    ``cache`` (read before, saved by the caller) receives every loaded file's entry in ``new``.
    """
    files = project_files(root)
    if workers() < 2 or len(files) < MIN_SPLIT:
        parts = [_part(files, base, cache)]
    else:
        half = round(len(files) * (1 - CHILD_SHARE))
        mine, theirs = split(lambda: _part(files[:half], base, cache), lambda: _shipped(files[half:], base, cache))
        parts = [mine, _received(theirs, base)]
    result, findings = _merge(parts)
    if cache is not None and isinstance(findings, list):
        for part in parts:
            for item, (data, found) in zip(part[0].items, part[2]):
                cache.new[message_path(item.path, base)] = (digest(item.text), found)
    return result, findings


def _part(files: list[Path], base: Path | None, cache: LoadCache | None) -> Part:
    if cache is None:
        result = load_files(files, base)
        return result, _findings(result.items, result, base), []
    return _cached_part(files, base, cache)


def _cached_part(files: list[Path], base: Path | None, cache: LoadCache) -> Part:
    """``load_files`` and the rules, taking data and findings of unchanged files from ``cache``."""
    entries: list[Any] = []
    result = load_files(files, base, entries, lambda data, text, display: [data, cache.get(display, digest(text))])
    misses = [item for item, entry in zip(result.items, entries) if entry[1] is None]
    found = _findings(misses, result, base)
    if not isinstance(found, list):
        return result, found, entries
    by_path: dict[str, list[Problem]] = {}
    for problem in found:
        by_path.setdefault(problem.path, []).append(problem)
    for item, entry in zip(result.items, entries):
        if entry[1] is None:
            entry[1] = by_path.get(message_path(item.path, base), [])
    ordered = [p for entry in entries for p in entry[1]]  # file order, as one check_projects call
    return result, ordered, [tuple(entry) for entry in entries]


def _findings(items: list[Loaded], result: LoadResult, base: Path | None) -> Any:
    """The findings of ``items`` (a loaded part); None when the part has load problems.

    An error in ``checks.yaml`` is returned, not raised: a one-process build reads the
    settings only when the whole content loads, so that error must not hide content errors."""
    from generator.check import check_projects
    from generator.problems import UserError

    if result.problems:
        return None
    try:
        return check_projects(items, base=base) if items or not result.items else []
    except (UserError, OSError) as exc:
        return exc


def _shipped(files: list[Path], base: Path | None, cache: LoadCache | None) -> tuple[list[tuple[Path, str, Any]], list[Problem], Any, list[Any]]:
    """The child's part as plain data: (path, text, parsed YAML) per loaded file, problems, findings."""
    if cache is None:
        data: list[dict[str, Any]] = []
        result = load_files(files, base, keep=data)
        found, entries = _findings(result.items, result, base), []
    else:
        result, found, entries = _cached_part(files, base, cache)
        data = [entry[0] for entry in entries]
    loaded = [(item.path, item.text, raw) for item, raw in zip(result.items, data)]
    return loaded, result.problems, found, entries


def _received(shipped: tuple[list[tuple[Path, str, Any]], list[Problem], Any, list[Any]], base: Path | None) -> Part:
    """The child's part validated again into models (the same data gives the same models)."""
    loaded, problems, findings, entries = shipped
    result = LoadResult(problems=list(problems))
    for path, text, data in loaded:
        project, bad = validate_data(data, text, message_path(path, base))
        if project is None:  # cannot happen: the child validated the same data
            raise RuntimeError(f"{path}: validation differs between processes: {bad}")
        result.items.append(Loaded(project, path, text))
    return result, findings, entries


def _merge(parts: list[Part]) -> tuple[LoadResult, list[Problem] | Exception | None]:
    result = LoadResult()
    for part, _, _ in parts:
        result.items.extend(part.items)
        result.problems.extend(part.problems)
    if result.problems or any(found is None for _, found, _ in parts):
        return result, None
    for _, found, _ in parts:
        if isinstance(found, Exception):
            return result, found
    findings = [p for _, found, _ in parts for p in found]
    findings.sort(key=lambda p: (p.path, p.line, p.column, p.rule, p.message))
    return result, findings
