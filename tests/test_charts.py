"""Charts: well-formed SVG with role, <title> and <desc>; fallback tables agree with the data."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest

from generator.charts import Chart, funds_by_category, funds_trend, site_charts, write_charts
from generator.compare import department_trend
from generator.load import load_projects
from generator.schema import Project

S = "{http://www.w3.org/2000/svg}"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def projects() -> list[Project]:
    result = load_projects(ROOT / "content")
    extra = load_projects(ROOT / "tests" / "cases" / "multiyear")
    assert not result.problems and not extra.problems
    return result.projects + extra.projects


def check_svg(chart: Chart) -> ET.Element:
    root = ET.fromstring(chart.svg)
    assert root.tag == f"{S}svg" and root.get("role") == "img"
    assert [child.tag for child in root[:2]] == [f"{S}title", f"{S}desc"]
    assert root[0].text == chart.title and root[1].text == chart.desc
    assert root.get("aria-labelledby") == f"{root[0].get('id')} {root[1].get('id')}"
    assert "viewBox" in root.attrib
    return root


def test_every_site_chart_is_valid_svg_with_a_row_per_table_row(projects: list[Project]) -> None:
    charts = site_charts(projects)
    assert [c.id for c in charts] == ["funds_by_department", "funds_by_category", "indicator_mix", "quantified_share"]
    for chart in charts:
        root = check_svg(chart)
        groups = root.findall(f"{S}g")
        assert len(groups) == len(chart.rows) > 0
        assert all(len(row) == len(chart.columns) for row in chart.rows)
        assert all(g.find(f"{S}title").text.startswith(row[0]) for g, row in zip(groups, chart.rows))


def test_fund_tables_sum_the_data(projects: list[Project]) -> None:
    by_department = site_charts(projects)[0]
    rows = {row[0]: row for row in by_department.rows}
    assert rows["测试部门甲"][1:] == ["341.00", "3"]  # 100 + 120.5 + 120.5
    total = sum((p.funds.total or Decimal(0) for p in projects), Decimal(0))
    assert sum(Decimal(row[1]) for row in by_department.rows) == total
    assert [Decimal(r[1]) for r in by_department.rows] == sorted((Decimal(r[1]) for r in by_department.rows), reverse=True)
    assert {row[0] for row in funds_by_category(projects).rows} == {"经常性项目", "一次性项目"}


def test_indicator_mix_and_quantified_share_count_indicators(projects: list[Project]) -> None:
    _, _, mix, share = site_charts(projects)
    assert sum(int(row[2]) for row in mix.rows) == sum(len(p.indicators) for p in projects)
    dept = [p for p in projects if p.department == "测试部门甲"]
    quantified = sum(1 for p in dept for i in p.indicators if i.target and i.target.number is not None)
    row = next(r for r in share.rows if r[0] == "测试部门甲")
    assert (int(row[1]), int(row[1]) + int(row[2])) == (quantified, sum(len(p.indicators) for p in dept))
    assert row[3] == f"{Decimal(quantified * 100) / (int(row[1]) + int(row[2])):.1f}"


def test_text_is_escaped(projects: list[Project]) -> None:
    odd = projects[0].model_copy(update={"department": '<script>alert("x")</script> & 部门', "category": None})
    chart = site_charts([odd])[0]
    assert "<script>" not in chart.svg
    root = check_svg(chart)
    assert root.find(f"{S}g/{S}title").text.startswith('<script>alert("x")</script> & 部门')
    assert check_svg(funds_by_category([odd])).find(f"{S}g/{S}title").text.startswith("未填")


def test_empty_input_and_trend(tmp_path: Path, projects: list[Project]) -> None:
    for chart in site_charts([]):
        assert check_svg(chart) is not None and chart.rows == []
    trend = funds_trend("测试部门甲", department_trend(projects)["测试部门甲"])
    check_svg(trend)
    assert trend.rows == [["2022", "100.00", "1"], ["2023", "120.50", "1"], ["2024", "120.50", "1"]]
    assert "2022年至2024年" in trend.desc
    write_charts([trend], tmp_path)
    assert ET.parse(tmp_path / "funds_trend.svg").getroot().find(f"{S}title").text == trend.title
