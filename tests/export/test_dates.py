"""last_updated: commit dates from one git call; unknown files are left to the caller's fallback."""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

import pytest

from generator.export import dates
from generator.export.dates import last_updated, project_dates
from generator.schema import Project


def commit(repo: Path, day: str, *files: str) -> None:
    for name in files:
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{name} {day}\n", "utf-8")
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{day}T12:00:00Z", "GIT_COMMITTER_DATE": f"{day}T12:00:00Z"}
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", day], cwd=repo, check=True, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    commit(tmp_path, "2023-02-01", "content/2023/部门/a.yaml", "content/2023/部门/b.yaml", "other.txt")
    commit(tmp_path, "2024-03-15", "content/2023/部门/b.yaml")
    commit(tmp_path, "2024-04-01", "other.txt")
    (tmp_path / "content/2023/部门/new.yaml").write_text("uncommitted\n", "utf-8")
    return tmp_path


def test_dates_per_file_from_one_git_call(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = dates.subprocess.Popen
    monkeypatch.setattr(dates.subprocess, "Popen", lambda *a, **k: calls.append(a) or real(*a, **k))
    folder = repo / "content/2023/部门"
    got = last_updated([folder / "a.yaml", folder / "b.yaml", folder / "new.yaml"])
    assert got == {folder / "a.yaml": date(2023, 2, 1), folder / "b.yaml": date(2024, 3, 15)}
    assert len(calls) == 1


def test_relative_paths_keep_their_spelling(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    assert last_updated([Path("content/2023/部门/a.yaml"), Path("other.txt")]) == {
        Path("content/2023/部门/a.yaml"): date(2023, 2, 1), Path("other.txt"): date(2024, 4, 1)}


def test_no_repository_gives_nothing_and_projects_fall_back_to_the_year(tmp_path: Path, multiyear: list[Project]) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("x", "utf-8")
    assert last_updated([path]) == {}
    assert last_updated([]) == {}
    project = multiyear[0]
    assert project_dates([(project, path)]) == {project.id: date(project.year, 1, 1)}
