"""Label normalisation: truncated, wrapped and aliased tier labels map to canonical names."""

from __future__ import annotations

import pytest

from generator.labels import match_label, parent_of


@pytest.mark.parametrize(
    ("text", "tier", "name", "how"),
    [
        ("产出指标", 1, "产出指标", "exact"),
        ("满意度 指标", 1, "满意度指标", "exact"),
        ("效果指标", 1, "效益指标", "alias"),
        ("预期产出指标", 1, "产出指标", "alias"),
        ("服务对象满意度指", 2, "服务对象满意度指标", "prefix"),
        ("服务对象满", 2, "服务对象满意度指标", "prefix"),
        ("服务对象满意度 指标", 2, "服务对象满意度指标", "exact"),
        ("可持续影响", 2, "可持续影响指标", "alias"),
        ("环境效益指标", 2, "生态效益指标", "alias"),
        ("数量指标(或建筑规模指标)", 2, "数量指标", "alias"),
        ("社会公众或服务对象满意度指标", 2, "服务对象满意度指标", "alias"),
    ],
)
def test_match(text: str, tier: int, name: str, how: str) -> None:
    match = match_label(text, tier)  # type: ignore[arg-type]
    assert match is not None and match.name == name and match.how == how


@pytest.mark.parametrize("text", ["接待法律咨询职工人数", "", "指标", "服务", "主管单位满意度"])
def test_not_a_label(text: str) -> None:
    assert match_label(text, 1) is None and match_label(text, 2) is None


def test_parents() -> None:
    assert parent_of("可持续影响指标") == "效益指标"
    assert parent_of("经济成本指标") == "成本指标"
