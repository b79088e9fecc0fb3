"""``python -m generator check``: golden output on the seed in three formats, exit status, --strict, --config."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent.parent
GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt,name", [("text", "check_seed.txt"), ("json", "check_seed.json"), ("github", "check_seed.github.txt")])
def test_seed_golden(in_root: Path, golden, fmt: str, name: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("content", "--format", fmt)
    assert code == 0, err  # the seed has warnings and notes but no errors
    golden(GOLDEN / name, out)
    assert err.strip().endswith("in 11 of 11 file(s)")


def test_seed_catches_the_known_defects(in_root: Path) -> None:
    """The defects a reader finds in the seed tables, each caught by the rule meant for it."""
    _, out, _ = run("content", "--format", "json")
    found = {(Path(f["path"]).stem, f["rule"], f["field"]) for f in json.loads(out)}
    expected = {
        ("政府雇员", "value.rate-unit", "indicators[1].target"),  # 考核完成率 =2.00(名)
        ("政府雇员", "ambition.trivial", "indicators[10].target"),  # 部门工作效率提升度 ≥0.00(%)
        ("使用地方教育附加专项资金开展职工职业培训工作", "value.rate-unit", "indicators[7].target"),  # 约100-200人/场
        ("使用地方教育附加专项资金开展职工职业培训工作", "ambition.trivial", "indicators[14].target"),  # 增长率 ≥0.00(%)
        ("劳动保护", "placement.timeliness-under-quality", "indicators[4].level2"),
        ("劳动保护", "placement.timeliness-under-quality", "indicators[5].level2"),
        ("劳动保护", "labels.normalised", "indicators[10].published.level2"),  # 服务对象满
        ("党建经费", "placement.headcount-under-quality", "indicators[2].level2"),
        ("党建经费", "quant.vague", "indicators[6].target"),  # 提升
        ("残疾人就业保障金", "quant.vague", "indicators[3].target"),  # 支持
        ("残疾人就业保障金", "quant.vague", "indicators[4].target"),  # 保障
        ("群团改革专项", "completeness.goal-copied", "goals.annual"),
    }
    assert expected <= found
    cost = {stem for stem, rule, _ in found if rule == "completeness.cost-missing"}
    assert len(cost) == 11  # no 2023 table has a 成本指标


def test_exit_status_and_strict(in_root: Path) -> None:
    assert run("content")[0] == 0
    assert run("content", "--strict")[0] == 1


def test_errors_exit_1_and_load_problems_are_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: 2023-x\nyear: 2023\nname: x\n", "utf-8")
    code, out, _ = run(str(bad))
    assert code == 1
    assert "error load: department: required field is missing" in out


def test_config_turns_rules_off_and_changes_levels(in_root: Path, tmp_path: Path) -> None:
    config = tmp_path / "checks.yaml"
    config.write_text("rules:\n  completeness.cost-missing: off\n  quant.vague: error\n", "utf-8")
    code, out, _ = run("content", "--config", str(config))
    assert code == 1
    assert "completeness.cost-missing" not in out
    assert "error quant.vague:" in out and "warning quant.vague:" not in out


def test_config_overrides_by_path(in_root: Path, tmp_path: Path) -> None:
    config = tmp_path / "checks.yaml"
    config.write_text("overrides:\n- paths: ['content/2023/*/党建经费.yaml']\n  rules: {quant.vague: off}\n", "utf-8")
    _, out, _ = run("content", "--config", str(config))
    vague = [line for line in out.splitlines() if "quant.vague" in line]
    assert vague and not any("党建经费" in line for line in vague)


def test_bad_config_is_reported_with_location(in_root: Path, tmp_path: Path) -> None:
    config = tmp_path / "checks.yaml"
    config.write_text("rules:\n  no.such-rule: off\n  quant.vague: loud\n", "utf-8")
    code, _, err = run("content", "--config", str(config))
    assert code == 1
    assert f"{config}:2:17: rules.no.such-rule: unknown rule 'no.such-rule'" in err
    assert f"{config}:3:16: rules.quant.vague: level 'loud' is not one of off, error, warning, info" in err


def test_default_config_file_in_cwd_is_used(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "p.yaml").write_text((ROOT / "content/2023/闵行区总工会(汇总)/党建经费.yaml").read_text("utf-8"), "utf-8")
    (tmp_path / "checks.yaml").write_text("rules: {completeness.cost-missing: error}\n", "utf-8")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        code, out, _ = run()
    finally:
        os.chdir(cwd)
    assert code == 1 and "content/p.yaml:23:1: error completeness.cost-missing" in out


def test_list_rules_names_every_rule() -> None:
    from generator.check import all_rules

    code, out, _ = run("--list-rules")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [r.id for r in all_rules()]


def test_repository_checks_yaml_is_valid() -> None:
    from generator.check import CheckConfig

    assert isinstance(CheckConfig.load(ROOT / "checks.yaml"), CheckConfig)


def test_strict_passes_with_notes_only(tmp_path: Path, case_item) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.yaml"
    path.write_text(case_item(ROOT / "tests" / "cases" / "check" / "labels.normalised" / "bad.yaml").text, "utf-8")
    code, out, err = run(str(path), "--strict")
    assert code == 0 and "info labels.normalised" in out and err.startswith("0 error(s), 0 warning(s), 1 note(s)")
    clean = tmp_path / "clean" / "p.yaml"
    clean.parent.mkdir()
    clean.write_text(case_item(None).text, "utf-8")
    assert run(str(clean), "--strict", "--format", "json")[:2] == (0, "[]\n")
