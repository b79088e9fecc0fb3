"""Cell-level helpers of the PDF reader: joining wrapped lines, titles, symbol-font checkboxes.

Why separate from ``pdf``: these work on plain strings and char dicts, so they are
tested without any PDF, and ``pdf`` keeps only the page walk. Chinese labels come
from data/vocabulary.yaml.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any


from generator.labels import raw_vocabulary, squeeze

_YEAR = re.compile(r"(\d{4})\s*年度")
_YEAR_BRACKET = re.compile(r"[(（]\s*(\d{4})\s*年?\s*[)）]")
_YEAR_LINE = re.compile(r"[(（]\d{4}年?度?[)）]")
_LIST_ITEM = re.compile(r"^(?:目标\s*\d|[(（]?\d{1,2}[)）、．.](?!\d))")
_NO_SPACE_AFTER = "-/(（"
# Checkbox glyphs of Word's symbol fonts, as their characters (or Private Use Area codes U+F0xx) arrive.
_SYMBOL_GLYPHS = {
    "wingdings2": {"R": "☑", "S": "☒", "T": "☒", "Q": "☒", "£": "□", "*": "□"},
    "wingdings": {"þ": "☑", "ý": "☒", "x": "☒", "¨": "□", "o": "□", "q": "□"},
}

# CJK Radicals Supplement code points that some PDF producers (Chromium/Skia, some WPS
# exports) write in ToUnicode maps instead of the ideograph with the same glyph; NFKC
# leaves them alone. Pairs: radical, ideograph (from Unicode's EquivalentUnifiedIdeograph).
_RADICALS = dict(
    zip(
        "⺝⺠⺮⺼⻄⻅⻆⻈⻉⻋⻎⻐⻓⻔⻖⻘⻙⻚⻛⻜⻝⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
        "月民竹月西见角讠贝车辶钅长门阝青韦页风飞食饣马骨鬼鱼鸟卤麦黄黾齐齿龙龟",
    )
)


@lru_cache(maxsize=1)
def vocab() -> dict[str, Any]:
    raw = raw_vocabulary()
    return {
        "titles": [squeeze(t) for t in sorted(raw["table_titles"], key=len, reverse=True)],
        "indicator_headers": frozenset(squeeze(t) for t in raw["indicator_headers"]),
        "form_labels": frozenset(
            squeeze(t)
            for key in ("header_fields", "funds_sections", "indicator_headers", "section_markers")
            for t in raw[key]
        ),
        "goal_labels": tuple(squeeze(t) for t in raw["goal_headers"]),
        "unit_lines": sorted(((squeeze(k), v) for k, v in raw["unit_lines"].items()), key=lambda kv: -len(kv[0])),
        "funds_sections": frozenset(squeeze(k) for k in raw["funds_sections"]),
        "self_titles": [squeeze(t) for t in raw["self_evaluation_titles"]],
        "private": frozenset(squeeze(t) for t in raw["private_fields"]),
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


def title_of(lines: list[str]) -> tuple[str | None, str | None]:
    """(target title, other title) among the text lines printed above a table."""
    titles, markers = vocab()["titles"], vocab()["self_titles"]
    for line in lines:
        key = squeeze(line)
        if any(m in key for m in markers):
            return None, line
        if any(t in key for t in titles):
            return line, None
    return None, (lines[0] if lines else None)


def year_of(lines: list[str]) -> int | None:
    for line in lines:
        folded = unicodedata.normalize("NFKC", line)
        m = _YEAR.search(folded) or _YEAR_BRACKET.search(folded)
        if m:
            return int(m.group(1))
    return None


def drop_private(rows: list[list[str]]) -> list[str]:
    """Blank personal contact fields (label and the value after it) in place; returns their labels."""
    private = vocab()["private"]
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


def fix_chars(chars: list[dict[str, Any]]) -> None:
    """Repair what producers put in text layers (in place): radicals → ideographs, Wingdings boxes → ☑/□.

    Kangxi radicals (U+2F00–U+2FDF, e.g. ``⾏`` for 行) fold by NFKC; CJK Radicals
    Supplement ones (``⻔`` for 门) by the table above.
    """
    for ch in chars:
        text = ch.get("text", "")
        if len(text) == 1 and "\u2e80" <= text <= "\u2fdf":
            ch["text"] = _RADICALS.get(text) or unicodedata.normalize("NFKC", text)
    fix_symbol_fonts(chars)


def fix_symbol_fonts(chars: list[dict[str, Any]]) -> None:
    """Checkbox characters drawn in Wingdings fonts → ☑/□ glyphs (in place)."""
    for ch in chars:
        font = re.sub(r"^[A-Z]{6}\+|[\s_-]", "", str(ch.get("fontname", ""))).lower()
        table = next((t for key, t in _SYMBOL_GLYPHS.items() if key in font), None)
        if table is None:
            continue
        text = ch.get("text", "")
        if len(text) == 1 and 0xF000 <= ord(text) <= 0xF0FF:
            text = chr(ord(text) - 0xF000)
        if text in table:
            ch["text"] = table[text]


def apply_unit_line(rows: list[list[str]], above: list[str]) -> None:
    """``单位：元`` printed above the table gives a bare ``项目资金`` label its unit (in place)."""
    folded = [squeeze(line) for line in above]
    unit = next((u for key, u in vocab()["unit_lines"] for line in folded if key in line), None)
    if unit is None:
        return
    sections = vocab()["funds_sections"]
    for row in rows:
        for c, cell in enumerate(row):
            if squeeze(cell) in sections and squeeze(cell) + f"({unit})" in sections:
                row[c] = f"{cell}({unit})"


def is_self_evaluation(rows: list[list[str]]) -> bool:
    """True when a cell marks a table that is not a target table (``refuse_markers``, shared with ``layout``)."""
    from generator.importers.layout import is_refusal_marker

    return any(is_refusal_marker(c) for row in rows for c in row)


def looks_like_form(rows: list[list[str]]) -> bool:
    """True when some cell is a label of the target form (header, funds, goals, indicators)."""
    labels, goals = vocab()["form_labels"], vocab()["goal_labels"]
    return any(squeeze(c) in labels or squeeze(c).startswith(goals) for row in rows for c in row if c)


def is_year_line(text: str) -> bool:
    """``(2023年度)`` on a line of its own."""
    return bool(_YEAR_LINE.fullmatch(squeeze(unicodedata.normalize("NFKC", text))))
