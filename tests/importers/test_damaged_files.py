"""A damaged file is a problem; a bug in our own reader is still a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import importers
from generator.importers import import_file

CASES = Path(__file__).resolve().parents[1] / "cases" / "fuzz-regressions"


@pytest.mark.parametrize("path", sorted(CASES.glob("damaged-*")), ids=lambda p: p.name)
def test_damaged_file_is_one_located_problem(path: Path) -> None:
    result = import_file(path)
    assert result.projects == []
    assert [(p.path, p.line, p.level) for p in result.problems] == [(path.name, 1, "error")]
    assert "damaged" in result.problems[0].message or "not a readable" in result.problems[0].message


def test_bug_in_our_reader_is_not_hidden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def buggy(path: Path, data: bytes):  # type: ignore[no-untyped-def]
        raise TypeError("our own bug")

    monkeypatch.setitem(importers.READERS, ".bug", ("text", buggy))
    path = tmp_path / "x.bug"
    path.write_bytes(b"whatever")
    with pytest.raises(TypeError, match="our own bug"):
        import_file(path)


def test_control_characters_in_cells_are_removed_with_a_warning(tmp_path: Path, seed_path: Path) -> None:
    """NUL or U+000B (Word's line break) cannot be published in HTML/DOCX/XLSX: cleaned at import, reported."""
    first = "财政项目支出绩效目标表" + seed_path.read_text("utf-8").split("财政项目支出绩效目标表")[1]
    path = tmp_path / "ctrl.txt"
    path.write_text(first.replace("残疾人就业保障金", "残疾人\x00就业\x0b保障金", 1), "utf-8")
    result = import_file(path)
    assert [p.name for p in result.projects] == ["残疾人就业 保障金"]  # the text reader folds U+000B as whitespace
    assert [(p.level, p.line, p.column) for p in result.problems] == [("warning", 5, 2)]
    assert "control characters removed" in result.problems[0].message
