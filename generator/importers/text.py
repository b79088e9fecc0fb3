"""Read the text extracted from published 绩效目标表 (the seed format).

A file holds many tables; each starts at a title line (财政项目支出绩效目标表) and a
``(YYYY年度)`` line. Cells are tab-separated. HTML remnants are cleaned here, at
import, where they belong: ``<p>`` paragraphs become lines, checkbox inputs become
☑/□ glyphs, entities are unescaped. Encodings: UTF-8 (with or without BOM),
UTF-16 with BOM, and GB18030 (a superset of GBK) are detected.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from generator.importers.form import Table
from generator.importers.layout import is_title

_CHECKED = re.compile(r"<input\b[^>]*\bchecked\b[^>]*>", re.I)
_UNCHECKED = re.compile(r"<input\b[^>]*type=[\"']?checkbox[^>]*>", re.I)
_BREAK = re.compile(r"</p>\s*<p[^>]*>|<br\s*/?>", re.I)
_TAG = re.compile(r"</?(?:p|span|div|font|b|strong|i|em|u)\b[^>]*>", re.I)
_YEAR = re.compile(r"^[(（]\s*(\d{4})\s*年度?\s*[)）]$")


def decode(data: bytes) -> str:
    """Decode text exported by Windows or web tools: BOMs first, then UTF-8, then GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if len(data) >= 4 and data[1:4:2] == b"\x00\x00" and data[0:4:2] != b"\x00\x00":
        return data.decode("utf-16-le")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


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
            current = Table(rows=[], number=len(tables) + 1, source=source, title=stripped)
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
