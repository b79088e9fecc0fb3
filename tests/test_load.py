"""The YAML loader: every problem reported with file, line, column and field; cases as data folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import load_projects, load_text

CASES = Path(__file__).parent / "cases" / "load"


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_load_cases(case: str) -> None:
    folder = CASES / case
    result = load_projects(folder / "content", folder)
    expected = (folder / "expected.txt").read_text("utf-8")
    actual = "".join(p.format_text() + "\n" for p in result.problems)
    assert actual == expected


def test_shorthand_target_is_parsed() -> None:
    text = (
        "id: 2023-x\nyear: 2023\nname: 项目\ndepartment: 部门\nimplementer: 单位\n"
        "indicators:\n- {level1: 产出指标, level2: 数量指标, name: 人数, target: '≥4500.00(名)'}\n"
    )
    project, problems = load_text(text, "x.yaml")
    assert problems == [] and project is not None
    target = project.indicators[0].target
    assert target is not None and target.operator == "≥" and target.unit == "名" and target.text == "≥4500.00(名)"


def test_committed_content_loads_cleanly() -> None:
    root = Path(__file__).resolve().parent.parent
    result = load_projects(root / "content", root)
    assert result.problems == [] and len(result.items) >= 11
