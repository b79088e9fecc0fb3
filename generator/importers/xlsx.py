"""Read 绩效目标表 from Excel workbooks (.xlsx, openpyxl read-only) and CSV files.

A sheet is either the flat export layout (a header row naming 项目名称 and
三级指标; see ``flat``) or the form layout (one project per sheet, cells like the
Word form; several forms in one sheet are split at their title rows). Merged
cells hold their value in the top-left cell only, which is the grid the form
reader expects. CSV files are decoded like text files and their delimiter sniffed.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from generator.importers import register
from generator.importers.flat import find_header, read_flat
from generator.importers.form import Table
from generator.importers.layout import is_title, looks_like_form
from generator.importers.pdf_cells import drop_private
from generator.importers.text import decode
from generator.problems import Problem

_YEAR = re.compile(r"^[(（]\s*(\d{4})\s*年度?\s*[)）]$")


def cell_str(value: object) -> str:
    """A cell value as the text a form shows (whole floats without ``.0``, dates as ISO)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):  # Excel keeps 15 significant digits; formulas leave binary noise beyond
        if value.is_integer():
            return str(int(value))
        text = format(value, ".15g")
        return text if "e" not in text else repr(value)
    if isinstance(value, (int, Decimal)):
        return str(value)
    return str(value).replace("\r\n", "\n").strip()


def sheet_tables(rows: list[list[str]], source: str, first: int) -> tuple[list[Table], list[Problem]]:
    """Tables of one sheet (or CSV file); row numbers are 1-based sheet rows."""
    lines = list(range(1, len(rows) + 1))
    found = find_header(rows)
    if found is not None:
        header, cells = found
        return read_flat(rows[:header] + [cells] + rows[header + 1 :], header, source, first, lines)
    tables: list[Table] = []
    current: Table | None = None
    for i, row in enumerate(rows):
        filled = [c.strip() for c in row if c.strip()]
        if not filled:
            continue
        if len(filled) == 1 and is_title(filled[0]):
            current = Table(rows=[], number=first + len(tables), source=source, title=filled[0])
            tables.append(current)
            continue
        m = _YEAR.match(filled[0].replace(" ", "")) if len(filled) == 1 else None
        if m and (current is None or not current.rows):
            if current is None:
                current = Table(rows=[], number=first + len(tables), source=source)
                tables.append(current)
            current.year = int(m.group(1))
            continue
        if current is None:
            current = Table(rows=[], number=first + len(tables), source=source)
            tables.append(current)
        current.rows.append(row)
        current.lines.append(lines[i])
    kept = [t for t in tables if t.title or looks_like_form(t.rows)]
    problems = [
        Problem(source, t.line_of(0), 1, f"table {t.number}", "skipped: not a 绩效目标表", "info") for t in tables if t not in kept
    ]
    for t in kept:
        for label in drop_private(t.rows):
            problems.append(Problem(source, t.line_of(0), 1, f"table {t.number}", f"{label}: personal contact field, not imported", "info"))
    return kept, problems


def read_xlsx(path: Path, data: bytes) -> tuple[list[Table], list[Problem]]:
    """Every target table of every sheet, numbered through the workbook."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        return [], [Problem(path.name, 1, 1, "", f"not a readable .xlsx file ({exc})")]
    tables: list[Table] = []
    problems: list[Problem] = []
    try:
        for sheet in book.worksheets:
            rows = [[cell_str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            found, probs = sheet_tables(rows, path.name, len(tables) + 1)
            tables.extend(found)
            problems.extend(probs)
    finally:
        book.close()
    return tables, problems


def read_csv(path: Path, data: bytes) -> tuple[list[Table], list[Problem]]:
    """A CSV export (comma, tab, semicolon or bar separated; UTF-8/UTF-16/GB18030)."""
    try:
        text = decode(data)
    except UnicodeDecodeError as exc:
        return [], [Problem(path.name, 1, 1, "", f"cannot decode text ({exc.reason}); expected UTF-8, UTF-16 or GB18030")]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:8192], delimiters=",\t;|")
    except csv.Error:
        dialect = csv.excel
    rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text, newline=""), dialect)]
    return sheet_tables(rows, path.name, 1)


register(".xlsx", "xlsx", read_xlsx)
register(".xlsm", "xlsx", read_xlsx)
register(".csv", "csv", read_csv)
