"""Fixtures for the export tests: the invented multi-year projects and the seed content."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import load_projects
from generator.schema import Project

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases" / "multiyear"


@pytest.fixture(scope="session")
def multiyear() -> list[Project]:
    result = load_projects(CASES)
    assert not result.problems
    return result.projects


@pytest.fixture(scope="session")
def seed_projects() -> list[Project]:
    result = load_projects(ROOT / "content")
    assert not result.problems
    return result.projects
