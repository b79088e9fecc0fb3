"""Comparison helpers shared by the importer tests."""

from __future__ import annotations

from generator.schema import Project
from generator.yamlio import dump_project


def without_source(project: Project) -> str:
    """Canonical YAML of a project minus its ``source`` block (which names the file it came from)."""
    return dump_project(project.model_copy(update={"source": None}))


def dumps(projects: list[Project]) -> list[str]:
    return [without_source(p) for p in projects]
