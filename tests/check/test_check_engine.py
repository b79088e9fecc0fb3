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


def test_indicator_key_changes_with_every_field() -> None:
    """Findings of indicator rules are shared between indicators with one key: every field must be in it."""
    from decimal import Decimal

    from generator.check.engine import indicator_key
    from generator.schema import Indicator, Target

    target = Target(text="=1.00(人)", operator="=", number=Decimal("1.00"), unit="人")
    base = Indicator(level1="产出指标", level2="数量指标", name="x", target=target)
    changed = {
        "level1": "效益指标", "level2": "质量指标", "name": "y", "target": None, "long_term_target": target,
        "weight": Decimal("5"), "direction": "反向", "explanation": "e", "standard": "s",
        "published": {"level1": "产出"}, "ignore": {"quant.vague": "r"},
    }
    assert set(changed) == set(Indicator.model_fields)
    for name, value in changed.items():
        assert indicator_key(base.model_copy(update={name: value})) != indicator_key(base), name
    target_changed = {"text": "=1(人)", "operator": "≥", "number": Decimal("1"), "unit": "名"}  # 1 == 1.00, printed differently
    assert set(target_changed) == set(Target.model_fields)
    for name, value in target_changed.items():
        other = base.model_copy(update={"target": target.model_copy(update={name: value})})
        assert indicator_key(other) != indicator_key(base), name
    assert indicator_key(base.model_copy(update={"weight": Decimal("5.0")})) != indicator_key(base.model_copy(update={"weight": Decimal("5")}))


@pytest.mark.parametrize("rule_id", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_engine_finds_what_each_rule_finds_on_the_whole_project(rule_id: str, case_item) -> None:  # type: ignore[no-untyped-def]
    """The engine shares indicator-rule findings between equal indicators; running the rule on the
    project (``Rule.func``) twice over must give the same findings."""
    from generator.check import RULES

    item = case_item(CASES / rule_id / "bad.yaml")
    rule = RULES[rule_id]
    locate = Locator(item.text)
    direct = sorted((locate(h.loc), field_path(h.loc), h.message) for h in rule.func(item.project)
                    if not (len(h.loc) >= 2 and h.loc[0] == "indicators" and rule_id in (item.project.indicators[h.loc[1]].ignore or {})))
    for _ in range(2):  # the second run takes indicator findings from the engine's store
        found = sorted(((f.line, f.column), f.field, f.message) for f in check_projects([item], CheckConfig()) if f.rule == rule_id)
        assert found == direct and found
