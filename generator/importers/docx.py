"""Read 绩效目标表 from Word documents (.docx) with python-docx.

Every table in the body is read in document order, with the title and
``(YYYY年度)`` paragraphs printed before it. Merged cells are de-duplicated the
way the text format has them: python-docx repeats a merged cell's object in
every grid position it covers, so the value is kept at its first position and
the others are left empty. Checkbox symbols (Wingdings ``w:sym`` characters and
content-control boxes) become ☑ / □ glyphs. Tables that carry no form labels at
all are skipped and listed (a document often holds other tables).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Iterator

from docx import Document
from docx.oxml.ns import qn

from generator.importers import register
from generator.importers.form import Table
from generator.importers.layout import form_parts, is_title, looks_like_form
from generator.importers.pdf_cells import drop_private
from generator.problems import Problem

_YEAR = re.compile(r"^[(（]?\s*(\d{4})\s*年度\s*[)）]?$|^[(（]\s*(\d{4})\s*年\s*[)）]$")
# Wingdings / Wingdings 2 code points of ticked and empty boxes.
_SYMBOLS = {"F0FE": "☑", "F052": "☑", "F0FD": "☒", "F054": "☒", "F0A8": "□", "F06F": "□", "F0A3": "□", "F030": "□"}
_T, _TAB, _BR, _SYM, _P, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:sym"), qn("w:p"), qn("w:cr")
_SDT = qn("w:sdt")


def cell_text(tc: object) -> str:
    """Text of one cell: paragraphs as lines, checkbox symbols as glyphs, spaces collapsed."""
    parts: list[str] = []
    for el in tc.iter(_T, _TAB, _BR, _SYM, _P, _CR):  # type: ignore[attr-defined]
        if el.tag == _T:
            parts.append(el.text or "")
        elif el.tag == _SYM:
            parts.append(" " + _SYMBOLS.get((el.get(qn("w:char")) or "").upper(), "") + " ")
        elif el.tag == _P:
            parts.append("\n")
        else:
            parts.append("\n" if el.tag in (_BR, _CR) else " ")
    lines = (" ".join(line.split()) for line in "".join(parts).replace("\xa0", " ").split("\n"))
    return "\n".join(line for line in lines if line)


def _body_blocks(body: object) -> Iterator[object]:
    """Paragraphs and tables of the body in order, including those wrapped in content controls."""
    for child in body.iterchildren():  # type: ignore[attr-defined]
        if child.tag == _SDT:
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_blocks(content)
        else:
            yield child


def _continues(previous: list[list[str]], grid: list[list[str]]) -> bool:
    """True when ``grid`` is the indicator half of a form whose header half is ``previous``."""
    prev_name, prev_indicators = form_parts(previous)
    name, indicators = form_parts(grid)
    return prev_name and not prev_indicators and indicators and not name


def _year(text: str) -> int | None:
    m = _YEAR.match(text.replace(" ", ""))
    return int(m.group(1) or m.group(2)) if m else None


def table_grid(table: object) -> list[list[str]]:
    """Rows of cell strings; a merged cell's text only at its top-left position."""
    seen: set[object] = set()  # the elements themselves: holding them keeps lxml proxies (and ids) stable
    grid: list[list[str]] = []
    for row in table.rows:  # type: ignore[attr-defined]
        out = []
        for cell in row.cells:
            tc = cell._tc
            out.append("" if tc in seen else cell_text(tc))
            seen.add(tc)
        grid.append(out)
    return grid


def read(path: Path, data: bytes) -> tuple[list[Table], list[Problem]]:
    """All target tables of a .docx file; skipped tables are listed as info problems."""
    try:
        doc = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        reason = "not a Word document" if isinstance(exc, ValueError) else str(exc)
        return [], [Problem(path.name, 1, 1, "", f"not a readable .docx file ({reason})")]
    tables: list[Table] = []
    problems: list[Problem] = []
    title, year, seen = "", None, 0
    from docx.table import Table as DocxTable

    for child in _body_blocks(doc.element.body):
        if child.tag == _P:
            text = cell_text(child).strip()
            if is_title(text):
                title, year = text, None
            year = _year(text) or year
            continue
        if child.tag != qn("w:tbl"):
            continue
        seen += 1
        grid = table_grid(DocxTable(child, doc))
        skip = 0
        while skip < len(grid) and len([c for c in grid[skip] if c.strip()]) == 1:  # title / year inside the table
            only = next(c for c in grid[skip] if c.strip())
            if is_title(only):
                title = only
            elif _year(only):
                year = _year(only)
            else:
                break
            skip += 1
        grid = grid[skip:]
        if not title and tables and _continues(tables[-1].rows, grid):  # the form split into two tables
            last = tables[-1]
            last.rows.extend(grid)
            last.lines.extend(range(skip + 1, skip + len(grid) + 1))
            problems.append(Problem(path.name, seen, 1, f"table {seen}", f"read as the continuation of table {last.number}", "info"))
            continue
        if not title and not looks_like_form(grid):
            first = next((c for row in grid for c in row if c.strip()), "")
            problems.append(
                Problem(path.name, seen, 1, f"table {seen}", f"skipped: not a 绩效目标表 (first cell {first[:30]!r})", "info")
            )
            continue
        for label in drop_private(grid):
            problems.append(Problem(path.name, seen, 1, f"table {seen}", f"{label}: personal contact field, not imported", "info"))
        tables.append(
            Table(rows=grid, number=seen, source=path.name, lines=list(range(skip + 1, skip + len(grid) + 1)), year=year, title=title)
        )
        title, year = "", None
    if not tables:
        problems.append(Problem(path.name, 1, 1, "", f"no 绩效目标表 found among {seen} table(s); nothing was written"))
    return tables, problems


register(".docx", "docx", read)
