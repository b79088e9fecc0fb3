"""Read one 绩效目标表 laid out as a grid of cells into a ``Project``.

Every reader (text, DOCX, XLSX, PDF) turns a table into rows of cell strings
(merged cells repeated or left empty, checkbox markup turned into ☑/□ glyphs) and
calls ``read_form``. Cells are matched by their labels, not their positions,
because extracted tables shift cells freely. Every cell the reader cannot map is
returned as a problem: nothing is dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from pydantic import ValidationError

from generator.importers.columns import ColumnLayout, column_layout, column_row
from generator.importers.layout import layout_vocab, lookup, sq, table_type, title_region
from generator.labels import LabelMatch, match_label, raw_vocabulary, squeeze, vocabulary
from generator.problems import Problem
from generator.schema import CONTROL_CHARACTERS, Funds, Goals, Indicator, Target
from generator.values import normalise, parse_value, to_decimal


@dataclass
class Table:
    """A table as rows of cell strings, with where each row came from."""

    rows: list[list[str]]
    number: int
    source: str
    pages: list[int] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    year: int | None = None
    start: int = 1
    """Line (or page) where the table starts: the location of problems about the whole table."""
    title: str = ""
    """The title printed above the table (decides 申报表 / 批复表 / 审批表)."""
    columns: list[list[int]] | None = None
    """Source column (0-based) of each grid cell, when the grid was rearranged (flat layout)."""

    def line_of(self, row: int) -> int:
        return self.lines[row] if row < len(self.lines) else (self.lines[-1] if self.lines else self.start)

    def column_of(self, row: int, col: int) -> int:
        """1-based source column of a grid cell."""
        if self.columns and row < len(self.columns) and col < len(self.columns[row]):
            return self.columns[row][col] + 1
        return col + 1


@dataclass
class FormResult:
    """The fields read from one table, before an id and source are attached."""

    fields: dict[str, Any]
    problems: list[Problem]


@lru_cache(maxsize=1)
def _form_vocab() -> dict[str, Any]:
    raw = raw_vocabulary()
    return {
        "header_fields": {squeeze(k): v for k, v in raw["header_fields"].items()},
        "funds_sections": {squeeze(k): v for k, v in raw["funds_sections"].items()},
        "goal_headers": {squeeze(k): v for k, v in raw["goal_headers"].items()},
        "checked": tuple(raw["checked_glyphs"]),
        "unchecked": tuple(raw["unchecked_glyphs"]),
        "classes": {squeeze(k): v for k, v in raw["project_classes"].items()},
        "attributes": {squeeze(k): v for k, v in raw["attributes"].items()},
    }


_PERIOD = re.compile(r"[(（]\s*(\d{4}\s*年?\s*[-—~至]+\s*\d{4}\s*年?)\s*[)）]")
_AMOUNT_UNIT = re.compile(r"\(\s*(万元|元)\s*\)")
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


def parse_date(text: str) -> date | None:
    """``2023-01-01``, ``2023/1/1``, ``2023年1月1日`` or an Excel serial (44561 → 2021-12-31)."""
    folded = normalise(text).replace(" ", "")
    m = _DATE.match(folded)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    serial = to_decimal(folded)
    if serial is not None and 20000 <= serial <= 80000 and serial == serial.to_integral_value():
        from datetime import timedelta

        return date(1899, 12, 30) + timedelta(days=int(serial))
    return None


def _category(text: str) -> tuple[str | None, str]:
    """The ticked 项目类别 in ``专项资金 □ 经常性项目 ☑ …``; returns (category, error)."""
    return _ticked(text, {c: c for c in vocabulary().categories}, "项目类别")


def _ticked(text: str, options: dict[str, str], label: str) -> tuple[str | None, str]:
    """The one ticked option (canonical name) of a checkbox cell, or the option written as plain text."""
    vocab = _form_vocab()
    glyphs = vocab["checked"] + vocab["unchecked"]
    plain = text.strip()
    if squeeze(plain) in options:
        return options[squeeze(plain)], ""
    tokens = re.findall("|".join(re.escape(g) for g in glyphs) + r"|[^\s" + "".join(glyphs) + r"]+", plain)
    if not tokens:
        return None, ""
    glyph_first = tokens[0] in glyphs
    ticked = []
    for i, tok in enumerate(tokens):
        if tok in options:
            j = i - 1 if glyph_first else i + 1
            if 0 <= j < len(tokens) and tokens[j] in vocab["checked"]:
                ticked.append(options[tok])
    if len(ticked) == 1:
        return ticked[0], ""
    if not ticked:
        return None, f"no {label} box is ticked"
    return None, f"several {label} boxes are ticked: {'、'.join(ticked)}"


def _header_key(cell: str) -> tuple[str, str] | None:
    """(kind, key) when a cell is a header label: field, funds section, goal header, marker."""
    vocab = _form_vocab()
    key = squeeze(cell)
    if key in vocab["header_fields"]:
        return "field", vocab["header_fields"][key]
    if key in vocab["funds_sections"]:
        return "unit", vocab["funds_sections"][key]
    for label, goal in vocab["goal_headers"].items():
        if key.startswith(label):
            return "goal", goal
    if key in vocabulary().section_markers:
        return "marker", key
    panel = layout_vocab()["panels"].get(key)
    if panel:
        return "panel", panel
    return None


def _is_indicator_header(row: list[str]) -> bool:
    heads = vocabulary().indicator_headers
    if any(squeeze(c) in heads for c in row) and any(squeeze(c).startswith("三级指标") for c in row):
        return True
    roles = {lookup(layout_vocab()["columns"], c) for c in row if c.strip()}
    return "name" in roles and bool(roles & {"level1", "level2"})


def _panel_row(row: list[str]) -> list[tuple[int, str]]:
    """(column, long/annual) of every cell when the row only names indicator panels or blocks."""
    markers = vocabulary().section_markers
    cells = [(c, v) for c, v in enumerate(row) if v.strip() and sq(v) not in markers]
    marks = [(c, layout_vocab()["panels"].get(sq(v))) for c, v in cells]
    if cells and all(kind for _c, kind in marks):
        return marks  # type: ignore[return-value]
    return []


class _Reader:
    """State for reading one table; see ``read_form``."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.fields: dict[str, Any] = {}
        self.funds: dict[str, Decimal | None] = {}
        self.funds_unit = "万元"
        self.goals: dict[str, str] = {}
        self.indicators: list[Indicator] = []
        self.problems: list[Problem] = []
        self.other_seen = 0
        self.panel_marks: list[tuple[int, str]] = []
        self.blocks = False

    def problem(self, row: int, col: int, fld: str, message: str, level: str = "error") -> None:
        self.problems.append(
            Problem(self.table.source, self.table.line_of(row), self.table.column_of(row, col), f"table {self.table.number}" + (f" {fld}" if fld else ""), message, level)  # type: ignore[arg-type]
        )

    def unmapped(self, row: int, col: int, text: str) -> None:
        self.problem(row, col, "", f"cell not mapped to any field: {text!r}")

    # -- header block -------------------------------------------------------
    def header_row(self, r: int, row: list[str], goal_cols: list[tuple[int, str]]) -> list[tuple[int, str]]:
        cells = [(c, v.strip()) for c, v in enumerate(row) if v.strip()]
        labels = {c: _header_key(v) or self.bracketed_amount(v) for c, v in cells}
        if goal_cols and not any(labels.values()):
            self.goal_texts(r, cells, goal_cols)
            return []
        new_goals: list[tuple[int, str]] = []
        i = 0
        while i < len(cells):
            c, text = cells[i]
            label = labels[c]
            if label is None:
                self.unmapped(r, c, text)
                i += 1
                continue
            kind, key = label
            value = ""
            if kind == "field" and i + 1 < len(cells) and labels[cells[i + 1][0]] is None:
                value = cells[i + 1][1]
                i += 1
            i += 1
            if kind == "panel":
                self.panel_marks.append((c, key))
            elif kind == "unit":
                self.funds_unit = key
            elif kind == "goal":
                new_goals.append((c, key))
                m = _PERIOD.search(normalise(text))
                if key == "total" and m:
                    self.goals["total_period"] = re.sub(r"\s+", "", m.group(1))
            elif kind == "field":
                self.set_field(r, c, key, value)
        return new_goals

    def bracketed_amount(self, cell: str) -> tuple[str, str] | None:
        """An amount label carrying its unit, ``总预算(万元)``: the label's field, and the unit noted."""
        m = _AMOUNT_UNIT.search(normalise(cell))
        if not m:
            return None
        label = _header_key(cell[: m.start()] if m.start() else _AMOUNT_UNIT.sub("", normalise(cell)))
        if label is None or label[0] != "field" or not label[1].startswith("funds."):
            return None
        self.funds_unit = m.group(1)
        return label

    def set_field(self, r: int, c: int, key: str, value: str) -> None:
        if key.startswith("funds."):
            name = key.removeprefix("funds.")
            if name == "other+annual_other":
                name = "other" if self.other_seen == 0 else "annual_other"
                self.other_seen += 1
            if not value:
                self.funds.setdefault(name, None)
                return
            amount = to_decimal(value)
            if amount is None:
                self.problem(r, c + 1, f"funds.{name}", f"not an amount: {value!r}")
                return
            self.funds[name] = amount
        elif key in ("start_date", "end_date"):
            if value:
                parsed = parse_date(value)
                if parsed is None:
                    self.problem(r, c + 1, key, f"not a date: {value!r} (expected YYYY-MM-DD)")
                else:
                    self.fields[key] = parsed
        elif key == "category" and squeeze(value) in _form_vocab()["classes"]:  # newer 申报表: 项目类别 as text
            self.fields["project_class"] = _form_vocab()["classes"][squeeze(value)]
        elif key == "attribute":
            attribute, err = _ticked(value, _form_vocab()["attributes"], "项目属性")
            if err or (value.strip() and attribute is None):
                self.problem(r, c + 1, key, err or f"not a 项目属性: {value!r}")
            if attribute:
                self.fields[key] = attribute
        elif key == "category":
            cat, err = _category(value)
            if err:
                self.problem(r, c + 1, key, err)
            if cat:
                self.fields[key] = cat
        else:
            self.fields[key] = value

    def goal_texts(self, r: int, cells: list[tuple[int, str]], goal_cols: list[tuple[int, str]]) -> None:
        if len(cells) == len(goal_cols):
            pairs = zip(cells, goal_cols)
        else:  # fewer texts than headers: give each text to the header nearest its column
            pairs = ((cell, min(goal_cols, key=lambda g: abs(g[0] - cell[0]))) for cell in cells)
        for (c, text), (_gc, key) in pairs:
            if key in self.goals and key != "total_period":
                self.goals[key] += "\n" + text
            else:
                self.goals[key] = text

    # -- indicator block ----------------------------------------------------
    def indicator_row(self, r: int, row: list[str], state: dict[str, Any]) -> None:
        cells = [(c, v.strip()) for c, v in enumerate(row) if v.strip()]
        markers = vocabulary().section_markers | vocabulary().indicator_headers
        cells = [(c, v) for c, v in cells if squeeze(v) not in markers]
        if not cells:
            return
        # Leading cells that are tier labels. A label-like cell among the last two is the
        # 三级 name (with its value) unless the row holds nothing but labels.
        while cells:
            text = cells[0][1]
            m1, m2 = match_label(text, 1), match_label(text, 2)
            if not (m1 or m2):
                break
            if len(cells) == 2 and not (match_label(cells[1][1], 1) or match_label(cells[1][1], 2)):
                break
            if m1 and m2:  # 成本指标: a 一级 under 101号, a 二级 under 产出 in older forms
                nxt = match_label(cells[1][1], 2) if len(cells) > 1 else None
                if nxt and nxt.parent == m1.name:
                    m2 = None
                elif state.get("level1") == m2.parent:
                    m1 = None
                else:
                    m2 = None
            if m1:
                self.set_tier(state, 1, m1, text)
            elif m2:
                self.set_tier(state, 2, m2, text)
            cells = cells[1:]
        if not cells:
            return
        if len(cells) > 2:
            for c, text in cells[1:-1]:
                self.unmapped(r, c, text)
            cells = [cells[0], cells[-1]]
        if not state.get("level2"):
            self.problem(r, cells[0][0], "indicators", f"indicator {cells[0][1]!r} has no 二级指标 before it")
            return
        name = cells[0][1]
        target: Target | None = parse_value(cells[1][1]) if len(cells) == 2 else None
        published = {k: v for k, v in (("level1", state.get("level1_label")), ("level2", state.get("level2_label"))) if v}
        long_term = None
        if state.get("block") == "long":
            target, long_term = None, target
        self.add_indicator(
            r, level1=state["level1"], level2=state["level2"], name=name, target=target, long_term_target=long_term, published=published or None
        )

    def add_indicator(self, r: int, **fields: Any) -> None:
        """Append one indicator (fields as in ``Indicator``; None values left out)."""
        try:
            self.indicators.append(Indicator(**{k: v for k, v in fields.items() if v is not None or k == "target"}))
        except ValidationError as exc:
            self.problem(r, 0, "indicators", f"indicator {fields.get('name')!r}: {exc.errors()[0]['msg']}")

    def merge_blocks(self) -> None:
        """长期 and 年度 blocks naming the same indicator become one indicator with both targets."""
        annual = {(i.level2, i.name): i for i in self.indicators if i.long_term_target is None}
        kept = []
        for ind in self.indicators:
            twin = annual.get((ind.level2, ind.name))
            if ind.target is None and ind.long_term_target is not None and twin is not None and twin is not ind:
                twin.long_term_target = ind.long_term_target
                continue
            kept.append(ind)
        self.indicators = kept

    def set_tier(self, state: dict[str, Any], tier: int, match: LabelMatch, text: str) -> None:
        shown = text if squeeze(text) != match.name else None
        if tier == 1:
            state.update(level1=match.name, level1_label=shown, level2=None, level2_label=None)
        else:
            if state.get("level1") != match.parent:
                state.update(level1=match.parent, level1_label=None)
            state.update(level2=match.name, level2_label=shown)


def _remove_control_characters(reader: _Reader) -> None:
    """Cells with characters no published format can carry (NUL, U+000B…) are cleaned, with a warning.

    Word's vertical tab and form feed are line breaks there; the rest are dropped.
    """
    for r, row in enumerate(reader.table.rows):
        for c, cell in enumerate(row):
            if CONTROL_CHARACTERS.search(cell):
                row[c] = CONTROL_CHARACTERS.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else "", cell)
                reader.problem(r, c, "", f"control characters removed: {row[c][:60]!r}", "warning")


def read_form(table: Table) -> FormResult:
    """Read the header, funds, goals and indicator tree of one table."""
    reader = _Reader(table)
    _remove_control_characters(reader)
    in_indicators = False
    goal_cols: list[tuple[int, str]] = []
    state: dict[str, Any] = {}
    layout: ColumnLayout | None = None
    for r, row in enumerate(table.rows):
        marks = _panel_row(row)
        if len(marks) == 1:  # a 长期 / 年度 block title: the rows below hold that block
            reader.blocks = True
            state.update(block=marks[0][1], level1=None, level2=None, level1_label=None, level2_label=None)
            continue
        if marks:  # 实施周期 / 当年度 panel heads over the indicator header
            reader.panel_marks = marks
            continue
        if _is_indicator_header(row):
            if not in_indicators or reader.blocks:
                layout = column_layout(row, reader.panel_marks)
            in_indicators = True
            if layout is None:
                reader.indicator_row(r, row, state)
            continue
        if in_indicators and layout is not None:
            column_row(reader, r, row, layout, state)
        elif in_indicators:
            reader.indicator_row(r, row, state)
        else:
            found = reader.header_row(r, row, goal_cols)
            if found:
                goal_cols = found
            elif any(v.strip() for v in row) and goal_cols and all(_header_key(v) for v in row if v.strip()):
                goal_cols = []
    fields = dict(reader.fields)
    fields["funds"] = Funds(**reader.funds, source_unit="万元")
    if reader.funds_unit == "元":
        fields["funds"] = Funds(
            **{k: (None if v is None else (v / Decimal(10000))) for k, v in reader.funds.items()}, source_unit="元"
        )
    fields["goals"] = Goals(**reader.goals)
    if reader.blocks:
        reader.merge_blocks()
    fields["indicators"] = reader.indicators
    if table.title and table_type(table.title) != "申报表":
        fields["table_type"] = table_type(table.title)
    if table.title and title_region(table.title):
        fields["region"] = title_region(table.title)
    if table.year is None and isinstance(fields.get("start_date"), date):
        table.year = fields["start_date"].year
    fields["year"] = table.year
    return FormResult(fields, reader.problems)
