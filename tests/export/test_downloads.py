"""``page_fixes``: what a project page adds so the browser makes its CSV and DOCX exactly.

The browser side (the same fixes applied by downloads.js, bytes compared with Python's) is
tests/browser/test_page_downloads.py; these check which values need a fix and how it is written.
"""

from __future__ import annotations

import json
from decimal import Decimal

from generator.export.downloads import fixes, page_fixes
from generator.schema import Funds, Goals, Indicator, Project, Target
from generator.values import parse_value


def _project(**update: object) -> Project:
    base = Project(
        id="p1", year=2024, name="项目", department="部门", implementer="单位",
        funds=Funds(total=Decimal("10.00"), fiscal=Decimal("10")),
        goals=Goals(total="第一行\n第二行", annual="年度"),
        indicators=[Indicator(level1="产出指标", level2="数量指标", name="人数", target=parse_value("≥5.00(人)"))],
    )
    return base.model_copy(update=update)


def _indicator(**update: object) -> Indicator:
    return Indicator(level1="产出指标", level2="数量指标", name="人数", target=parse_value("≥5.00(人)")).model_copy(update=update)


def test_what_the_page_shows_needs_no_fix(seed_projects: list[Project], multiyear: list[Project]) -> None:
    """Line breaks (shown as <br>), markup characters, 万元 with cents, parsed targets: all read from the page."""
    assert fixes(_project()) == {}
    assert page_fixes(_project()) == ""
    assert [p.id for p in multiyear if fixes(p)] == []
    # the seed's only fixes: 二级 labels printed truncated (服务对象满意度指) inside a merged cell
    seed = [fixes(p) for p in seed_projects]
    assert sum(map(bool, seed)) == 4
    assert {key for fix in seed for row in fix.get("i", {}).values() for key in row} | {key for fix in seed for key in fix} <= {"i", "shown2"}


def test_tabs_and_carriage_returns_are_fixed_with_the_exact_text() -> None:
    project = _project(name="a\tb", goals=Goals(total="一\r\n二", annual="年度\n目标"), region="区\t")
    assert fixes(project) == {"name": "a\tb", "goal_total": "一\r\n二", "region": "区\t"}
    row = _indicator(name="x\ry", explanation="说明\t", standard="标准\n二", target=parse_value("≥5\t(人)"))
    assert fixes(_project(indicators=[row])) == {"i": {"0": {"name": "x\ry", "text": "≥5\t(人)", "explanation": "说明\t"}}}


def test_labels_as_printed_are_fixed_per_row() -> None:
    rows = [_indicator(published={"level2": "数量指"}), _indicator(), _indicator(published={"level1": "产出指标", "level2": ""})]
    assert fixes(_project(indicators=rows)) == {"i": {"0": {"shown2": "数量指"}, "2": {"shown2": ""}}}


def test_amounts_the_page_rounds_or_converts_are_fixed_with_the_unit() -> None:
    cents = _project(funds=Funds(total=Decimal("1.234"), fiscal=Decimal("1.2")))
    assert fixes(cents) == {"unit": "万元", "funds": ["1.234", "1.20", "", "", "", "", ""]}
    yuan = _project(funds=Funds(total=Decimal("12.345678"), annual_total=Decimal("3"), source_unit="元"))
    assert fixes(yuan) == {"unit": "元", "funds": ["123456.78", "", "", "30000.00", "", "", ""]}
    assert fixes(_project(funds=Funds(total=Decimal("1234567"), other=Decimal("0.5")))) == {}


def test_stored_target_parts_unlike_the_parser_and_long_weights_are_fixed() -> None:
    rows = [
        _indicator(target=Target(text="约100人", number=Decimal("100"), unit="人")),
        _indicator(long_term_target=Target(text="=100(%)", operator="≥", number=Decimal("100.0"), unit="%")),
        _indicator(target=None, weight=Decimal("1234567890123456789012345678.9")),
        _indicator(target=Target(text=""), weight=Decimal("12.50")),
    ]
    assert fixes(_project(indicators=rows)) == {"i": {
        "0": {"op": "", "num": "100", "unit": "人"},
        "1": {"long_op": "≥", "long_num": "100", "long_unit": "%"},
        "2": {"weight_csv": "1234567890123456789012345678.9"},
    }}


def test_the_attribute_value_is_json_safe_in_single_quotes() -> None:
    project = _project(name="a\t'<b>&=\"", goals=Goals(total="x\r\ny"))
    value = page_fixes(project)
    assert not set(value) & set("'<>&=\r\n")
    assert json.loads(str(value)) == fixes(project)
