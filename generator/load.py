"""Load ``content/**/*.yaml`` into validated ``Project`` models, collecting every problem.

Parse failures are values, not exceptions: each bad file yields problems located
at ``path:line:col`` with the field path, and loading goes on with the next file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml
from pydantic import ValidationError

from generator.fastyaml import parse as fast_parse
from generator.problems import Problem, display_path, field_path
from generator.schema import Project
from generator.yamlio import Locator, load_data


MAX_FILE_BYTES = 10_000_000
"""A project file is a few kB (200 indicators and a 20,000-character goal are ~100 kB); far
bigger is not a project, and reading it whole could exhaust memory."""


@dataclass
class Loaded:
    """A project with the file it came from."""

    project: Project
    path: Path
    text: str


@dataclass
class LoadResult:
    """Everything ``load_projects`` found."""

    items: list[Loaded] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def projects(self) -> list[Project]:
        return [item.project for item in self.items]


def project_files(root: Path) -> list[Path]:
    """All project YAML files below ``root``, sorted for reproducible output."""
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*.y*ml") if p.is_file() and p.suffix in (".yaml", ".yml"))


def parse_text(text: str, display: str) -> tuple[Any, list[Problem]]:
    """The plain data of one YAML document (a mapping), or None and the problems why not."""
    data = fast_parse(text)  # the common subset, without PyYAML's per-node Python code
    if data is not None:
        return data, []
    try:
        data = load_data(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Problem(display, line, col, "", f"YAML syntax error: {exc.problem or exc}")]
    except yaml.YAMLError as exc:
        return None, [Problem(display, 1, 1, "", f"YAML error: {exc}")]
    if not isinstance(data, dict):
        return None, [Problem(display, 1, 1, "", "expected a mapping of project fields at the top level")]
    return data, []


def validate_data(data: dict[str, Any], text: str, display: str) -> tuple[Project | None, list[Problem]]:
    """Validate the plain data of one file (``text``, for locating problems) into a ``Project``."""
    try:
        return Project.model_validate(data), []
    except ValidationError as exc:
        problems = []
        locate = Locator(text)  # one parse for all the problems of this file
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            # pydantic appends model names for union/mode validators; keep data keys only
            loc = tuple(p for p in loc if isinstance(p, int) or not str(p)[:1].isupper())
            line, col = locate(loc, at_key=err["type"] == "extra_forbidden")
            message = err["msg"]
            if err["type"] == "extra_forbidden":
                message = "unknown key (check spelling; see schema/project.schema.json)"
            elif err["type"] == "string_pattern_mismatch" and loc == ("id",):
                message = "must be lower-case ASCII letters, digits and '-', e.g. 2023-lao-dong-bao-hu"
            elif err["type"] == "missing":
                message = "required field is missing"
            problems.append(Problem(display, line, col, field_path(loc), message))
        return None, sorted(problems)


def load_text(text: str, display: str) -> tuple[Project | None, list[Problem]]:
    """Validate one YAML document; ``display`` is the path shown in messages."""
    data, problems = parse_text(text, display)
    if data is None:
        return None, problems
    return validate_data(data, text, display)


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """The text of one project file, or None and the problem why it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Problem(display, 1, 1, "", f"file is {size:,} bytes; a project file is at most {MAX_FILE_BYTES:,}")]
        raw = path.read_bytes()
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(display, line, column, "", f"file is not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8")]
    except OSError as exc:
        return None, [Problem(display, 1, 1, "", f"cannot read file ({exc.strerror or exc})")]


def message_path(path: Path, base: Path | None) -> str:
    """``path`` as problem messages show it: relative to ``base`` when given, else as passed."""
    return display_path(path, base) if base else str(path)


def load_files(paths: list[Path], base: Path | None = None, keep: list[Any] | None = None,
               note: Callable[[dict[str, Any], str, str], Any] | None = None) -> LoadResult:
    """Load ``paths`` in order; paths in messages are relative to ``base``.

    ``keep``, when given, receives one value per loaded project: its plain data (parallel
    loading sends it to the other process, which validates it again instead of unpickling
    models), or ``note(data, text, display)`` when ``note`` is given (the load cache's entry)."""
    result = LoadResult()
    for path in paths:
        display = message_path(path, base)
        text, problems = read_text(path, display)
        if text is None:
            result.problems.extend(problems)
            continue
        data, problems = parse_text(text, display)
        if data is not None:
            project, problems = validate_data(data, text, display)
            if project is not None:
                result.items.append(Loaded(project, path, text))
                if keep is not None:
                    keep.append(note(data, text, display) if note else data)
        result.problems.extend(problems)
    return result


def load_projects(root: Path, base: Path | None = None) -> LoadResult:
    """Load every project file under ``root``; paths in messages are relative to ``base``."""
    return load_files(project_files(root), base)
