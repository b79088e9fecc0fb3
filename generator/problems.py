"""User-facing problems: one location-carrying record per defect in user data.

Why: every stage (import, load, validate, check) reports *all* problems before
anything stops, and every problem names file, line, column and field, so the
formatting lives in one place.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Literal

import click

Level = Literal["error", "warning", "info"]


@dataclass(frozen=True, order=True)
class Problem:
    """One defect in user data, located as precisely as the source allows."""

    path: str
    line: int = 0
    column: int = 0
    field: str = ""
    message: str = ""
    level: Level = "error"
    rule: str = ""

    def format_text(self) -> str:
        """``path:line:col: field: message`` (rule and level when set)."""
        where = f"{self.path}:{self.line}:{self.column}"
        head = f"{self.level} {self.rule}: " if self.rule else ""
        fld = f"{self.field}: " if self.field else ""
        return f"{where}: {head}{fld}{self.message}"

    def format_github(self) -> str:
        """A GitHub Actions workflow command that annotates the file."""
        kind = {"error": "error", "warning": "warning", "info": "notice"}[self.level]
        title = self.rule or self.field or "problem"
        msg = (f"{self.field}: " if self.field else "") + self.message
        msg = msg.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def prop(value: str) -> str:  # property values also escape ',' and ':' (GitHub workflow commands)
            return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")

        return f"::{kind} file={prop(self.path)},line={self.line},col={self.column},title={prop(title)}::{msg}"

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON output."""
        return asdict(self)


@dataclass
class ProblemList:
    """An ordered collection of problems with a few conveniences."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.level == "error"]

    def __bool__(self) -> bool:
        return bool(self.items)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def format_problems(problems: Iterable[Problem], fmt: str = "text") -> str:
    """Render problems as ``text``, ``json`` or ``github`` output."""
    items = list(problems)
    if fmt == "json":
        return json.dumps([p.to_dict() for p in items], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(p.format_github() for p in items)
    return "\n".join(p.format_text() for p in items)


def display_path(path: Path, base: Path | None) -> str:
    """``path`` relative to ``base`` (or to the current directory) when it lies below it, else as given."""
    root = os.path.abspath(base or os.curdir)
    full = os.path.abspath(path)
    if full.startswith(root + os.sep):
        if not full.startswith("//"):  # both normalised: the rest is what os.path.relpath(full, root) gives
            return full[len(root) + 1:].replace(os.sep, "/")
        return Path(os.path.relpath(full, root)).as_posix()
    return Path(path).as_posix()


def field_path(loc: Iterable[Any]) -> str:
    """``("indicators", 3, "target")`` → ``indicators[3].target``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


class UserError(click.ClickException):
    """Bad input or environment: printed without a traceback, exit status 1."""

    exit_code = 1


class ProblemsFound(UserError):
    """Raised once all problems of a stage are collected; prints each on its own line."""

    def __init__(self, problems: Iterable[Problem], summary: str = "") -> None:
        self.problems = list(problems)
        lines = [p.format_text() for p in self.problems]
        if summary:
            lines.append(summary)
        super().__init__("\n".join(lines))

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(self.format_message(), err=True)
