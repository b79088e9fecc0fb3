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
