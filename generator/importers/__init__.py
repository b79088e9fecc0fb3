"""Importers: published tables in many file formats → canonical ``Project`` models.

``import_file`` picks a reader by file type; every reader produces ``Table`` grids
read by ``form.read_form``, so all formats share one mapping to the model.
"""

from __future__ import annotations

import hashlib
import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pydantic import ValidationError

from generator.importers.form import Table, read_form
from generator.importers.ids import project_id
from generator.importers.layout import refusal
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


# Rule id of "not a target table" problems: these stop an import even with --allow-unmapped.
REFUSED = "refused"

# Readers with heavy dependencies, imported only when a file of their type is met;
# each module calls ``register`` for its suffixes when imported.
OPTIONAL_READERS: dict[str, str] = {
    ".docx": "generator.importers.docx",
    ".xlsx": "generator.importers.xlsx",
    ".xlsm": "generator.importers.xlsx",
    ".csv": "generator.importers.xlsx",
    ".pdf": "generator.importers.pdf",
}

# Binary Office formats: LibreOffice converts them to what the readers take.
LEGACY = {".doc": "docx", ".wps": "docx", ".xls": "xlsx", ".et": "xlsx"}


def register(suffix: str, fmt: str, reader: Reader) -> None:
    """Add a reader for a file suffix (used by the DOCX/XLSX/PDF modules)."""
    READERS[suffix] = (fmt, reader)


def reader_for(suffix: str) -> tuple[str, Reader] | str:
    """The (format, reader) for a suffix, importing an optional reader on first use; else why not."""
    if suffix not in READERS and suffix in OPTIONAL_READERS:
        module = OPTIONAL_READERS[suffix]
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name == module:
                return f"no reader for {suffix} files is installed"
            return f"the {suffix} reader needs the Python package {exc.name!r}; install requirements.txt"
    if suffix in READERS:
        return READERS[suffix]
    if suffix in LEGACY:
        return f"{suffix} is a legacy binary format; convert it first: soffice --headless --convert-to {LEGACY[suffix]} FILE"
    known = ", ".join(sorted(set(READERS) | set(OPTIONAL_READERS)))
    return f"unsupported file type {suffix or '(none)'}; known: {known}"


def import_file(path: Path, taken_ids: set[str] | None = None) -> ImportResult:
    """Read every target table in ``path``; ids avoid ``taken_ids`` and each other."""
    result = ImportResult()
    taken = set(taken_ids or ())
    found = reader_for(path.suffix.lower())
    if isinstance(found, str):
        result.problems.append(Problem(path.name, 1, 1, "", found))
        return result
    fmt, reader = found
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    tables, problems = reader(path, data)
    result.problems.extend(problems)
    if not tables and not problems:
        result.problems.append(Problem(path.name, 1, 1, "", "no 绩效目标表 found in this file; nothing was written"))
        return result
    for table in tables:
        reason = refusal(table.rows, table.title)
        if reason:
            result.problems.append(
                Problem(path.name, table.line_of(0), 1, f"table {table.number}", f"not imported: {reason}", rule=REFUSED)
            )
            continue
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
