"""Importers: published tables in many file formats → canonical ``Project`` models.

``import_file`` picks a reader by file type; every reader produces ``Table`` grids
read by ``form.read_form``, so all formats share one mapping to the model.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pydantic import ValidationError

from generator.importers.form import Table, read_form
from generator.importers.ids import project_id
from generator.problems import Problem
from generator.schema import Project, Source


@dataclass
class ImportResult:
    """Projects read from one file, and every problem met on the way."""

    projects: list[Project] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


Reader = Callable[[Path, bytes], "tuple[list[Table], list[Problem]]"]


def _text_reader(path: Path, data: bytes) -> tuple[list[Table], list[Problem]]:
    from generator.importers.text import decode, split_tables

    try:
        text = decode(data)
    except UnicodeDecodeError as exc:
        return [], [Problem(path.name, 1, 1, "", f"cannot decode text ({exc.reason}); expected UTF-8, UTF-16 or GB18030")]
    return split_tables(text, path.name), []


READERS: dict[str, tuple[str, Reader]] = {
    ".txt": ("text", _text_reader),
    ".text": ("text", _text_reader),
    ".tsv": ("text", _text_reader),
    ".pdf": ("pdf", lambda path, data: __import__("generator.importers.pdf", fromlist=["read"]).read(path, data)),
}


def register(suffix: str, fmt: str, reader: Reader) -> None:
    """Add a reader for a file suffix (used by the DOCX/XLSX/PDF modules)."""
    READERS[suffix] = (fmt, reader)


def import_file(path: Path, taken_ids: set[str] | None = None) -> ImportResult:
    """Read every target table in ``path``; ids avoid ``taken_ids`` and each other."""
    result = ImportResult()
    taken = set(taken_ids or ())
    suffix = path.suffix.lower()
    if suffix not in READERS:
        known = ", ".join(sorted(READERS))
        result.problems.append(Problem(path.name, 0, 0, "", f"unsupported file type {suffix or '(none)'}; known: {known}"))
        return result
    fmt, reader = READERS[suffix]
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    tables, problems = reader(path, data)
    result.problems.extend(problems)
    if not tables and not problems:
        result.problems.append(Problem(path.name, 0, 0, "", "no 绩效目标表 found in this file; nothing was written"))
        return result
    for table in tables:
        form = read_form(table)
        result.problems.extend(form.problems)
        fields = form.fields
        if fields.get("year") is None:
            result.problems.append(Problem(path.name, table.line_of(0), 1, f"table {table.number} year", "no (YYYY年度) heading and no start date"))
            continue
        missing = [k for k in ("name", "department", "implementer") if not fields.get(k)]
        if missing:
            result.problems.append(
                Problem(path.name, table.line_of(0), 1, f"table {table.number}", "missing " + ", ".join(missing))
            )
            continue
        pid = project_id(fields["year"], fields["name"], taken)
        taken.add(pid)
        source = Source(file=path.name, format=fmt, table=table.number, sha256=digest, pages=table.pages or None)  # type: ignore[arg-type]
        try:
            result.projects.append(Project(id=pid, source=source, **fields))
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                loc = ".".join(str(p) for p in err["loc"])
                result.problems.append(Problem(path.name, table.line_of(0), 1, f"table {table.number} {loc}", err["msg"]))
    return result
