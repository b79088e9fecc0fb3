"""The open-data workbook: projects and indicators sheets plus a field guide, reproducible bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal
from typing import Iterable

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from generator.export.rows import INDICATOR_COLUMNS, PROJECT_COLUMNS, Column, titles
from generator.export.stablezip import stamped


def _typed(value: str, col: Column) -> object:
    """Cells typed as their schema says, so Excel sums amounts and sorts years."""
    if value == "":
        return None
    if col.type == "integer":
        return int(value)
    if col.type == "number":
        number = Decimal(value)
        return int(number) if number == number.to_integral_value() else float(number)
    if col.type == "date":
        return date.fromisoformat(value)
    return value


def _sheet(wb: Workbook, title: str, columns: tuple[Column, ...], rows: Iterable[list[str]]) -> None:
    ws = wb.create_sheet(title)
    ws.append([col.name for col in columns])
    for row in rows:
        ws.append([_typed(value, col) for value, col in zip(row, columns)])


def workbook_bytes(project_rows: list[list[str]], indicator_rows: Iterable[list[str]], when: date) -> bytes:
    """The .xlsx file with sheets projects, indicators and fields; ``when`` stamps the file."""
    wb = Workbook(write_only=True)
    _sheet(wb, "projects", PROJECT_COLUMNS, project_rows)
    _sheet(wb, "indicators", INDICATOR_COLUMNS, indicator_rows)
    guide = wb.create_sheet("fields")
    guide.append(["table", "name", "type", "title", "description"])
    for table, columns in (("projects", PROJECT_COLUMNS), ("indicators", INDICATOR_COLUMNS)):
        for col in columns:
            meta = titles()[table].get(col.name, {})
            guide.append([table, col.name, col.type, meta.get("title", ""), meta.get("description", "")])
    stamp = datetime(when.year, when.month, when.day)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "generator"
    # Workbook.save() would overwrite ``modified`` with the clock; the writer itself does not.
    buffer = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    return stamped(buffer.getvalue(), when)
