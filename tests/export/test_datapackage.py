"""datapackage.json validates with the frictionless library, and broken data does not."""

from __future__ import annotations

import json
from pathlib import Path

from frictionless import validate

from generator.export.opendata import write_open_data
from generator.schema import Project


def errors(path: Path) -> list[list[object]]:
    report = validate(str(path))
    return report.flatten(["rowNumber", "fieldName", "type"])


def test_seed_and_fixture_packages_validate(tmp_path: Path, seed_projects: list[Project], multiyear: list[Project]) -> None:
    write_open_data(seed_projects + multiyear, tmp_path)
    descriptor = json.loads((tmp_path / "data" / "datapackage.json").read_text("utf-8"))
    assert [r["path"] for r in descriptor["resources"]] == ["projects.csv", "indicators.csv"]
    assert errors(tmp_path / "data" / "datapackage.json") == []


def test_validation_catches_a_bad_cell_and_a_dangling_project_id(tmp_path: Path, multiyear: list[Project]) -> None:
    write_open_data(multiyear, tmp_path)
    projects = tmp_path / "data" / "projects.csv"
    projects.write_bytes(projects.read_bytes().replace(b",2022,", b",two thousand,", 1))
    indicators = tmp_path / "data" / "indicators.csv"
    indicators.write_bytes(indicators.read_bytes().replace(b"2023-she-bei-gou-zhi", b"no-such-project", 1))
    found = errors(tmp_path / "data" / "datapackage.json")
    assert [2, "year", "type-error"] in found
    assert any(kind == "foreign-key" for _, _, kind in found), found
