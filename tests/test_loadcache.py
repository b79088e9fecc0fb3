"""The rebuild cache: unchanged files skip the rules, edited ones do not, a bad cache is ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import corpus
from generator.check import engine
from generator.loadcache import open_cache, save_cache


def _corpus(synthetic_root, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[Path]]:  # type: ignore[no-untyped-def]
    root = synthetic_root(24, 2, 11) / "corpus"
    files = sorted(root.rglob("*.yaml"))
    for path in (files[0], files[-1]):  # a finding in each half: total ≠ fiscal + other
        path.write_text(path.read_text("utf-8").replace("\n  total: ", "\n  total: 1", 1), "utf-8")
    monkeypatch.setattr(corpus, "MIN_SPLIT", 2)
    return root, files


def _load(root: Path, cache_file: Path | None):  # type: ignore[no-untyped-def]
    store = open_cache(cache_file, root) if cache_file else None
    result, findings = corpus.load_and_check(root, root, store)
    if store is not None and cache_file is not None:
        save_cache(cache_file, store)
    return [(i.path, i.project) for i in result.items], findings


@pytest.mark.parametrize("workers", ["1", "2"])
def test_warm_loads_equal_cold_ones_and_edits_are_checked_again(workers: str, synthetic_root, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("JX_WORKERS", workers)
    root, files = _corpus(synthetic_root, monkeypatch)
    cache_file = tmp_path / "cache" / "load.pickle"
    cold = _load(root, None)
    assert _load(root, cache_file) == cold and cold[1] and cache_file.is_file()
    checked: list[str] = []
    original = engine.check_project
    monkeypatch.setattr(engine, "check_project", lambda item, *a: checked.append(item.path.name) or original(item, *a))
    assert _load(root, cache_file) == cold
    assert checked == []  # every file came from the cache (the child's checks would not show here anyway)
    edited = files[0]
    edited.write_text(edited.read_text("utf-8").replace("\n  total: 1", "\n  total: ", 1), "utf-8")
    warm = _load(root, cache_file)
    assert warm == _load(root, None)
    assert {p.path for p in warm[1]} == {p.path for p in cold[1]} - {str(edited.relative_to(root))}


def test_a_corrupt_or_foreign_cache_is_ignored(synthetic_root, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("JX_WORKERS", "1")
    root, _ = _corpus(synthetic_root, monkeypatch)
    cold = _load(root, None)
    cache_file = tmp_path / "load.pickle"
    for junk in (b"", b"\x80\x05garbage", b"not a pickle at all"):
        cache_file.write_bytes(junk)
        assert _load(root, cache_file) == cold
    assert open_cache(cache_file, root).old  # rewritten by the last load
    (root / "checks.yaml").write_text("rules: {}\n", "utf-8")  # other settings: nothing from before is used
    assert not open_cache(cache_file, root).old


def test_cached_findings_are_not_reused_for_another_text(synthetic_root, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("JX_WORKERS", "1")
    root, files = _corpus(synthetic_root, monkeypatch)
    cache_file = tmp_path / "load.pickle"
    _load(root, cache_file)
    files[1].write_text(files[1].read_text("utf-8").replace("\n  total: ", "\n  total: 1", 1), "utf-8")
    assert _load(root, cache_file) == _load(root, None)
