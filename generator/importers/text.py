"""Read the text extracted from published 绩效目标表 (the seed format).

A file holds many tables; each starts at a title line (财政项目支出绩效目标表) and a
``(YYYY年度)`` line. Cells are tab-separated. HTML remnants are cleaned here, at
import, where they belong: ``<p>`` paragraphs become lines, checkbox inputs become
☑/□ glyphs, entities are unescaped. Encodings: UTF-8 (with or without BOM),
UTF-16 (with or without BOM) and GB18030 (a superset of GBK) are detected.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from generator.importers.form import Table
from generator.importers.layout import is_title

_CHECKED = re.compile(r"<input\b[^>]*\bchecked\b[^>]*>", re.I)
_UNCHECKED = re.compile(r"<input\b[^>]*type=[\"']?checkbox[^>]*>", re.I)
_BREAK = re.compile(r"</p>\s*<p[^>]*>|<br\s*/?>", re.I)
_TAG = re.compile(r"</?(?:p|span|div|font|b|strong|i|em|u)\b[^>]*>", re.I)
_YEAR = re.compile(r"^[(（]\s*(\d{4})\s*年度?\s*[)）]$")


@lru_cache(maxsize=1)
def _common_hanzi() -> frozenset[str]:
    """The 6,763 Han characters of GB 2312: nearly every character of an official table."""
    pairs = (bytes((hi, lo)) for hi in range(0xB0, 0xF8) for lo in range(0xA1, 0xFF))
    return frozenset(ch for b in pairs for ch in b.decode("gb2312", errors="ignore"))


_READABLE = re.compile(r"[\t\n\r\x20-\x7e\u00b7\u00d7\u2010-\u2030\u2190-\u22ff\u2460-\u25ff\u2610-\u2612\u3000-\u303f\uff00-\uffef]")
_SAMPLE = 20000


def _readability(text: str) -> float:
    """Share of characters a Chinese table plausibly holds (ASCII, CJK punctuation, common Han)."""
    sample = text[:_SAMPLE]
    if not sample:
        return 1.0
    hanzi = _common_hanzi()
    good = sum(1 for ch in sample if ch in hanzi or _READABLE.match(ch))
    return good / len(sample)


def decode(data: bytes) -> str:
    """Decode text exported by Windows or web tools: BOMs first, then the decoding that reads best.

    Valid UTF-8 that reads like a Chinese table is taken at once. Otherwise UTF-8,
    GB18030 (a superset of GBK) and UTF-16 without a BOM (LE/BE) are tried and the one
    that reads most like a Chinese table wins, UTF-8 on a tie: short GBK text can be
    valid UTF-8 (as Latin or Cyrillic letters), and UTF-16 without a BOM is often valid
    GB18030. Bytes that are not UTF-8 and read as nothing else are not text
    (UnicodeDecodeError), so binary garbage is never imported as mojibake.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    candidates: list[tuple[float, int, str]] = []
    for rank, encoding in enumerate(("utf-8", "gb18030", "utf-16-le", "utf-16-be")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _readability(text)
        if rank == 0 and score >= 0.9 and b"\x00" not in data:
            return text
        candidates.append((score, -rank, text))
    best = max(candidates, key=lambda c: c[:2], default=None)
    if best is None or (best[1] != 0 and best[0] < 0.75):
        raise UnicodeDecodeError("utf-8", data, 0, min(len(data), 1), "no encoding gives readable text")
    return best[2]


def clean_cell(cell: str) -> str:
    """Turn HTML remnants into plain text: paragraphs to lines, checkboxes to glyphs."""
    text = _CHECKED.sub(" ☑ ", cell)
    text = _UNCHECKED.sub(" □ ", text)
    text = _BREAK.sub("\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


@dataclass
class _Pending:
    number: int
    start: int
    year: int | None = None


def split_tables(text: str, source: str) -> list[Table]:
    """Split a text file into tables at their title lines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    tables: list[Table] = []
    current: Table | None = None
    for index, line in enumerate(lines, start=1):
        stripped = line.strip()
        if is_title(stripped):  # a known title, possibly after a region / year prefix
            current = Table(rows=[], number=len(tables) + 1, source=source, title=stripped, start=index)
            tables.append(current)
            continue
        if current is None or not stripped:
            continue
        m = _YEAR.match(stripped.replace(" ", ""))
        if m and not current.rows:
            current.year = int(m.group(1))
            continue
        current.rows.append([clean_cell(c) for c in line.split("\t")])
        current.lines.append(index)
    return tables
