"""Placement: an indicator is filed under the 二级 that matches what it measures."""

from __future__ import annotations

from typing import Iterator

from generator.check.registry import Hit, indicator_rule
from generator.check.words import has_any, is_rate_name
from generator.schema import Indicator


@indicator_rule("placement.timeliness-under-quality", "warning", "A 及时性 indicator is filed under 时效指标, not 质量指标.")
def timeliness_under_quality(ind: Indicator) -> Iterator[Hit]:
    if ind.level2 == "质量指标" and has_any(ind.name, "names", "timeliness"):
        yield Hit(("level2",), f"{ind.name} measures timeliness but is filed under 质量指标; file it under 时效指标")


@indicator_rule("placement.headcount-under-quality", "warning", "A head count (…人数) is filed under 数量指标, not 质量指标.")
def headcount_under_quality(ind: Indicator) -> Iterator[Hit]:
    if ind.level2 == "质量指标" and has_any(ind.name, "names", "headcount") and not is_rate_name(ind.name):
        yield Hit(("level2",), f"{ind.name} is a head count filed under 质量指标; file it under 数量指标 (a quality indicator would be e.g. 参与率 ≥90.00(%))")
