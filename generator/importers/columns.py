"""Indicator blocks whose header names separate columns (other regions' layouts).

The seed layout has only 一级/二级/三级/年度指标值 and its cells shift freely, so
``form`` reads it by position-free label matching. Tables from other regions
carry more columns (指标性质, 计量单位, 分值, 指标方向, 指标解释, 绩效标准,
实施期指标值), sometimes twice side by side (实施周期 vs 当年度 panels). For
those, the header row decides what each column means: a cell belongs to the
nearest header at or left of its column (merged header cells span to the right).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.importers.layout import cached_label as match_label
from generator.importers.layout import layout_vocab, lookup
from generator.importers.layout import sq as squeeze
from generator.labels import vocabulary
from generator.schema import Target
from generator.values import parse_value, to_decimal

BASIC = frozenset({"level1", "level2", "name", "target"})


@dataclass
class ColumnLayout:
    """Header columns → (role, panel); ``kinds[p]`` is ``long`` or ``annual``."""

    cols: list[tuple[int, str, int]]
    kinds: list[str] = field(default_factory=lambda: ["annual"])

    def at(self, col: int) -> tuple[str, int] | None:
        """Role and panel of a data cell: the nearest header at or left of it."""
        best = None
        for c, role, panel in self.cols:
            if c <= col:
                best = (role, panel)
        return best


def column_layout(header: list[str], panel_marks: list[tuple[int, str]]) -> ColumnLayout | None:
    """A layout when the header names more than the seed's four columns, else None."""
    vocab = layout_vocab()
    found = [(c, lookup(vocab["columns"], v)) for c, v in enumerate(header) if v.strip()]
    found = [(c, role) for c, role in found if role]
    roles = [role for _c, role in found]
    if set(roles) <= BASIC and roles.count("name") <= 1:
        return None
    cols: list[tuple[int, str, int]] = []
    panel, seen = 0, set()
    for c, role in found:
        if role in ("level2", "name") and role in seen:  # a repeated column starts the next panel
            panel, seen = panel + 1, set()
        seen.add(role)
        cols.append((c, role, panel))
    kinds = _panel_kinds(cols, panel + 1, panel_marks)
    return ColumnLayout(cols, kinds)


def _panel_kinds(cols: list[tuple[int, str, int]], count: int, marks: list[tuple[int, str]]) -> list[str]:
    """实施周期 (long) or 当年度 (annual) per panel: the panel head nearest its first column.

    Without heads, the left panel is the multi-year one, as in published tables.
    """
    if count == 1:
        return ["annual"]
    if not marks:
        return ["long"] + ["annual"] * (count - 1)
    starts = [min(c for c, _r, p in cols if p == i) for i in range(count)]
    return [min(marks, key=lambda m: abs(m[0] - start))[1] for start in starts]


def _direction(text: str) -> str:
    """``正向指标`` → 正向: the word before an optional 指标 / 型 suffix."""
    word = squeeze(text)
    return word[:2] if word[:2] in layout_vocab()["directions"] and len(word) <= 4 else text.strip()


def compose_target(value: str, nature: str, unit: str) -> tuple[Target | None, str | None, str | None]:
    """(target, direction, error) from 指标值 + 指标性质 + 计量单位 cells.

    The composed text is ``≥85(%)``-style, the Shanghai merged notation, so the
    same indicator reads the same whatever the layout it came from.
    """
    vocab = layout_vocab()
    direction = None
    op = None
    nat = squeeze(nature)
    if nat:
        if _direction(nature) in vocab["directions"]:
            direction = _direction(nature)
        elif nat in vocab["operators"]:
            op = vocab["operators"][nat]
        elif nat not in vocab["qualitative"]:
            return None, None, f"指标性质 not understood: {nature!r}"
    value, unit = value.strip(), unit.strip()
    if not value:
        return None, direction, None
    if op is None and not unit:
        return parse_value(value), direction, None
    text = f"{op or ''}{value}" + (f"({unit})" if unit else "")
    return parse_value(text), direction, None


def column_row(reader: Any, r: int, row: list[str], layout: ColumnLayout, state: dict[str, Any]) -> None:
    """Read one indicator row by header columns; one indicator per panel with a name."""
    markers = vocabulary().section_markers | vocabulary().indicator_headers
    vocab = layout_vocab()
    panels: dict[int, dict[str, tuple[int, str]]] = {}
    for c, text in enumerate(row):
        text = text.strip()
        if not text or squeeze(text) in markers or lookup(vocab["columns"], text):
            continue
        where = layout.at(c)
        if where is None:
            m1 = match_label(text, 1)
            if m1:
                reader.set_tier(state, 1, m1, text)
            else:
                reader.unmapped(r, c, text)
            continue
        role, panel = where
        cells = panels.setdefault(panel, {})
        if role in cells:  # a second cell under one header: glued neighbours, keep both visible
            reader.unmapped(r, c, text)
            continue
        cells[role] = (c, text)
    entries = []
    for panel in sorted(panels):
        cells = panels[panel]
        pstate = state if panel == 0 else state.setdefault("panels", {}).setdefault(
            panel, {"level1": state.get("level1"), "level1_label": state.get("level1_label")}
        )
        for tier, role in ((1, "level1"), (2, "level2")):
            if role in cells:
                c, text = cells[role]
                match = match_label(text, tier) or match_label(text, 3 - tier)  # type: ignore[arg-type]
                if match is None:
                    reader.problem(r, c, "indicators", f"unknown {'一级' if tier == 1 else '二级'}指标 label {text!r}")
                    continue
                reader.set_tier(pstate, match.tier, match, text)
                if match.tier == 1 and panel == 0:
                    for other in state.get("panels", {}).values():
                        other.update(level1=match.name, level1_label=state.get("level1_label"), level2=None, level2_label=None)
        if "name" not in cells:
            for role, (c, text) in cells.items():
                if role not in ("level1", "level2"):
                    reader.unmapped(r, c, text)
            continue
        kind = state["block"] if len(layout.kinds) == 1 and state.get("block") else layout.kinds[panel]
        entries.append(_entry(reader, r, cells, kind, pstate))
    _emit(reader, r, [e for e in entries if e])


def _entry(reader: Any, r: int, cells: dict[str, tuple[int, str]], kind: str, pstate: dict[str, Any]) -> dict[str, Any] | None:
    get = lambda role: cells.get(role, (0, ""))[1]  # noqa: E731
    c_name, name = cells["name"]
    if not pstate.get("level2"):
        reader.problem(r, c_name, "indicators", f"indicator {name!r} has no 二级指标 before it")
        return None
    target, direction, error = compose_target(get("target"), get("nature"), get("unit"))
    if error:
        reader.problem(r, cells["nature"][0], "indicators", error)
    long_text = get("long_term_target")
    long_term = parse_value(long_text) if long_text else None
    if kind == "long" and long_term is None:
        target, long_term = None, target
    published = {k: v for k, v in (("level1", pstate.get("level1_label")), ("level2", pstate.get("level2_label"))) if v}
    entry: dict[str, Any] = {
        "level1": pstate["level1"], "level2": pstate["level2"], "name": name, "target": target,
        "long_term_target": long_term, "published": published or None, "direction": direction,
    }
    if get("direction"):
        direction = _direction(get("direction"))
        if direction not in layout_vocab()["directions"]:
            reader.problem(r, cells["direction"][0], "indicators", f"指标方向 not 正向/反向: {direction!r}")
            direction = None
        entry["direction"] = direction
    if get("weight"):
        weight = to_decimal(get("weight").strip().rstrip("分%"))
        if weight is None:
            reader.problem(r, cells["weight"][0], "indicators", f"分值 is not a number: {get('weight')!r}")
        entry["weight"] = weight
    for role in ("explanation", "standard"):
        if get(role):
            entry[role] = get(role)
    return entry


def _emit(reader: Any, r: int, entries: list[dict[str, Any]]) -> None:
    """Two panels naming the same indicator become one indicator with both targets."""
    if len(entries) == 2 and entries[0]["name"] == entries[1]["name"]:
        long_e, annual_e = sorted(entries, key=lambda e: e["target"] is not None)
        merged = dict(long_e)
        merged.update({k: v for k, v in annual_e.items() if v is not None})
        merged["long_term_target"] = long_e["long_term_target"] or annual_e["long_term_target"]
        entries = [merged]
    for entry in entries:
        reader.add_indicator(r, **entry)


__all__ = ["ColumnLayout", "column_layout", "column_row", "compose_target"]
