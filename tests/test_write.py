"""Syncing generated files: only changed files are written, stale ones removed, paths confined."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.write import Output, sync


def output(files: dict[str, str]) -> Output:
    out = Output()
    for path, text in files.items():
        out.add(path, text)
    return out


def test_sync_writes_only_changes_and_removes_stale_files(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    first = sync(output({"index.md": "a", "projects/x/index.md": "x", "projects/y/index.md": "y"}), docs)
    assert (first.written, first.unchanged, first.removed) == (3, 0, 0)
    os.utime(docs / "index.md", (1, 1))
    second = sync(output({"index.md": "a", "projects/x/index.md": "x2"}), docs)
    assert (second.written, second.unchanged, second.removed) == (1, 1, 1)
    assert (docs / "index.md").stat().st_mtime == 1  # untouched: mkdocs serve sees no change
    assert (docs / "projects/x/index.md").read_text() == "x2"
    assert not (docs / "projects/y").exists()
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*")) == ["index.md", "projects", "projects/x", "projects/x/index.md"]


@pytest.mark.parametrize("path", ["../x.md", "a/../../x.md", "/etc/x", "a\\b.md", "", "a//b", "./a", "a/./b"])
def test_unsafe_paths_are_rejected(path: str) -> None:
    with pytest.raises(ValueError):
        Output().add(path, "x")


def test_two_files_for_one_path_is_an_error() -> None:
    out = output({"projects/a/index.md": "1"})
    with pytest.raises(ValueError, match="same path"):
        out.add("projects/a/index.md", "2")


def test_a_symlink_inside_the_output_dir_cannot_lead_writes_outside(tmp_path: Path) -> None:
    from generator.write import make_folders

    docs, outside = tmp_path / "docs", tmp_path / "outside"
    docs.mkdir()
    outside.mkdir()
    (docs / "projects").symlink_to(outside)
    with pytest.raises(ValueError, match="escapes"):
        sync(output({"projects/x/index.md": "x"}), docs)
    with pytest.raises(ValueError, match="escapes"):
        make_folders(docs, ["projects/x"])
    (docs / "a").mkdir()
    (docs / "a" / "index.md").symlink_to(outside / "target.md")
    with pytest.raises(ValueError, match="escapes"):
        sync(output({"a/index.md": "x"}), docs)
    assert list(outside.iterdir()) == []
