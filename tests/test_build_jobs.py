"""``build --jobs 0`` (the default) shards MkDocs only for a large site."""

from __future__ import annotations

import os

import pytest

from generator.build import AUTO_JOBS_FROM, auto_jobs


@pytest.mark.parametrize("projects", [0, 11, AUTO_JOBS_FROM - 1])
def test_small_sites_build_in_one_mkdocs_process(projects: int) -> None:
    assert auto_jobs(projects) == 1


@pytest.mark.parametrize("projects", [AUTO_JOBS_FROM, 10_000])
def test_large_sites_use_one_mkdocs_process_per_core(projects: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert auto_jobs(projects) == 2
    monkeypatch.setattr(os, "cpu_count", lambda: None)
    assert auto_jobs(projects) == 1
