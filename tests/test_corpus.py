"""Loading and checking in two processes gives exactly what one process gives, problems included."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import corpus
from generator.build import generate, load_site


def _load(root: Path, workers: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("JX_WORKERS", workers)
    monkeypatch.setattr(corpus, "MIN_SPLIT", 2)
    return corpus.load_and_check(root, root)


def test_two_processes_load_and_check_like_one(synthetic_root, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    root = synthetic_root(40, 2, 7) / "corpus"
    files = sorted(root.rglob("*.yaml"))
    for path in (files[1], files[-2]):  # a finding in each half: total ≠ fiscal + other
        text = path.read_text("utf-8")
        path.write_text(text.replace("\n  total: ", "\n  total: 1", 1), "utf-8")
    one, one_findings = _load(root, "1", monkeypatch)
    two, two_findings = _load(root, "2", monkeypatch)
    assert [(i.path, i.text, i.project) for i in two.items] == [(i.path, i.text, i.project) for i in one.items]
    assert two_findings == one_findings and len({p.path for p in one_findings}) == 2
    assert two.problems == one.problems == []


def test_problems_in_either_half_are_all_reported(synthetic_root, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    root = synthetic_root(20, 1, 3) / "corpus"
    files = sorted(root.rglob("*.yaml"))
    files[0].write_text("id: [unclosed\n", "utf-8")
    files[-1].write_text(files[-1].read_text("utf-8").replace("year: ", "year: x"), "utf-8")
    one, one_findings = _load(root, "1", monkeypatch)
    two, two_findings = _load(root, "2", monkeypatch)
    assert two.problems == one.problems and len(two.problems) == 2
    assert one_findings is None and two_findings is None
    assert len(two.items) == len(one.items) == len(files) - 2


def test_generated_docs_do_not_depend_on_the_number_of_processes(synthetic_root, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = synthetic_root(30, 2, 5)
    monkeypatch.setattr(corpus, "MIN_SPLIT", 2)
    trees = []
    for workers in ("1", "2"):
        monkeypatch.setenv("JX_WORKERS", workers)
        docs = tmp_path / f"docs{workers}"
        generate(load_site(root / "corpus", root), docs)
        trees.append({p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()})
    assert trees[0] == trees[1] and len(trees[0]) > 90
