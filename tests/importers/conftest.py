"""Fixtures for the importer tests: the seed as read by the text importer."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importers import import_file
from generator.schema import Project


@pytest.fixture(scope="session")
def seed_projects(seed_path: Path) -> list[Project]:
    result = import_file(seed_path)
    assert not result.problems
    assert len(result.projects) == 11
    return result.projects


@pytest.fixture(scope="session")
def seed_docx(seed_projects: list[Project], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed's 11 tables written as one Word document (the official form layout)."""
    from generator.export.docx_form import write_docx

    path = tmp_path_factory.mktemp("docx") / "seed.docx"
    write_docx(seed_projects, path)
    return path
