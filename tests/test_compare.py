"""Year-over-year comparison on the invented multi-year fixture (tests/cases/multiyear)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from generator.compare import compare, department_trend, other_years, previous, series
from generator.load import load_projects
from generator.schema import Project

CASES = Path(__file__).resolve().parent / "cases" / "multiyear"


@pytest.fixture(scope="module")
def projects() -> dict[str, Project]:
    result = load_projects(CASES)
    assert not result.problems
    return {p.id: p for p in result.projects}


def test_series_groups_same_name_and_implementer_across_years(projects: dict[str, Project]) -> None:
    groups = series(projects.values())
    assert [[p.id for p in g] for g in groups.values()] == [["2022-zhi-gong-pei-xun", "2023-zhi-gong-pei-xun", "2024-zhi-gong-pei-xun"]]
    others = other_years(projects.values())
    assert [p.year for p in others["2023-zhi-gong-pei-xun"]] == [2022, 2024]
    assert "2023-she-bei-gou-zhi" not in others  # only one year


def test_same_name_other_implementer_is_another_project(projects: dict[str, Project]) -> None:
    clone = projects["2022-zhi-gong-pei-xun"].model_copy(update={"id": "2021-x", "year": 2021, "implementer": "别的单位"})
    assert [len(g) for g in series([*projects.values(), clone]).values()] == [3]


def test_compare_funds_and_indicators(projects: dict[str, Project]) -> None:
    result = compare(projects["2022-zhi-gong-pei-xun"], projects["2023-zhi-gong-pei-xun"])
    funds = {f.field: f for f in result.funds}
    assert (funds["total"].old, funds["total"].new, funds["total"].delta, funds["total"].percent) == (
        Decimal("100"), Decimal("120.5"), Decimal("20.5"), Decimal("20.5"))
    assert funds["other"].old is None and funds["other"].delta is None and funds["other"].new == Decimal("20.5")
    assert "annual_carryover" not in funds  # empty in both years
    assert [f.field for f in result.funds_changed] == ["total", "other", "annual_total", "annual_other"]
    assert [(c.old.target.text, c.new.target.text) for c in result.changed] == [("≥4500(名)", "≥5000(名)")]
    assert [i.name for i in result.added] == ["课程数", "技能提升"]
    assert [i.name for i in result.removed] == ["培训及时性"]
    assert result.unchanged == 1


def test_compare_next_year_changes_only_one_target(projects: dict[str, Project]) -> None:
    result = compare(projects["2023-zhi-gong-pei-xun"], projects["2024-zhi-gong-pei-xun"])
    assert [(c.new.name, c.old.target.text, c.new.target.text) for c in result.changed] == [("课程数", "=10(门)", "=12(门)")]
    assert result.added == result.removed == []
    assert [f.field for f in result.funds_changed] == ["fiscal", "other", "annual_fiscal", "annual_other"]


def test_duplicate_names_pair_in_order_and_whitespace_in_targets_is_ignored(projects: dict[str, Project]) -> None:
    base = projects["2024-zhi-gong-pei-xun"]
    first = base.indicators[0]
    twice = base.model_copy(update={"indicators": [first, first.model_copy(update={"target": first.target.model_copy(update={"text": "≥6000(名)"})})]})
    spaced = base.model_copy(update={"indicators": [first.model_copy(update={"target": first.target.model_copy(update={"text": "≥5000 (名)"})})]})
    result = compare(spaced, twice)
    assert result.unchanged == 1 and result.changed == [] and [i.target.text for i in result.added] == ["≥6000(名)"]


def test_previous_and_department_trend(projects: dict[str, Project]) -> None:
    others = other_years(projects.values())
    assert previous(projects["2024-zhi-gong-pei-xun"], others["2024-zhi-gong-pei-xun"]).id == "2023-zhi-gong-pei-xun"
    assert previous(projects["2022-zhi-gong-pei-xun"], others["2022-zhi-gong-pei-xun"]) is None
    trend = department_trend(projects.values())
    assert trend["测试部门甲"] == [(2022, Decimal("100"), 1), (2023, Decimal("120.5"), 1), (2024, Decimal("120.5"), 1)]
    assert trend["测试部门乙"] == [(2023, Decimal("50"), 1)]
