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
        "indicator_headers": frozenset(squeeze(t) for t in raw["indicator_headers"]),
        "form_labels": frozenset(
            squeeze(t)
            for key in ("header_fields", "funds_sections", "indicator_headers", "section_markers")
            for t in raw[key]
        ),
        "goal_labels": tuple(squeeze(t) for t in raw["goal_headers"]),
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
class _Block:
    """A ruled table (``rows``) with the text lines above it, or a page's trailing text (``rows`` None)."""

    page: int
    rows: list[list[str]] | None
    above: list[str]
    first_on_page: bool = False


def _lines(page: Any, top: float, bottom: float) -> list[str]:
    if bottom - top < 1:
        return []
    text = page.crop((0, top, page.width, bottom)).extract_text() or ""
    return [line.strip() for line in text.split("\n") if line.strip() and not _PAGE_NUMBER.match(line.strip())]


def _page_blocks(page: Any, number: int) -> list[_Block]:
    """The ruled tables of a page in reading order, then the text below the last one."""
    page = page.dedupe_chars()
    blocks: list[_Block] = []
    top = 0.0
    for table in sorted(page.find_tables(SETTINGS), key=lambda t: t.bbox[1]):
        above = _lines(page, top, table.bbox[1])
        rows = [[join_lines(cell) for cell in row] for row in table.extract()]
        rows = [row for row in rows if any(row)]
        # a title printed inside the table, in a row of its own
        while rows and sum(1 for c in rows[0] if c) == 1 and _title_of([next(c for c in rows[0] if c)])[0]:
            above.append(next(c for c in rows[0] if c))
            rows = rows[1:]
        blocks.append(_Block(number, rows, above, first_on_page=not blocks))
        top = table.bbox[3]
    blocks.append(_Block(number, None, _lines(page, top, page.height), first_on_page=not blocks))
    return blocks


def _looks_like_form(rows: list[list[str]]) -> bool:
    """True when some cell is a label of the target form (header, funds, goals, indicators)."""
    labels, goals = _vocab()["form_labels"], _vocab()["goal_labels"]
    return any(squeeze(c) in labels or squeeze(c).startswith(goals) for row in rows for c in row if c)


def _continues(current: Table, rows: list[list[str]]) -> bool:
    """An untitled table at the top of a page continues the open form (its indicator block, or its header)."""
    if _is_self_evaluation(rows):
        return False
    heads = _vocab()["indicator_headers"]
    in_indicators = any(squeeze(c) in heads for row in current.rows for c in row)
    return in_indicators or _looks_like_form(rows)


def read(path: Path, data: bytes) -> tuple[list[Table], list[Problem]]:
    """Every target table in the PDF, continuation pages merged; skipped pages as info problems."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    name = path.name
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = list(pdf.pages)
    except (PdfminerException, PDFSyntaxError, ValueError, TypeError, KeyError) as exc:
        return [], [Problem(name, 0, 0, "", f"not a readable PDF ({exc}); nothing was written")]
    with pdf:
        if not any(page.chars for page in pages):
            msg = f"no text layer in any of its {len(pages)} page(s): a scanned PDF? OCR is not supported; nothing was written"
            return [], [Problem(name, 0, 0, "", msg)]
        blocks = [block for number, page in enumerate(pages, start=1) for block in _page_blocks(page, number)]
    return _collect(name, blocks)


def _running_lines(blocks: list[_Block]) -> set[str]:
    """Lines printed on three or more pages (running headers and footers)."""
    seen: dict[str, set[int]] = {}
    for block in blocks:
        for line in block.above:
            seen.setdefault(line, set()).add(block.page)
    return {line for line, pages in seen.items() if len(pages) >= 3}


def _collect(name: str, blocks: list[_Block]) -> tuple[list[Table], list[Problem]]:
    tables: list[Table] = []
    problems: list[Problem] = []
    running = _running_lines(blocks)
    current: Table | None = None
    pending: list[str] = []  # a title printed at the bottom of the previous page

    def note(page: int, message: str, level: str = "info") -> None:
        problems.append(Problem(name, page, 0, f"page {page}", message, level))  # type: ignore[arg-type]

    for block in blocks:
        page, rows = block.page, block.rows
        if rows is None:
            title, _other = _title_of(block.above)
            if title:
                pending, current = block.above, None
            elif block.first_on_page:  # a page without any ruled table
                note(page, "skipped: no ruled table (text page)" if block.above else "skipped: empty page")
            elif [line for line in block.above if line not in running]:
                current = None  # text below the table: the table ended on this page
            continue
        above, pending = pending + block.above, []
        title, other = _title_of(above)
        fresh = [line for line in above if line not in running]
        if title is None and not fresh and block.first_on_page and current is not None and _continues(current, rows):
            current.rows.extend(rows)
            current.lines.extend([page] * len(rows))
            if page not in current.pages:
                current.pages.append(page)
            continue
        current = None
        if title is None:
            self_title = other and any(m in squeeze(other) for m in _vocab()["self_titles"])
            what = "自评表 (not a target table)" if self_title else "table without a 绩效目标表 title"
            note(page, f"skipped: {what}: {other}" if other else f"skipped: {what}")
            continue
        if _is_self_evaluation(rows):
            note(page, f"skipped: 自评表 (实际完成值/得分 columns, not a target table): {title}")
            continue
        if any("(cid:" in c for row in rows for c in row):
            note(page, "text uses fonts without a Unicode map ((cid:N) codes); it cannot be read without OCR, which is not supported", "error")
            continue
        for label in drop_private(rows):
            note(page, f"{label}: personal contact field, not imported")
        current = Table(rows=rows, number=len(tables) + 1, source=name, lines=[page] * len(rows), year=_year_of(above), pages=[page])
        tables.append(current)
    return tables, problems
