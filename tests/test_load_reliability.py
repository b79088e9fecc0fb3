"""The YAML loader on hostile files: each gives located problems quickly, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator import load
from generator.load import load_projects, load_text

HEAD = "id: 2023-x\nyear: 2023\nname: x\ndepartment: d\nimplementer: i\n"


def _load_one(tmp_path: Path, data: bytes) -> list[str]:
    (tmp_path / "p.yaml").write_bytes(data)
    result = load_projects(tmp_path, tmp_path)
    assert result.items == []
    return [p.format_text() for p in result.problems]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (HEAD.replace("name: x", "name: 项目").encode("gbk"), "p.yaml:3:7: file is not UTF-8 text"),
        (HEAD.encode("utf-16"), "p.yaml:1:1: file is not UTF-8 text"),
        (bytes(range(256)), "p.yaml:2:118: file is not UTF-8 text (invalid start byte at byte 128)"),
        (b"\x00\x01\x02garbage", "p.yaml:1:1: YAML error: unacceptable character #x0000"),
        (b"", "p.yaml:1:1: expected a mapping of project fields"),
        (b"[" * 100_000, "p.yaml:1:1001: YAML syntax error: exceeded maximum nesting depth"),
        (HEAD.encode() + b"funds: " + b"{a: " * 5000 + b"1" + b"}" * 5000, "YAML syntax error: exceeded maximum nesting depth"),
        (HEAD.encode() + b"year: !!int twenty\n", "p.yaml:6:7: YAML syntax error: cannot read 'twenty' as int"),
        (HEAD.encode() + b"region: !!python/object:os.system x\n", "p.yaml:6:9: YAML syntax error: could not determine a constructor"),
    ],
    ids=["gbk", "utf16", "bytes", "nul", "empty", "nested-flow", "nested-map", "bad-tag", "python-tag"],
)
def test_hostile_file_gives_a_located_problem(tmp_path: Path, data: bytes, expected: str) -> None:
    problems = _load_one(tmp_path, data)
    assert len(problems) == 1 and expected in problems[0], problems


def test_huge_file_is_refused_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "MAX_FILE_BYTES", 1000)
    data = HEAD.encode() + b"# " + b"x" * 2000 + b"\n"
    problems = _load_one(tmp_path, data)
    assert problems == [f"p.yaml:1:1: file is {len(data):,} bytes; a project file is at most 1,000"]


def test_many_errors_compose_the_file_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Locating N problems must not re-parse the file N times (3,000 errors took 10 minutes)."""
    calls = []
    real = yaml.compose
    monkeypatch.setattr(yaml, "compose", lambda *a, **k: calls.append(1) or real(*a, **k))
    text = HEAD + "indicators:\n" + "".join(f"- {{level1: 产出指标, level2: 数量指标, name: n{i}, bogus: 1}}\n" for i in range(300))
    project, problems = load_text(text, "p.yaml")
    assert project is None and len(problems) == 300
    assert [p.line for p in problems] == list(range(7, 307))
    assert len(calls) == 1


def test_yaml_floats_are_exact_decimals() -> None:
    """Amounts and values keep every digit: YAML floats are not read as binary floats."""
    text = HEAD + "funds: {total: 1234567890123456.78, fiscal: 0.10}\nindicators:\n- {level1: 产出指标, level2: 数量指标, name: n, target: 85.50}\n"
    project, problems = load_text(text, "p.yaml")
    assert problems == []
    assert str(project.funds.total) == "1234567890123456.78" and str(project.funds.fiscal) == "0.10"
    assert project.indicators[0].target.text == "85.50"
