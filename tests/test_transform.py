"""View models: merged 一级/二级 cells, totals that keep empty cells empty, groups, 实施单位 sections and slugs."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.load import load_projects
from generator.schema import Project
from generator.transform import PAGE_KINDS, build_site, group_projects, indicator_rows, level_counts, project_view, sum_amounts

ROOT = Path(__file__).resolve().parent.parent


def make(pid: str = "2023-a", **fields: Any) -> Project:
    data: dict[str, Any] = {"id": pid, "year": 2023, "name": pid, "department": "部门", "implementer": "单位"}
    data.update(fields)
    return Project.model_validate(data)


def ind(level1: str, level2: str, name: str, target: str | None = "=1(个)", **extra: Any) -> dict[str, Any]:
    return {"level1": level1, "level2": level2, "name": name, "target": target, **extra}


def spans(rows, tier: str) -> list[int]:  # type: ignore[no-untyped-def]
    return [getattr(r, tier).rowspan if getattr(r, tier) else 0 for r in rows]


def test_group_labels_span_consecutive_runs_and_never_cross_a_level1_boundary() -> None:
    p = make(indicators=[
        ind("产出指标", "数量指标", "a"), ind("产出指标", "数量指标", "b"), ind("产出指标", "质量指标", "c"),
        ind("效益指标", "质量指标", "d"), ind("效益指标", "质量指标", "e"), ind("产出指标", "数量指标", "f"),
    ])
    rows = indicator_rows(p.indicators)
    assert [r.indicator.name for r in rows] == list("abcdef")
    assert spans(rows, "level1") == [3, 0, 0, 2, 0, 1]
    assert spans(rows, "level2") == [2, 0, 1, 2, 0, 1]


def test_published_labels_are_kept_once_per_group() -> None:
    p = make(indicators=[
        ind("满意度指标", "服务对象满意度指标", "a", published={"level2": "服务对象满"}),
        ind("满意度指标", "服务对象满意度指标", "b", published={"level2": "服务对象满"}),
        ind("满意度指标", "服务对象满意度指标", "c", published={"level2": "服务对象满意度指"}),
    ])
    rows = indicator_rows(p.indicators)
    assert rows[0].level2 is not None and rows[0].level2.published == ("服务对象满", "服务对象满意度指")
    assert rows[0].level1 is not None and rows[0].level1.published == ()


def test_sum_keeps_empty_empty_and_uses_decimal() -> None:
    assert sum_amounts([]) is None
    assert sum_amounts([None, None]) is None
    assert sum_amounts([Decimal("0.10"), None, Decimal("0.20")]) == Decimal("0.30")


def test_totals_and_headline_figures() -> None:
    site = build_site([
        make("2023-a", funds={"total": "1.10", "annual_total": None}, indicators=[ind("产出指标", "数量指标", "x")]),
        make("2023-b", funds={"total": "2.20"}, indicators=[ind("产出指标", "时效指标", "y", "及时"), ind("产出指标", "时效指标", "z", None)]),
    ])
    assert site.totals.projects == 2 and site.totals.indicators == 3
    assert site.totals.total == Decimal("3.30") and site.totals.annual_total is None
    assert site.quantitative_share == Decimal(1) / Decimal(2)  # z has no target: not counted


def test_groups_are_ordered_and_linked_back_from_projects() -> None:
    site = build_site([
        make("2022-z", year=2022, department="乙", category="一次性项目"),
        make("2023-b", department="甲", category=None),
        make("2023-a", department="甲", category="专项资金"),
    ])
    assert [v.project.id for v in site.projects] == ["2023-a", "2023-b", "2022-z"]
    assert [g.ref.key for g in site.groups["year"]] == ["2023", "2022"]
    assert [g.ref.key for g in site.groups["category"]] == ["专项资金", "一次性项目", None]
    assert [g.ref.path for g in site.groups["category"]][-1] == "categories/none/"
    jia = site.groups["department"][0]
    assert jia.ref.path == "departments/jia/" and [v.project.id for v in jia.projects] == ["2023-a", "2023-b"]
    assert site.projects[0].groups["department"] is jia.ref


def test_department_pages_hold_their_units_and_projects_link_to_the_unit_section() -> None:
    site = build_site([
        make("2023-c", department="甲", implementer="乙单位", funds={"total": "3.00"}),
        make("2023-a", department="甲", implementer="丙单位", funds={"total": "1.00"}),
        make("2022-b", year=2022, department="甲", implementer="丙单位", funds={"total": "2.00"}),
        make("2023-d", department="丁", implementer="丙单位"),
    ])
    ding, jia = site.groups["department"]  # by slug: ding < jia
    assert [u.ref.key for u in jia.units] == ["丙单位", "乙单位"] and len(ding.units) == 1  # bing < yi
    bing, yi = jia.units
    assert bing.ref.path == jia.ref.path == "departments/jia/" and bing.ref.anchor == "unit-bing-dan-wei"
    assert [v.project.id for v in bing.projects] == ["2023-a", "2022-b"] and bing.parent is jia.ref
    assert bing.totals.projects == 2 and bing.totals.total == Decimal("3.00")
    assert sum((u.projects for u in jia.units), ()) == tuple(sorted(jia.projects, key=lambda v: v.project.implementer != "丙单位"))
    assert next(v for v in site.projects if v.project.id == "2023-a").groups["implementer"] is bing.ref
    # one index row per department × unit, the unit's rows together; the same anchor on each page
    index = site.groups["implementer"]
    assert [(g.ref.key, g.parent.key if g.parent else None) for g in index] == [("丙单位", "丁"), ("丙单位", "甲"), ("乙单位", "甲")]
    assert index[0].ref.path == "departments/ding/" and index[0].ref.anchor == index[1].ref.anchor == "unit-bing-dan-wei"
    assert set(PAGE_KINDS) == set(site.groups) - {"implementer"}


def test_colliding_slugs_get_distinct_safe_paths() -> None:
    views = tuple(project_view(make(f"2023-{n}", department=d)) for n, d in enumerate(["ABC", "abc", "Ａｂｃ", "../../etc"]))
    paths = [g.ref.path for g in group_projects(views, "department")]
    assert len(set(paths)) == 4
    assert all(p.startswith("departments/") and ".." not in p and p.count("/") == 2 for p in paths)
    assert len({p.rsplit("-", 1)[0] for p in paths if "a-b-c" in p}) == 1  # same slug, hashed apart


def test_optional_columns_only_when_present() -> None:
    plain = project_view(make(indicators=[ind("产出指标", "数量指标", "x")]))
    assert plain.columns == ()
    rich = project_view(make(indicators=[ind("产出指标", "数量指标", "x", weight="10"), ind("产出指标", "数量指标", "y", direction="正向")]))
    assert rich.columns == ("weight", "direction")


def test_level_counts_follow_vocabulary_order() -> None:
    counts = level_counts([make(indicators=[
        ind("满意度指标", "服务对象满意度指标", "a"), ind("产出指标", "时效指标", "b"),
        ind("产出指标", "数量指标", "c"), ind("产出指标", "数量指标", "d"),
    ])])
    assert [(c.level1.text if c.level1 else None, c.level2, c.count) for c in counts] == [
        ("产出指标", "数量指标", 2), (None, "时效指标", 1), ("满意度指标", "服务对象满意度指标", 1)]
    assert [c.quantitative for c in counts] == [2, 1, 1]
    assert counts[0].level1 is not None and counts[0].level1.rowspan == 2


def test_seed_content_totals_match_the_yaml() -> None:
    projects = load_projects(ROOT / "content", ROOT).projects
    site = build_site(projects)
    assert site.totals.projects == len(projects)
    assert site.totals.total == sum(p.funds.total for p in projects if p.funds.total is not None)
    assert sum(g.totals.projects for g in site.groups["department"]) == len(projects)
    assert sum(g.totals.projects for g in site.groups["implementer"]) == len(projects)
    for view in site.projects:  # every row's group label is shown exactly once per run
        assert sum(spans(view.rows, "level1")) == len(view.rows) == sum(spans(view.rows, "level2"))
