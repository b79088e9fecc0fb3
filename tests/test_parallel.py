"""``split``: the other half runs in a child process; its result or its error comes back."""

from __future__ import annotations

import os

import pytest

from generator.parallel import ChildFailed, split


def test_split_returns_both_results_and_runs_the_other_half_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JX_WORKERS", "2")
    here = os.getpid()
    mine, theirs = split(lambda: ("mine", os.getpid()), lambda: ("theirs", os.getpid()))
    assert mine == ("mine", here)
    assert theirs[0] == "theirs" and theirs[1] != here


def test_split_in_one_process_gives_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JX_WORKERS", "1")
    assert split(lambda: 1, lambda: os.getpid()) == (1, os.getpid())


def test_an_error_in_the_child_is_raised_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JX_WORKERS", "2")

    def fail() -> None:
        raise KeyError("boom")

    with pytest.raises(KeyError, match="boom"):
        split(lambda: 1, fail)


def test_an_unpicklable_error_still_comes_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JX_WORKERS", "2")

    class Local(Exception):
        pass

    def fail() -> None:
        raise Local("not importable")

    with pytest.raises(ChildFailed, match="not importable"):
        split(lambda: 1, fail)


def test_a_child_that_dies_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JX_WORKERS", "2")
    with pytest.raises(ChildFailed, match="died"):
        split(lambda: 1, lambda: os._exit(3))


def test_no_gc_collects_nothing_inside_and_promotes_what_was_made() -> None:
    import gc

    from generator.parallel import no_gc

    runs: list[int] = []
    record = lambda phase, info: runs.append(info["generation"]) if phase == "start" else None  # noqa: E731
    gc.callbacks.append(record)
    try:
        with no_gc():
            assert not gc.isenabled()
            kept = [[n] for n in range(100_000)]
        assert runs == [] and gc.isenabled()
        assert gc.get_count()[0] < 1000  # the new objects are old now: the next young collection is small
        gc.disable()
        with no_gc():
            pass
        assert not gc.isenabled()  # the caller's setting comes back
    finally:
        gc.enable()
        gc.callbacks.remove(record)
    assert len(kept) == 100_000
