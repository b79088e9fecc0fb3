"""Load and check the whole corpus in two processes: each reads, parses, validates and checks half the files.

Why this split: parsing YAML and running the rules are most of a build's work before
rendering, and both are per file. The forked child sends back plain data (the parsed YAML,
its texts, problems and findings), not pydantic models: unpickling 5,000 models costs more
than validating their data again here. The result is the same as one process loading the
files in order (``load_files`` then ``check_projects``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.load import LoadResult, Loaded, load_files, project_files, validate_data
from generator.parallel import split, workers
from generator.problems import Problem, display_path

MIN_SPLIT = 200
"""Below this many files a second process costs more than it saves."""
CHILD_SHARE = 0.54
"""The child's share of the files: this process validates the child's data again afterwards
(about a seventh of the cost of loading and checking a file), so it takes fewer files."""


def load_and_check(root: Path, base: Path | None) -> tuple[LoadResult, list[Problem] | Exception | None]:
    """Every project under ``root`` and the rule findings, sorted as ``check_projects`` sorts them.

    Findings are None when a file could not be loaded (the build then stops on those errors),
    or the error reading ``checks.yaml`` (for the caller to raise when nothing else is wrong).
    """
    files = project_files(root)
    if workers() < 2 or len(files) < MIN_SPLIT:
        return _merge([_part(files, base)])
    half = round(len(files) * (1 - CHILD_SHARE))
    mine, theirs = split(lambda: _part(files[:half], base), lambda: _shipped(files[half:], base))
    return _merge([mine, _received(theirs, base)])



def _part(files: list[Path], base: Path | None) -> tuple[LoadResult, Any]:
    result = load_files(files, base)
    return result, _findings(result, base)


def _findings(result: LoadResult, base: Path | None) -> Any:
    """The findings of a loaded part; None when it has load problems.

    An error in ``checks.yaml`` is returned, not raised: a one-process build reads the
    settings only when the whole content loads, so that error must not hide content errors."""
    from generator.check import check_projects
    from generator.problems import UserError

    if result.problems:
        return None
    try:
        return check_projects(result.items, base=base)
    except (UserError, OSError) as exc:
        return exc


def _shipped(files: list[Path], base: Path | None) -> tuple[list[tuple[Path, str, Any]], list[Problem], Any]:
    """The child's half as plain data: (path, text, parsed YAML) per loaded file, problems, findings."""
    data: list[dict[str, Any]] = []
    result = load_files(files, base, keep=data)
    loaded = [(item.path, item.text, raw) for item, raw in zip(result.items, data)]
    return loaded, result.problems, _findings(result, base)


def _received(shipped: tuple[list[tuple[Path, str, Any]], list[Problem], Any], base: Path | None) -> tuple[LoadResult, Any]:
    """The child's half validated again into models (the same data gives the same models)."""
    loaded, problems, findings = shipped
    result = LoadResult(problems=list(problems))
    for path, text, data in loaded:
        project, bad = validate_data(data, text, display_path(path, base) if base else str(path))
        if project is None:  # cannot happen: the child validated the same data
            raise RuntimeError(f"{path}: validation differs between processes: {bad}")
        result.items.append(Loaded(project, path, text))
    return result, findings


def _merge(parts: list[tuple[LoadResult, Any]]) -> tuple[LoadResult, list[Problem] | Exception | None]:
    result = LoadResult()
    for part, _ in parts:
        result.items.extend(part.items)
        result.problems.extend(part.problems)
    if result.problems or any(found is None for _, found in parts):
        return result, None
    for _, found in parts:
        if isinstance(found, Exception):
            return result, found
    findings = [p for _, found in parts for p in found]
    findings.sort(key=lambda p: (p.path, p.line, p.column, p.rule, p.message))
    return result, findings
