"""Engine details: ignore notes, config levels, one YAML compose per file, table-type classification."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.check import CheckConfig, check_projects
from generator.problems import field_path
from generator.yamlio import Locator

CASES = Path(__file__).resolve().parent.parent / "cases" / "check"


def test_ignore_silences_only_that_rule_on_that_indicator(case_item) -> None:  # type: ignore[no-untyped-def]
    item = case_item(CASES / "value.rate-unit" / "bad.yaml")
    before = check_projects([item])
    item.project.indicators[9].ignore = {"value.rate-unit": "按名计"}
    after = check_projects([item])
    assert [f.field for f in before if f.rule == "value.rate-unit"] == ["indicators[9].target", "indicators[10].target"]
    assert [f.field for f in after if f.rule == "value.rate-unit"] == ["indicators[10].target"]


def test_config_level_and_off(case_item) -> None:  # type: ignore[no-untyped-def]
    item = case_item(CASES / "quant.vague" / "bad.yaml")
    assert {f.level for f in check_projects([item]) if f.rule == "quant.vague"} == {"warning"}
    raised = CheckConfig.from_data({"rules": {"quant.vague": "error"}})
    assert {f.level for f in check_projects([item], raised) if f.rule == "quant.vague"} == {"error"}
    off = CheckConfig.from_data({"rules": {"quant.vague": False}})  # bare `off` in YAML 1.1
    assert not [f for f in check_projects([item], off) if f.rule == "quant.vague"]


def test_yaml_is_composed_once_per_file_with_findings(case_item, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    calls = []
    real = yaml.compose
    monkeypatch.setattr(yaml, "compose", lambda *a, **k: calls.append(1) or real(*a, **k))
    bad, clean = case_item(CASES / "value.rate-unit" / "bad.yaml"), case_item(None)
    findings = check_projects([bad, clean])
    assert len(findings) >= 2 and len(calls) == 1


def test_locator_points_at_nearest_parent() -> None:
    text = "a:\n  b:\n  - x\n  - y: 1\n"
    locate = Locator(text)
    assert locate(("a", "b", 1, "y")) == (4, 8)
    assert locate(("a", "b", 5)) == (3, 3)
    assert locate(("missing",)) == (1, 1)
    assert Locator(": : bad")(("a",)) == (1, 1)
    assert field_path(("indicators", 3, "target")) == "indicators[3].target"




def test_without_config_checks_yaml_in_base_is_read(case_item, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    item = case_item(CASES / "quant.vague" / "bad.yaml")
    (tmp_path / "checks.yaml").write_text("rules: {quant.vague: info}\n", "utf-8")
    assert {f.level for f in check_projects([item], base=tmp_path) if f.rule == "quant.vague"} == {"info"}
    assert {f.level for f in check_projects([item], CheckConfig(), base=tmp_path) if f.rule == "quant.vague"} == {"warning"}
