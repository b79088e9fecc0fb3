"""The flat export layout: one row per indicator, many projects in one sheet.

Budget-integration (一体化) systems export targets this way, with columns such as
单位名称, 项目名称, 预算数(元), 年度目标, 一级/二级/三级指标, 指标性质, 指标值, 度量单位,
权重, 指标方向性 (header names vary; ``data/vocabulary.yaml`` maps them). Each
project's rows are rearranged into the form layout and read by ``form.read_form``,
so this layout shares the one mapping to the model. Project cells left empty on a
project's later rows (merged cells) are filled down. Amounts keep the unit of
their header (``预算数(元)``) or of a ``单位：元`` note above it; 元 is converted.
"""

from __future__ import annotations

import re
from typing import Any

from generator.export.form_labels import export_vocab
from generator.importers.form import Table
from generator.importers.layout import is_title, layout_vocab, lookup, refusal
from generator.importers.pdf_cells import vocab as pdf_vocab
from generator.labels import squeeze
from generator.problems import Problem

_UNIT = re.compile(r"[(（]\s*(万元|元)\s*[)）]")
_NOTE = re.compile(r"单位\s*[:：]\s*(万元|元)")
_YEAR = re.compile(r"(\d{4})\s*年度?")
PROJECT_KEYS = ("year", "department", "implementer", "name")
FILL_DOWN = ("year", "department", "implementer")  # cells often merged over a unit's projects


def column_map(row: list[str]) -> dict[int, tuple[str, str | None]]:
    """Column → (field or ``ind.<role>``, unit in brackets) for a header row."""
    vocab = layout_vocab()
    out: dict[int, tuple[str, str | None]] = {}
    for c, cell in enumerate(row):
        if not cell.strip():
            continue
        unit = _UNIT.search(cell)
        fld = lookup(vocab["flat"], cell)
        if fld is None:
            role = lookup(vocab["columns"], cell)
            fld = f"ind.{role}" if role else None
        if fld:
            out[c] = (fld, unit.group(1) if unit else None)
    return out


def find_header(rows: list[list[str]], limit: int = 15) -> tuple[int, list[str]] | None:
    """(index, cells) of the flat header: it names the project and the 三级 indicator.

    A two-row header (project columns above, 一级/二级/三级 under a merged 绩效指标
    cell) is combined into one row and reported at the index of its lower row.
    """
    def fields(row: list[str]) -> set[str]:
        return {f for f, _u in column_map(row).values()}

    for i, row in enumerate(rows[:limit]):
        found = fields(row)
        if "name" in found and "ind.name" in found:
            return i, row
        if "name" in found and i + 1 < len(rows) and "ind.name" in fields(rows[i + 1]):
            below = rows[i + 1]
            width = max(len(row), len(below))
            pad = lambda r: r + [""] * (width - len(r))  # noqa: E731
            return i + 1, [b if b.strip() else a for a, b in zip(pad(row), pad(below))]
    return None


def read_flat(
    rows: list[list[str]], header: int, source: str, first_number: int, lines: list[int]
) -> tuple[list[Table], list[Problem]]:
    """Project tables (in the form layout) from a flat sheet whose header is ``rows[header]``."""
    problems: list[Problem] = []
    cmap = column_map(rows[header])
    above = [c for row in rows[:header] for c in row if c.strip()]
    title = next((c for c in above if is_title(c)), "")
    reason = refusal([rows[header]], title)
    if reason:
        return [], [Problem(source, lines[header], 1, f"table {first_number}", f"not imported: {reason}", rule="refused")]
    unit = _money_unit(cmap, above)
    if unit is None:
        unit = "元"
        problems.append(Problem(source, lines[header], 1, "funds", "amount unit not stated (no (元)/(万元) header or 单位 note); assumed 元", "warning"))
    year_above = next((int(m.group(1)) for c in above for m in [_YEAR.search(c)] if m), None)
    private = pdf_vocab()["private"]
    for c, cell in enumerate(rows[header]):
        if cell.strip() and c not in cmap and squeeze(cell) in private:
            problems.append(Problem(source, lines[header], c + 1, "", f"{cell}: personal contact column, not imported", "info"))
        elif cell.strip() and c not in cmap:
            filled = [r for r in rows[header + 1:] if c < len(r) and r[c].strip()]
            problems.append(
                Problem(source, lines[header], c + 1, "", f"column not mapped to any field: {cell!r} ({len(filled)} non-empty cell(s))")
            )
    groups: dict[tuple[str, ...], list[int]] = {}
    carried: dict[str, str] = {}
    project_cols = {c: f for c, (f, _u) in cmap.items() if not f.startswith("ind.")}
    values: dict[tuple[str, ...], dict[str, str]] = {}
    for i in range(header + 1, len(rows)):
        row = rows[i]
        if not any(v.strip() for v in row):
            continue
        get = {f: (row[c].strip() if c < len(row) else "") for c, f in project_cols.items()}
        if get.get("name"):  # a new project; year and units may be merged over several projects
            carried = {f: v or (carried.get(f, "") if f in FILL_DOWN else "") for f, v in get.items()}
        else:
            carried.update({f: v for f, v in get.items() if v})
        key = tuple(carried.get(k, "") for k in PROJECT_KEYS)
        groups.setdefault(key, []).append(i)
        first = values.setdefault(key, dict(carried))
        for c, f in project_cols.items():
            if get[f] and get[f] != first.get(f):  # a project cell that contradicts the project's first row
                problems.append(
                    Problem(source, lines[i], c + 1, f, f"differs from the project's first row ({first.get(f)!r}): {get[f]!r}")
                )
    tables = []
    for n, (key, members) in enumerate(groups.items()):
        table = _form_table(rows, cmap, values[key], members, unit, lines)
        table.number, table.source, table.title = first_number + n, source, title
        year = values[key].get("year", "")
        table.year = int(year[:4]) if year[:4].isdigit() else year_above
        tables.append(table)
    return tables, problems


def _money_unit(cmap: dict[int, tuple[str, str | None]], above: list[str]) -> str | None:
    units = {u for f, u in cmap.values() if f.startswith("funds.") and u}
    if len(units) == 1:
        return units.pop()
    for cell in above:
        m = _NOTE.search(cell)
        if m:
            return m.group(1)
    return None


def _form_table(
    rows: list[list[str]], cmap: dict[int, tuple[str, str | None]], vals: dict[str, str], members: list[int], unit: str, lines: list[int]
) -> Table:
    """The project's rows rearranged into the form layout read by ``read_form``."""
    lab = export_vocab()["form"]
    col_of = {f: c for c, (f, _u) in cmap.items()}
    v = lambda f: vals.get(f, "")  # noqa: E731
    grid: list[list[str]] = []
    cols: list[list[int]] = []

    def add(cells: list[tuple[str, str | None]]) -> None:
        grid.append([text for text, _f in cells])
        cols.append([col_of.get(f, 0) if f else 0 for _t, f in cells])

    add([(lab["name"], None), (v("name"), "name"), (lab["category"], None), (v("category"), "category")])
    if "attribute" in col_of:
        add([(lab["attribute"], None), (v("attribute"), "attribute")])
    add([(lab["department"], None), (v("department") or v("implementer"), "department"), (lab["implementer"], None), (v("implementer"), "implementer")])
    add([(lab["start_date"], None), (v("start_date"), "start_date"), (lab["end_date"], None), (v("end_date"), "end_date")])
    f = lambda k: (v(f"funds.{k}"), f"funds.{k}")  # noqa: E731
    add([(lab["funds"].format(unit=unit), None), (lab["total"], None), f("total"), (lab["annual_total"], None), f("annual_total")])
    add([("", None), (lab["fiscal"], None), f("fiscal"), (lab["annual_fiscal"], None), f("annual_fiscal")])
    add([("", None), ("", None), ("", None), (lab["annual_carryover"], None), f("annual_carryover")])
    add([("", None), (lab["other"], None), f("other"), (lab["annual_other"], None), f("annual_other")])
    period = v("goals.total_period")
    add([(lab["goals"], None), (lab["goal_total"] + (f" ({period})" if period else ""), "goals.total_period"), (lab["goal_annual"], None)])
    add([("", None), (v("goals.total"), "goals.total"), (v("goals.annual"), "goals.annual")])
    ind_cols = [(c, f) for c, (f, _u) in sorted(cmap.items()) if f.startswith("ind.")]
    canon = _canonical_headers()
    add([(canon[f.removeprefix("ind.")], f) for _c, f in ind_cols])
    head_line = lines[members[0]]
    out_lines = [head_line] * len(grid)
    for i in members:
        row = rows[i]
        add([((row[c].strip() if c < len(row) else ""), f) for c, f in ind_cols])
        out_lines.append(lines[i])
    return Table(rows=grid, number=0, source="", lines=out_lines, columns=cols)


def _canonical_headers() -> dict[str, Any]:
    """One header label per indicator role, as ``read_form`` recognises it."""
    out: dict[str, str] = {}
    for label, role in layout_vocab()["columns"].items():
        out.setdefault(role, label)
    return out
