"""Any project that loads can be checked and reported without an exception (rules only report)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check import check_projects, quality_report, write_quality_pages
from generator.load import Loaded
from generator.schema import Funds, Goals, Indicator, Project
from generator.values import parse_value
from generator.yamlio import dump_project

NAMES = ["完成率", "人数", "满意度", "及时性", "发生数", "成本", "增长率", "提升度", "数量指标", "无", "金额", "投诉率", "覆盖率", "次数", "指数"]
VALUES = ["≥0.00(%)", "=2.00(名)", "提升", "44561", "85%", "≤-1(万元)", "约100-200人/场", "=292.00(%)", "/", "达标", "≥85.00(%)", "10", "12月底前", "", "=0(起)", ">=5万人"]
LEVELS = [("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"), ("成本指标", "经济成本指标"),
          ("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标"), ("效果", "未知指标"), ("产出指标", "成本指标")]

amount = st.one_of(st.none(), st.decimals(min_value=-10, max_value=2_000_000, places=2, allow_nan=False, allow_infinity=False))
indicator = st.builds(
    lambda lv, a, b, v, d: Indicator(level1=lv[0], level2=lv[1], name=a + b, target=parse_value(v) if v else None, direction=d),
    st.sampled_from(LEVELS), st.sampled_from(NAMES), st.sampled_from(NAMES), st.sampled_from(VALUES), st.sampled_from([None, "正向", "反向"]),
)
project = st.builds(
    lambda ys, inds, funds, goals, dates: Project(
        id="2023-fuzz", year=ys, name="项目<b>", department="部门", implementer="单位",
        start_date=dates[0], end_date=dates[1], indicators=inds,
        funds=Funds(**dict(zip(("total", "fiscal", "other", "annual_total", "annual_fiscal", "annual_carryover", "annual_other"), funds))),
        goals=Goals(total=goals[0], annual=goals[1]),
    ),
    st.integers(2015, 2030), st.lists(indicator, max_size=12), st.tuples(*[amount] * 7),
    st.tuples(st.sampled_from([None, "", "目标"]), st.sampled_from([None, "", "目标", "年度"])),
    st.tuples(st.dates(date(2014, 1, 1), date(2031, 12, 31)), st.dates(date(2014, 1, 1), date(2031, 12, 31))),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(project)
def test_any_project_checks_and_renders(tmp_path: Path, p: Project) -> None:
    text = dump_project(p)
    item = Loaded(p, Path("x.yaml"), text)
    findings = check_projects([item], base=Path("."))
    assert all(f.rule and f.line >= 1 and f.column >= 1 for f in findings)
    write_quality_pages(quality_report([item], findings, base=Path(".")), tmp_path)
