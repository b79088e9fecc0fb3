"""Every rule fires on its bad case and the good case (and the clean project) has no finding at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import RULES, CheckConfig, all_rules, check_projects
from generator.check.words import data
from generator.problems import format_problems

CASES = Path(__file__).resolve().parent.parent / "cases" / "check"
RULE_IDS = sorted(r.id for r in all_rules())
CASE_IDS = sorted(p.name for p in CASES.iterdir() if p.is_dir())


def test_every_rule_has_cases_and_every_case_a_rule() -> None:
    assert CASE_IDS == RULE_IDS


def test_every_rule_has_a_chinese_title_and_description() -> None:
    assert sorted(data()["titles"]) == RULE_IDS
    assert all(r.description and r.level in ("error", "warning", "info") for r in RULES.values())


def test_clean_project_has_no_findings(case_item) -> None:  # type: ignore[no-untyped-def]
    assert check_projects([case_item(None)], CheckConfig(), base=Path(".")) == []


@pytest.mark.parametrize("rule_id", CASE_IDS)
def test_rule_fires_on_bad(rule_id: str, case_item, golden) -> None:  # type: ignore[no-untyped-def]
    findings = check_projects([case_item(CASES / rule_id / "bad.yaml")], CheckConfig(), base=Path("."))
    assert rule_id in {f.rule for f in findings}
    fired = [f for f in findings if f.rule == rule_id]
    assert all(f.line > 0 and f.column > 0 and f.level == RULES[rule_id].level for f in fired)
    golden(CASES / rule_id / "bad.expected.txt", format_problems(findings) + "\n")


@pytest.mark.parametrize("rule_id", CASE_IDS)
def test_good_has_no_findings(rule_id: str, case_item) -> None:  # type: ignore[no-untyped-def]
    findings = check_projects([case_item(CASES / rule_id / "good.yaml")], CheckConfig(), base=Path("."))
    assert [f.format_text() for f in findings] == []


def test_docs_list_every_rule() -> None:
    text = (CASES.parent.parent.parent / "docs" / "checks.md").read_text("utf-8")
    for r in all_rules():
        assert f"| `{r.id}` | {r.level} | {data()['titles'][r.id]} | {r.description} |" in text


def test_every_rule_has_a_chinese_hint() -> None:
    assert sorted(data()["hints"]) == RULE_IDS
