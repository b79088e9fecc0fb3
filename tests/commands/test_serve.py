"""``serve`` helpers: regeneration writes only changed pages and survives bad content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.commands.serve import _regenerate, _snapshot

ROOT = Path(__file__).resolve().parents[2]


def test_regenerate_writes_changes_only_and_keeps_last_good_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content, root = tmp_path / "content", tmp_path
    docs = root / "build" / "docs"
    shutil.copytree(ROOT / "content", content)
    _regenerate(content, root)
    assert "page(s) written" in capsys.readouterr().err
    before = _snapshot([docs])
    _regenerate(content, root)  # nothing changed: the quick path scans and writes nothing
    assert "quick path): 0 file(s) written" in capsys.readouterr().err and _snapshot([docs]) == before
    edited = sorted(content.rglob("*.yaml"))[1]
    edited.write_text(edited.read_text("utf-8").replace("\n  annual: ", "\n  annual: 预览修改。", 1), "utf-8")
    _regenerate(content, root)
    assert "for 1 edited project file(s)" in capsys.readouterr().err
    assert any("预览修改。" in p.read_text("utf-8") for p in (docs / "projects").glob("*.md"))
    before = _snapshot([docs])
    bad = next(content.rglob("*.yaml"))
    bad.write_text(bad.read_text("utf-8").replace("year: 2023", "year: [", 1), "utf-8")
    _regenerate(content, root)
    err = capsys.readouterr().err
    assert "YAML syntax error" in err and "keeps the last good build" in err
    assert _snapshot([docs]) == before
