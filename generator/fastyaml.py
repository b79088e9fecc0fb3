"""A fast reader for the plain YAML subset project files are written in; None for anything else.

Why: PyYAML's constructor (Python code per node) is most of a build's load time. Project files
are block mappings and sequences of plain or quoted scalars, one-line flow mappings for targets
and ``|`` blocks for long texts, exactly as ``yamlio.dump_project`` writes them. This module reads
that subset line by line and gives the same values as ``yamlio.load_data`` (same implicit
resolution: null, bool, int, float as ``Decimal``, no timestamps). Whatever it is not sure
about (anchors, tags, escapes, folded or multi-line scalars, tabs, odd indentation, complex
numbers, documents PyYAML would reject) makes ``parse`` return None, and the caller uses
PyYAML: errors and their positions always come from PyYAML.
tests/test_fastyaml.py compares both readers on every corpus file and on generated documents.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import yaml

from generator.yamlio import _Loader

_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_RESOLVERS = _Loader.yaml_implicit_resolvers
_BOOLS = yaml.constructor.SafeConstructor.bool_values

_UNSAFE_TEXT = re.compile("[^\n -~\xa0-\ud7ff\ue000-\ufffc\U00010000-\U0010ffff]|[\ufeff\u2028\u2029]")
"""Characters outside printable YAML, line breaks other than LF, tabs, BOMs: PyYAML decides."""
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: +(.*))?")
_SIMPLE_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_SIMPLE_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]+")
_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@` ")
_FLOW_PLAIN_STOP = re.compile(r"[,\[\]{}#:'\"]")


_STR_KEYS: set[str] = set()
"""Keys known to resolve to strings (``on`` or ``null`` would not)."""


class _Unsure(Exception):
    """The text is outside the subset: let PyYAML read it."""


def parse(text: str) -> Any:
    """The data of ``text`` as ``yamlio.load_data`` gives it, or None when PyYAML must read it."""
    raws = text.split("\n")
    lines = list(map(_LINES.get, raws))
    try:
        if None in lines:
            for n, line in enumerate(lines):
                if line is None:
                    lines[n] = _line(raws[n])
        reader = _Reader(lines)
        start = reader.skip(0)
        if start >= len(lines) or lines[start][0] != 0 or lines[start][1].startswith(("---", "...", "%", "- ", "-")):
            raise _Unsure
        value, end = reader.mapping(start, 0)
        if reader.skip(end) < len(lines):
            raise _Unsure
        return value
    except _Unsure:
        return None


_Line = tuple[int, str, bool, Any, Any]
"""One line, analysed once: (indent, text without the indent, blank or comment, as a mapping
entry, as a sequence item). The two readings are context-free, so they are cached per line."""

_LINES: dict[str, _Line] = {}
"""Analysed lines by their raw text: keys, labels and targets repeat from file to file."""

_NESTED, _LITERAL_CLIP, _LITERAL_STRIP, _FLOW, _SCALAR = range(5)
"""How a ``key:`` entry's value is read: from the lines below, a ``|``/``|-`` block, or inline."""


def _line(raw: str) -> _Line:
    """Analyse one raw line (and cache it); raises ``_Unsure`` for characters PyYAML must judge."""
    if _UNSAFE_TEXT.search(raw):
        raise _Unsure
    text = raw.lstrip(" ")
    blank = not text or text[0] == "#"
    item = None
    if text == "-" or text.startswith("- "):
        rest = text[2:].lstrip(" ")
        item = (len(text) - len(rest), rest, _entry(rest) if _KEY.fullmatch(rest) else _scalar_item(rest))
    line = (len(raw) - len(text), text, blank, _entry(text), item)
    if len(_LINES) > 200_000:
        _LINES.clear()
    _LINES[raw] = line
    return line


def _entry(text: str) -> Any:
    """``text`` read as ``key: value``: (key, how, value), or None where only PyYAML may read it."""
    match = _KEY.fullmatch(text)
    if match is None:
        return None
    key, rest = match.groups()
    try:
        if key not in _STR_KEYS:
            if _resolve(key) is not str:
                return None
            _STR_KEYS.add(key)
        if rest is None or rest == "":
            return None if text.endswith(" ") else (key, _NESTED, None)
        if rest == "|" or rest == "|-":
            return (key, _LITERAL_CLIP if rest == "|" else _LITERAL_STRIP, None)
        value = _inline(rest)
    except _Unsure:
        return None
    return (key, _FLOW, value) if isinstance(value, (dict, list)) else (key, _SCALAR, value)


def _scalar_item(text: str) -> Any:
    """A sequence item that is not a mapping: (None, how, value), or None for PyYAML."""
    if not text or text[0] == "#" or text.startswith("-"):
        return None
    try:
        value = _inline(text)
    except _Unsure:
        return None
    return (None, _FLOW, value) if isinstance(value, (dict, list)) else (None, _SCALAR, value)


class _Reader:
    """Recursive descent over analysed lines."""

    def __init__(self, lines: list[_Line]) -> None:
        self.lines = lines

    def skip(self, i: int) -> int:
        """The next line from ``i`` that is not blank and not a comment."""
        lines = self.lines
        end = len(lines)
        while i < end and lines[i][2]:
            i += 1
        return i

    def mapping(self, i: int, indent: int, first: Any = None) -> tuple[dict[Any, Any], int]:
        """A block mapping whose keys start at column ``indent``; ``first`` is line ``i``'s entry (after a dash)."""
        out: dict[Any, Any] = {}
        lines = self.lines
        end = len(lines)
        while True:
            if first is not None:
                entry, first = first, None
            else:
                while i < end and lines[i][2]:
                    i += 1
                if i >= end:
                    return out, i
                line = lines[i]
                if line[0] != indent:
                    if line[0] < indent:
                        return out, i
                    raise _Unsure
                entry = line[3]
                if entry is None:
                    raise _Unsure
            key, how, value = entry
            i += 1
            if how == _SCALAR:
                out[key] = value
            elif how == _FLOW:
                out[key] = value.copy()  # cached: each document gets its own
            elif how == _NESTED:
                out[key], i = self.nested(i, indent)
            else:
                out[key], i = self.literal(i, indent, keep_last=how == _LITERAL_CLIP)

    def nested(self, i: int, indent: int) -> tuple[Any, int]:
        """The value after ``key:`` at the end of a line: a deeper block, an indentless sequence, or null."""
        j = self.skip(i)
        if j < len(self.lines):
            deeper, text, _, _, item = self.lines[j]
            if deeper > indent:
                if item is not None:
                    return self.sequence(j, deeper)
                return self.mapping(j, deeper)
            if deeper == indent and item is not None:
                return self.sequence(j, indent)
        return None, i

    def sequence(self, i: int, indent: int) -> tuple[list[Any], int]:
        """A block sequence whose dashes are at column ``indent``."""
        out: list[Any] = []
        lines = self.lines
        end = len(lines)
        while True:
            while i < end and lines[i][2]:
                i += 1
            if i >= end:
                return out, i
            deeper, _, _, _, item = lines[i]
            if deeper < indent:
                return out, i
            if deeper > indent or item is None:
                if deeper == indent:  # a key after an indentless sequence ends it
                    return out, i
                raise _Unsure
            width, _, entry = item
            if entry is None:
                raise _Unsure
            key, how, value = entry
            if key is not None:
                value, i = self.mapping(i, indent + width, first=entry)
            else:
                value, i = (value.copy() if how == _FLOW else value), i + 1
            out.append(value)

    def literal(self, i: int, indent: int, keep_last: bool) -> tuple[str, int]:
        """A ``|`` (clip) or ``|-`` (strip) block scalar below a key at column ``indent``."""
        lines = self.lines
        if i >= len(lines) or lines[i][0] <= indent or not lines[i][1]:
            raise _Unsure
        block = lines[i][0]
        body: list[str] = []
        while i < len(lines):
            deeper, text = lines[i][0], lines[i][1]
            if not text:
                if deeper:  # spaces only: their count matters to PyYAML
                    raise _Unsure
                body.append("")
            elif deeper >= block:
                body.append(" " * (deeper - block) + text)
            else:
                break
            i += 1
        while body and body[-1] == "":  # trailing blank lines are not content (clip and strip)
            body.pop()
        return "\n".join(body) + ("\n" if keep_last else ""), i


def _inline(text: str) -> Any:
    """A value on the same line as its key or dash: a quoted or plain scalar, or a one-line flow mapping."""
    first = text[0]
    if first == "{":
        return _flow_mapping(text)
    if first == "[":
        if text.rstrip(" ") == "[]":
            return []
        raise _Unsure
    if first == "'" or first == '"':
        value, end = _quoted(text, 0)
        if text[end:].strip(" "):
            raise _Unsure
        return value
    return _plain(text.rstrip(" "), flow=False)


def _quoted(text: str, start: int) -> tuple[str, int]:
    """A one-line quoted scalar starting at ``start``: (value, index after the closing quote)."""
    quote = text[start]
    i = start + 1
    parts = []
    while True:
        end = text.find(quote, i)
        if end < 0:
            raise _Unsure
        if quote == '"':
            part = text[i:end]
            if "\\" in part:
                raise _Unsure
            return part, end + 1
        parts.append(text[i:end])
        if text.startswith("''", end):
            parts.append("'")
            i = end + 2
            continue
        return "".join(parts), end + 1


_PLAIN_CACHE: dict[tuple[str, bool], Any] = {}
"""Resolved plain scalars (immutable values): labels, units and numbers repeat across files."""


def _plain(text: str, flow: bool) -> Any:
    """A one-line plain scalar, resolved like PyYAML's safe loader (no timestamps, floats as Decimal)."""
    key = (text, flow)
    try:
        return _PLAIN_CACHE[key]
    except KeyError:
        pass
    value = _plain_uncached(text, flow)
    if len(_PLAIN_CACHE) > 100_000:
        _PLAIN_CACHE.clear()
    _PLAIN_CACHE[key] = value
    return value


def _plain_uncached(text: str, flow: bool) -> Any:
    if not text or text[0] in _PLAIN_START and not (text[0] == "-" and len(text) > 1 and text[1] != " "):
        raise _Unsure
    if ": " in text or " #" in text or text.endswith(":") or (flow and _FLOW_PLAIN_STOP.search(text)):
        raise _Unsure
    kind = _resolve(text)
    if kind is str:
        return text
    if kind is None:
        return None
    if kind is bool:
        return _BOOLS[text.lower()]
    if kind is int and _SIMPLE_INT.fullmatch(text):
        return int(text)
    if kind is Decimal and _SIMPLE_FLOAT.fullmatch(text):
        return Decimal(text)
    raise _Unsure


def _resolve(text: str) -> Any:
    """The Python type PyYAML's implicit resolvers give a plain scalar; anything exotic is unsure."""
    for tag, regexp in _RESOLVERS.get(text[0] if text else "", ()):
        if regexp.match(text):
            if tag == _NULL:
                return None
            if tag == _BOOL:
                return bool
            if tag == _INT:
                return int
            if tag == _FLOAT:
                return Decimal
            raise _Unsure  # merge, value, yaml: constructed differently or refused
    return str


_FLOW_ITEM = re.compile(r"""([A-Za-z_][A-Za-z0-9_]*): +('(?:[^']|'')*'|"[^"\\]*"|[^,{}\[\]#:'" ][^,{}\[\]#:'"]*?) *(, |\}$)""")


def _flow_mapping(text: str) -> dict[Any, Any]:
    """``{key: value, ...}`` on one line: keys plain words, values plain or quoted scalars."""
    out: dict[Any, Any] = {}
    text = text.rstrip(" ")
    if text == "{}":
        return out
    i, end, sep = 1, len(text), ", "
    while sep == ", ":
        match = _FLOW_ITEM.match(text, i)
        if match is None:
            raise _Unsure
        key, raw, sep = match.groups()
        if key not in _STR_KEYS:
            if _resolve(key) is not str:
                raise _Unsure
            _STR_KEYS.add(key)
        first = raw[0]
        if first == "'":
            out[key] = raw[1:-1].replace("''", "'")
        elif first == '"':
            out[key] = raw[1:-1]
        else:
            out[key] = _plain(raw, flow=True)
        i = match.end()
    if i != end:
        raise _Unsure
    return out
