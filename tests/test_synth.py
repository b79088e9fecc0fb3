"""The synthetic corpus: deterministic, valid, realistic in shape, and never written into content/."""

from __future__ import annotations

import statistics
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.commands.synth import REPO_CONTENT, write_corpus
from generator.load import load_projects
from generator.synth import synthesize


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus() -> list:
    return synthesize(600, 4, 11, REPO_CONTENT)


def test_same_seed_gives_byte_identical_tree(tmp_path: Path) -> None:
    write_corpus(tmp_path / "a", 80, 3, 5)
    write_corpus(tmp_path / "b", 80, 3, 5)
    a, b = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert len([k for k in a if k.endswith(".yaml")]) == 80
    assert a == b


def test_parallel_writing_gives_the_same_tree_as_one_process(tmp_path: Path) -> None:
    write_corpus(tmp_path / "one", 1000, 2, 3, jobs=1)
    write_corpus(tmp_path / "two", 1000, 2, 3, jobs=2)
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_different_seed_gives_different_tree(tmp_path: Path) -> None:
    write_corpus(tmp_path / "a", 40, 2, 1)
    write_corpus(tmp_path / "b", 40, 2, 2)
    assert tree(tmp_path / "a") != tree(tmp_path / "b")


def test_rerun_replaces_an_earlier_synth_directory(tmp_path: Path) -> None:
    write_corpus(tmp_path / "out", 50, 2, 1)
    write_corpus(tmp_path / "out", 20, 2, 1)
    assert len(list((tmp_path / "out").rglob("*.yaml"))) == 20


def test_output_loads_without_problems(tmp_path: Path) -> None:
    out = write_corpus(tmp_path / "out", 300, 5, 9)
    result = load_projects(out, out)
    assert result.problems == []
    assert len(result.items) == 300
    assert len({item.project.id for item in result.items}) == 300


@pytest.mark.parametrize("where", ["content", "content/2023/x"])
def test_refuses_to_write_into_content(where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_CONTENT.parent)
    before = tree(REPO_CONTENT)
    result = CliRunner().invoke(main, ["synth", "--projects", "3", "--out", where])
    assert result.exit_code == 1
    assert "refusing" in result.output
    assert tree(REPO_CONTENT) == before


def test_refuses_a_directory_holding_content_or_other_files(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["synth", "--projects", "3", "--out", str(REPO_CONTENT.parent)])
    assert result.exit_code == 1 and "refusing" in result.output
    (tmp_path / "notes.txt").write_text("mine")
    result = CliRunner().invoke(main, ["synth", "--projects", "3", "--out", str(tmp_path)])
    assert result.exit_code == 1 and "not empty" in result.output
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_cli_writes_the_requested_corpus(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["synth", "--projects", "25", "--years", "2", "--seed", "4", "--out", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    years = {p.relative_to(tmp_path / "s").parts[0] for p in (tmp_path / "s").rglob("*.yaml")}
    assert years == {"2022", "2023"}


def test_indicator_counts_vary_within_bounds(corpus: list) -> None:
    sizes = [len(p.indicators) for p in corpus]
    assert min(sizes) >= 5 and max(sizes) <= 40
    assert 9 <= statistics.median(sizes) <= 20
    assert sum(s >= 25 for s in sizes) >= 3 and sum(s <= 8 for s in sizes) >= 10


def test_goal_lengths_vary(corpus: list) -> None:
    lengths = [len(p.goals.annual) for p in corpus]
    assert max(lengths) >= 2 * min(lengths)
    assert all(p.goals.total != p.goals.annual for p in corpus)


def test_years_categories_departments_spread(corpus: list) -> None:
    assert set(Counter(p.year for p in corpus)) == {2020, 2021, 2022, 2023}
    assert len(Counter(p.category for p in corpus)) == 3
    assert len({p.department for p in corpus}) >= 100


def test_value_forms_are_mixed(corpus: list) -> None:
    targets = [i.target for p in corpus for i in p.indicators]
    assert {t.operator for t in targets} >= {"=", "≥", "≤", None}
    qualitative = sum(t.number is None for t in targets) / len(targets)
    assert 0.05 < qualitative < 0.4


def test_funds_add_up(corpus: list) -> None:
    zero = Decimal(0)
    for p in corpus:
        f = p.funds
        assert f.total == f.fiscal + (f.other or zero)
        assert f.annual_total == f.annual_fiscal + (f.annual_carryover or zero) + (f.annual_other or zero)
        assert zero < f.annual_total <= f.total


def test_seed_vocabulary_is_used(corpus: list) -> None:
    seed = load_projects(REPO_CONTENT).projects
    seed_names = {p.name for p in seed}
    seed_rows = {i.name for p in seed for i in p.indicators}
    assert any(p.name in seed_names for p in corpus)
    assert any(i.name in seed_rows for p in corpus for i in p.indicators)


def test_output_is_clean_under_check(tmp_path: Path) -> None:
    from generator.check import check_projects

    out = write_corpus(tmp_path / "out", 400, 5, 21)
    findings = check_projects(load_projects(out, out).items, base=out)
    assert [f.format_text() for f in findings] == []


def test_output_does_not_depend_on_hash_randomisation(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    for hashseed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=hashseed, PYTHONPATH=str(REPO_CONTENT.parent))
        cmd = [sys.executable, "-m", "generator", "synth", "--projects", "60", "--seed", "5", "--out", str(tmp_path / hashseed)]
        subprocess.run(cmd, env=env, check=True, capture_output=True)
    assert tree(tmp_path / "1") == tree(tmp_path / "2")
