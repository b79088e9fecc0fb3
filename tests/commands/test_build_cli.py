"""``build`` command on bad input: exact messages, exit status 1, site/ untouched (no MkDocs run)."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build import load_site
from generator.cli import main
from generator.problems import Problem, ProblemsFound

ROOT = Path(__file__).resolve().parents[2]
CASES = Path(__file__).resolve().parents[1] / "cases"
# Loader cases expect the problem lines; build cases the whole stderr.
CASE_DIRS = sorted([p for p in (CASES / "load").iterdir() if p.is_dir()] + [p for p in (CASES / "build").iterdir() if p.is_dir()])


def run_build(case: Path, site: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(case)
    args = ["build", "--content", "content", "--site", str(site), "--config", str(ROOT / "mkdocs.yml")]
    return CliRunner().invoke(main, args, catch_exceptions=False)


@pytest.mark.parametrize("case", CASE_DIRS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_bad_input_is_reported_and_site_is_left_alone(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build")
    result = run_build(case, site, monkeypatch)
    expected = (case / "expected.txt").read_text("utf-8")
    if case.parent.name == "load":
        expected += f"{expected.count(chr(10))} error(s); the site was not built\n"
    assert result.stderr == expected
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert [p.name for p in site.iterdir()] == ["index.html"] and (site / "index.html").read_text() == "previous build"


def fake_check(monkeypatch: pytest.MonkeyPatch, findings: list[Problem]) -> None:
    module = types.ModuleType("generator.check")
    module.check_projects = lambda items, **_kw: findings  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "generator.check", module)


def test_check_errors_stop_the_build_and_warnings_are_printed(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    warning = Problem("content/a.yaml", 3, 1, "name", "looks odd", level="warning", rule="W1")
    error = Problem("content/a.yaml", 4, 1, "funds", "does not add up", rule="E1")
    fake_check(monkeypatch, [warning, error])
    with pytest.raises(ProblemsFound) as info:
        load_site(ROOT / "content", ROOT)
    assert info.value.problems == [warning, error]
    fake_check(monkeypatch, [warning])
    site = load_site(ROOT / "content", ROOT)
    assert site.totals.projects >= 11
    assert capsys.readouterr().err == "content/a.yaml:3:1: warning W1: name: looks odd\n"
