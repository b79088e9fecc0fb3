"""``serve`` helpers: regeneration writes only changed pages and survives bad content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.commands.serve import _regenerate, _snapshot

ROOT = Path(__file__).resolve().parents[2]


def test_regenerate_writes_changes_only_and_keeps_last_good_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content, docs = tmp_path / "content", tmp_path / "docs"
    shutil.copytree(ROOT / "content", content)
    _regenerate(content, docs)
    assert "written" in capsys.readouterr().err
    before = _snapshot([docs])
    _regenerate(content, docs)
    assert "0 page(s) written, 0 removed" in capsys.readouterr().err and _snapshot([docs]) == before
    bad = next(content.rglob("*.yaml"))
    bad.write_text(bad.read_text("utf-8").replace("year: 2023", "year: [", 1), "utf-8")
    _regenerate(content, docs)
    err = capsys.readouterr().err
    assert "YAML syntax error" in err and "keeps the last good build" in err
    assert _snapshot([docs]) == before
