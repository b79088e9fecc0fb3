"""Read 绩效目标表 from a PDF (a budget disclosure, or a file of target tables) into ``Table`` grids.

Cells come from the table's ruling lines (pdfplumber, ``lines`` strategy), so merged
cells arrive as one cell and wrapped text stays inside its cell (``pdf_cells.join_lines``).
Why per table and not per page: a disclosure mixes budget tables, text and 自评表 with
the target tables, and a target table may run on over the next page. So each ruled
table is classified by the text printed above it (``collect``):

- a target title (also one printed at the bottom of the previous page) starts a form;
- an untitled table continues the open form when only running headers/footers and
  page numbers stand between them (the next page, or a second ruled block below it),
  and a goal row broken over the page break is glued back;
- a 自评表 or any other table is skipped and listed as an info line, and so are its
  continuation pages.

Row "line numbers" are page numbers, so problems point to pages. A PDF without any
text layer (a scan) is refused: OCR is not supported.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generator.importers import register
from generator.importers.form import Table
from generator.importers.pdf_cells import (
    apply_unit_line,
    drop_private,
    fix_chars,
    is_self_evaluation,
    is_year_line,
    join_lines,
    looks_like_form,
    title_of,
    vocab,
    year_of,
)
from generator.labels import squeeze
from generator.problems import Problem

SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_PAGE_NUMBER = re.compile(r"^[\s\d\-—–/.第页共]*$")


@dataclass
class Block:
    """A ruled table (``rows``) with the text lines above it, or a page's trailing text (``rows`` None)."""

    page: int
    rows: list[list[str]] | None
    above: list[str]
    first_on_page: bool = False
    image_only: bool = False


def _lines(page: Any, top: float, bottom: float) -> list[str]:
    if bottom - top < 1:
        return []
    text = page.crop((0, top, page.width, bottom)).extract_text() or ""
    return [line.strip() for line in text.split("\n") if line.strip() and not _PAGE_NUMBER.match(line.strip())]


def _settings(page: Any) -> dict[str, Any]:
    """Ruling-line settings, closing tables left open at a page break.

    Some producers (Chromium) draw no top border on the part of a table continued on
    the next page, nor a bottom border above the break; without it the first row is
    lost. Horizontal lines at the top and bottom end of the page's vertical rules
    close them (a line there already is merged with it).
    """
    verticals = [e for e in page.edges if e["orientation"] == "v" and e["height"] > 5]
    if not verticals:
        return SETTINGS
    ends = [min(e["top"] for e in verticals), max(e["bottom"] for e in verticals)]
    return dict(SETTINGS, explicit_horizontal_lines=ends)


def _page_blocks(page: Any, number: int) -> list[Block]:
    """The ruled tables of a page in reading order, then the text below the last one."""
    fix_chars(page.chars)
    page = page.dedupe_chars()
    blocks: list[Block] = []
    top = 0.0
    for table in sorted(page.find_tables(_settings(page)), key=lambda t: t.bbox[1]):
        above = _lines(page, top, table.bbox[1])
        rows = [[join_lines(cell) for cell in row] for row in table.extract()]
        rows = [row for row in rows if any(row)]
        # a title or year line printed inside the table, in a row of its own
        while rows and sum(1 for c in rows[0] if c) == 1:
            only = next(c for c in rows[0] if c)
            if not (title_of([only])[0] or is_year_line(only)):
                break
            above.append(only)
            rows = rows[1:]
        blocks.append(Block(number, rows, above, first_on_page=not blocks))
        top = table.bbox[3]
    image_only = not page.chars and bool(page.images)
    blocks.append(Block(number, None, _lines(page, top, page.height), first_on_page=not blocks, image_only=image_only))
    return blocks


def _continues(current: Table, rows: list[list[str]]) -> bool:
    """An untitled table at the top of a page continues the open form (its indicator block, or its header)."""
    if is_self_evaluation(rows):
        return False
    heads = vocab()["indicator_headers"]
    in_indicators = any(squeeze(c) in heads for row in current.rows for c in row)
    return in_indicators or looks_like_form(rows)


def _join_split_row(current: Table, rows: list[list[str]]) -> list[list[str]]:
    """A goal row broken over the page break: glue its two halves back together.

    Only before the indicator block and only when neither half holds a form label;
    an indicator row broken the same way cannot be told from a new row and stays apart.
    """
    heads = vocab()["indicator_headers"]
    if not rows or not current.rows or any(squeeze(c) in heads for row in current.rows for c in row):
        return rows
    last, first = current.rows[-1], rows[0]
    if len(last) != len(first) or looks_like_form([last, first]):
        return rows
    current.rows[-1] = [join_lines(f"{a}\n{b}") if a and b else a or b for a, b in zip(last, first)]
    return rows[1:]


def read(path: Path, data: bytes) -> tuple[list[Table], list[Problem]]:
    """Every target table in the PDF, continuation pages merged; skipped pages as info problems."""
    import logging

    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    name = path.name
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font-descriptor chatter, not the user's problem
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = list(pdf.pages)
    except (PdfminerException, PDFSyntaxError, ValueError, TypeError, KeyError) as exc:
        return [], [Problem(name, 0, 0, "", f"not a readable PDF ({exc}); nothing was written")]
    with pdf:
        if not any(page.chars for page in pages):
            msg = f"no text layer in any of its {len(pages)} page(s): a scanned PDF? "
            msg += "OCR is not supported; nothing was written"
            return [], [Problem(name, 0, 0, "", msg)]
        blocks = [block for number, page in enumerate(pages, start=1) for block in _page_blocks(page, number)]
    return collect(name, blocks)


def _running_lines(blocks: list[Block]) -> dict[str, set[int]]:
    """The pages each text line is printed on: a line on three or more pages, or also on a
    neighbouring page, is a running header or footer and neither ends nor starts a table."""
    seen: dict[str, set[int]] = {}
    for block in blocks:
        for line in block.above:
            seen.setdefault(line, set()).add(block.page)
    return seen


def collect(name: str, blocks: list[Block]) -> tuple[list[Table], list[Problem]]:
    """Classify the blocks of the whole document in reading order into target tables (see module doc)."""
    tables: list[Table] = []
    problems: list[Problem] = []
    seen = _running_lines(blocks)

    def fresh(lines: list[str], page: int) -> list[str]:
        """Lines that are neither page numbers nor running headers/footers."""
        out = [line for line in lines if len(on := seen.get(line, set())) < 3 and not on & {page - 1, page + 1}]
        return [line for line in out if not _PAGE_NUMBER.match(line)]

    current: Table | None = None
    pending: list[str] = []  # a title printed at the bottom of the previous page
    skipped: int | None = None  # page of the last skipped table, while it may still continue

    def note(page: int, message: str, level: str = "info") -> None:
        problems.append(Problem(name, page, 0, f"page {page}", message, level))  # type: ignore[arg-type]

    for block in blocks:
        page, rows = block.page, block.rows
        if rows is None:
            title, _other = title_of(block.above)
            if title:
                pending = block.above
            elif block.image_only:
                note(page, "skipped: an image without a text layer (a scanned page?); OCR is not supported", "warning")
            elif block.first_on_page:  # a page without any ruled table
                note(page, "skipped: no ruled table (text page)" if block.above else "skipped: empty page")
            if title or block.image_only or block.first_on_page or fresh(block.above, page):
                current = skipped = None  # text or a page without tables after it: the table has ended
            continue
        above, pending = pending + block.above, []
        title, other = title_of(above)
        attached = title is None and not fresh(above, page)  # only running lines since the last table
        if attached and current is not None and _continues(current, rows):
            if block.first_on_page:
                rows = _join_split_row(current, rows)
            current.rows.extend(rows)
            current.lines.extend([page] * len(rows))
            if page not in current.pages:
                current.pages.append(page)
            continue
        if attached and current is None and skipped is not None:
            note(page, f"skipped: continues the table skipped on page {skipped}")
            continue
        current, skipped = None, page
        if title is None:
            self_title = other and any(m in squeeze(other) for m in vocab()["self_titles"])
            what = "自评表 (not a target table)" if self_title else "table without a 绩效目标表 title"
            if not self_title and looks_like_form(rows) and not is_self_evaluation(rows):
                where = other or "no text above it"
                note(page, f"a table with 绩效目标表 labels but no title, not continuing one: not imported ({where})", "warning")
            else:
                note(page, f"skipped: {what}: {other}" if other else f"skipped: {what}")
            continue
        if is_self_evaluation(rows):
            note(page, f"skipped: 自评表 (实际完成值/得分 columns, not a target table): {title}")
            continue
        if any("(cid:" in c for row in rows for c in row):
            message = "text uses fonts without a Unicode map ((cid:N) codes); reading it needs OCR, which is not supported"
            note(page, message, "error")
            continue
        apply_unit_line(rows, above)
        for label in drop_private(rows):
            note(page, f"{label}: personal contact field, not imported")
        skipped = None
        number, year = len(tables) + 1, year_of(above)
        current = Table(rows=rows, number=number, source=name, lines=[page] * len(rows), year=year, pages=[page])
        current.title = title  # type: ignore[attr-defined]  # a Table field on the importers branch (批复/审批)
        tables.append(current)
    return tables, _squash(problems)


def _squash(problems: list[Problem]) -> list[Problem]:
    """One line for a run of consecutive pages skipped for the same reason (``pages 3-40``)."""
    runs: list[tuple[Problem, int]] = []
    for p in problems:
        last = runs[-1] if runs else None
        if last and p.level == last[0].level == "info" and p.message == last[0].message and p.line == last[1] + 1:
            runs[-1] = (last[0], p.line)
        else:
            runs.append((p, p.line))
    return [p if end == p.line else replace(p, field=f"pages {p.line}-{end}") for p, end in runs]


register(".pdf", "pdf", read)
