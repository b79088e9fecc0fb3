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
