"""Table type: recognise tables that are not project target tables so importers can refuse them."""

from __future__ import annotations

from generator.check.words import data, fold

_REASONS = {
    "自评表": "this is a 自评表 (self-evaluation, with 实际完成值/得分 columns), not a target table; import the 绩效目标表 instead",
    "整体支出": "this is a 部门整体支出 target table (部门职责, no single project); only project target tables are imported",
}


def classify_table(header_cells: list[str]) -> str | None:
    """``自评表`` or ``整体支出`` when the header cells show that kind of table, else None (a target table)."""
    cells = [fold(c) for c in header_cells if c]
    for kind, markers in data()["table_types"].items():
        if any(fold(m) in cell for cell in cells for m in markers):
            return kind
    return None


def refusal_reason(kind: str) -> str:
    """The message an importer shows when it refuses a table of ``kind``."""
    return _REASONS.get(kind, f"this is a {kind}, not a project target table")
