"""Read 绩效目标表 from a PDF (a budget disclosure, or a file of target tables) into ``Table`` grids.

Cells come from the table's ruling lines (pdfplumber, ``lines`` strategy), so merged
cells arrive as one cell and wrapped text stays inside its cell. Why per table and not
per page: a disclosure mixes budget tables, text and 自评表 with the target tables, and a
target table may run on over the next page. So each ruled table is classified by the
text printed above it: a target title starts a new form; no title right at the top of
the next page continues the open form; a 自评表 or any other table is skipped and
listed as an info line. Row "line numbers" are page numbers, so problems point to pages.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from generator.importers.form import Table
from generator.labels import squeeze
from generator.problems import Problem

SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_YEAR = re.compile(r"(\d{4})\s*年度")
_YEAR_BRACKET = re.compile(r"[(（]\s*(\d{4})\s*年?\s*[)）]")
_PAGE_NUMBER = re.compile(r"^[\s\d\-—–/.第页共]*$")
_LIST_ITEM = re.compile(r"^(?:目标\s*\d|[(（]?\d{1,2}[)）、．.](?!\d))")
_NO_SPACE_AFTER = "-/(（"


@lru_cache(maxsize=1)
def _vocab() -> dict[str, Any]:
    raw = yaml.safe_load(resources.files("generator.data").joinpath("vocabulary.yaml").read_text("utf-8"))
    return {
        "titles": [squeeze(t) for t in sorted(raw["table_titles"], key=len, reverse=True)],
        "self_titles": [squeeze(t) for t in raw["self_evaluation_titles"]],
        "private": frozenset(squeeze(t) for t in raw["private_fields"]),
        "self_columns": frozenset(squeeze(t) for t in raw["self_evaluation_columns"]),
    }


def join_lines(text: str | None) -> str:
    """One cell's wrapped lines as the text typed into it.

    Lines broken next to a Han character or full-width punctuation are joined with
    nothing (``阶段/性项/目`` → ``阶段性项目``), and so is a line starting with a bracket
    or symbol (``=20000.00/(元/家)``); Latin words and numbers get their space back; a
    line starting a numbered item (``1.``, ``（2）``, ``目标3``) keeps its line break.
    """
    lines = [line.strip() for line in (text or "").split("\n") if line.strip()]
    if not lines:
        return ""
    out = lines[0]
    for line in lines[1:]:
        if _LIST_ITEM.match(line):
            out += "\n" + line
        elif out[-1].isascii() and out[-1] not in _NO_SPACE_AFTER and line[0].isascii() and line[0].isalnum():
            out += " " + line
        else:
            out += line
    return out


def _title_of(lines: list[str]) -> tuple[str | None, str | None]:
    """(target title, other title) among the text lines printed above a table."""
    titles, markers = _vocab()["titles"], _vocab()["self_titles"]
    for line in lines:
        key = squeeze(line)
        if any(m in key for m in markers):
            return None, line
        if any(t in key for t in titles):
            return line, None
    return None, (lines[0] if lines else None)


def _year_of(lines: list[str]) -> int | None:
    for line in lines:
        folded = unicodedata.normalize("NFKC", line)
        m = _YEAR.search(folded) or _YEAR_BRACKET.search(folded)
        if m:
            return int(m.group(1))
    return None


def drop_private(rows: list[list[str]]) -> list[str]:
    """Blank personal contact fields (label and the value after it) in place; returns their labels."""
    private = _vocab()["private"]
    dropped = []
    for row in rows:
        for c, cell in enumerate(row):
            if squeeze(cell) in private:
                dropped.append(cell)
                row[c] = ""
                nxt = next((j for j in range(c + 1, len(row)) if row[j]), None)
                if nxt is not None and squeeze(row[nxt]) not in private:
                    row[nxt] = ""
    return dropped


def _is_self_evaluation(rows: list[list[str]]) -> bool:
    markers = _vocab()["self_columns"]
    return any(squeeze(c) in markers for row in rows for c in row)


@dataclass
class _Found:
    """One ruled table on a page, with the text lines printed above it."""

    page: int
    rows: list[list[str]]
    above: list[str]
    first_on_page: bool


def _page_tables(page: Any, number: int) -> list[_Found]:
    tables = sorted(page.find_tables(SETTINGS), key=lambda t: t.bbox[1])
    found: list[_Found] = []
    top = 0.0
    for i, table in enumerate(tables):
        x0, y0, x1, y1 = table.bbox
        above_text = page.crop((0, top, page.width, max(top, y0))).extract_text() if y0 > top else ""
        above = [line.strip() for line in above_text.split("\n") if line.strip() and not _PAGE_NUMBER.match(line.strip())]
        rows = [[join_lines(cell) for cell in row] for row in table.extract()]
        rows = [row for row in rows if any(row)]
        # a title printed inside the table, in a row of its own
        while rows and sum(1 for c in rows[0] if c) == 1 and _title_of([next(c for c in rows[0] if c)])[0]:
            above.append(next(c for c in rows[0] if c))
            rows = rows[1:]
        found.append(_Found(number, rows, above, i == 0))
        top = y1
    return found


def read(path: Path, data: bytes) -> tuple[list[Table], list[Problem]]:
    """Every target table in the PDF, continuation pages merged; skipped pages as info problems."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    name = path.name
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = list(pdf.pages)
    except (PDFSyntaxError, ValueError, TypeError, KeyError) as exc:
        return [], [Problem(name, 0, 0, "", f"not a readable PDF ({exc.__class__.__name__}); nothing was written")]
    with pdf:
        if not any(page.chars for page in pages):
            msg = f"no text layer in any of its {len(pages)} page(s): a scanned PDF? OCR is not supported; nothing was written"
            return [], [Problem(name, 0, 0, "", msg)]
        return _collect(name, pages)


def _collect(name: str, pages: list[Any]) -> tuple[list[Table], list[Problem]]:
    tables: list[Table] = []
    problems: list[Problem] = []
    current: Table | None = None

    def skip(page: int, what: str) -> None:
        problems.append(Problem(name, page, 0, f"page {page}", f"skipped: {what}", "info"))

    for number, page in enumerate(pages, start=1):
        found = _page_tables(page, number)
        if not found:
            current = None
            skip(number, "no ruled table (text page)" if page.chars else "empty page")
            continue
        for item in found:
            title, other = _title_of(item.above)
            if title is None and other is None and item.first_on_page and current is not None:
                current.rows.extend(item.rows)
                current.lines.extend([number] * len(item.rows))
                if number not in current.pages:
                    current.pages.append(number)
                continue
            current = None
            if title is None:
                what = "自评表 (not a target table)" if other and any(m in squeeze(other) for m in _vocab()["self_titles"]) else "table without a 绩效目标表 title"
                skip(number, f"{what}: {other}" if other else what)
                continue
            if _is_self_evaluation(item.rows):
                skip(number, f"自评表 (实际完成值/得分 columns, not a target table): {title}")
                continue
            for label in drop_private(item.rows):
                problems.append(Problem(name, number, 0, f"page {number}", f"{label}: personal contact field, not imported", "info"))
            current = Table(rows=item.rows, number=len(tables) + 1, source=name, lines=[number] * len(item.rows), year=_year_of(item.above), pages=[number])
            tables.append(current)
    return tables, problems
