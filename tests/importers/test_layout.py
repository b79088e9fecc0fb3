"""Which grids are refused as not being project target tables (one place: importers.layout)."""

from __future__ import annotations

import pytest

from generator.importers.layout import refusal
from generator.importers.pdf_cells import is_self_evaluation


@pytest.mark.parametrize(
    ("cells", "title", "kind"),
    [
        (["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"], "", "自评表"),
        (["一级指标", "二级指标", "三级指标", "指标值", "偏差原因分析及改进措施"], "", "自评表"),
        (["部门名称", "部门职责", "年度绩效目标"], "", "整体支出"),
        (["项目名称", "年度指标值"], "部门（单位）整体支出绩效目标表", "整体支出"),
        (["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值"], "", None),
        (["项目名称", "主管部门", "项目资金（万元）", "三级指标", "年度指标值", "指标解释", "分值"], "", None),
    ],
)
def test_refusal(cells: list[str], title: str, kind: str | None) -> None:
    reason = refusal([cells], title)
    assert (reason is None) if kind is None else (reason is not None and kind in reason)
    assert is_self_evaluation([cells]) == (kind is not None and not title)


def test_unrecognised_grid_is_refused() -> None:
    assert refusal([["会议纪要", "无表格"]]) == "unrecognised layout: no 项目名称 / 三级指标 labels found"
