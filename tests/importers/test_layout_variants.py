"""Other regions' text layouts (domain.md §4): each case folder holds input.txt and the expected YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importers import import_file
from generator.yamlio import dump_project

CASES = Path(__file__).resolve().parent.parent / "cases" / "importers" / "variants"


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_variant(case: str, golden) -> None:
    result = import_file(CASES / case / "input.txt")
    assert [p.format_text() for p in result.problems] == []
    golden(CASES / case / "expected.yaml", "---\n".join(dump_project(p) for p in result.projects))


def test_variants_cover_the_model_additions() -> None:
    """The case set exercises every field the other layouts add (so none can silently stop being read)."""
    projects = [p for case in CASES.iterdir() for p in import_file(case / "input.txt").projects]
    indicators = [i for p in projects for i in p.indicators]
    assert any(i.long_term_target for i in indicators)
    assert any(i.weight is not None for i in indicators)
    assert any(i.direction == "反向" for i in indicators)
    assert any(i.explanation for i in indicators) and any(i.standard for i in indicators)
    assert any(i.level1 == "成本指标" and i.level2 == "社会成本指标" for i in indicators)
    assert any(i.target and i.target.operator is None and i.target.number is not None for i in indicators)
    assert {p.table_type for p in projects} >= {"申报表", "批复表"}
    assert any(p.funds.source_unit == "元" for p in projects)
    assert any(p.attribute == "新增项目" for p in projects)  # 项目属性 ticked with √
    assert any(str(p.start_date) == "2022-01-01" for p in projects)  # from the Excel serial 44562
