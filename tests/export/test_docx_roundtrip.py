"""The DOCX download is the official form the DOCX importer reads: every project round-trips.

Seed, multi-year fixtures (with markup characters in names) and synthetic projects (optional
columns, many indicators) each import back to exactly their canonical YAML.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest

from generator.export import docx_files
from generator.export.docx_form import docx_bytes
from generator.importers import import_file
from generator.schema import Project
from generator.synth import synthesize
from generator.yamlio import dump_project


def _bare(project: Project) -> str:
    """Canonical YAML without what the form does not carry: the source and the id (the importer makes one)."""
    return dump_project(project.model_copy(update={"source": None, "id": "x"}))


@pytest.fixture(scope="module")
def synthetic() -> list[Project]:
    return synthesize(40, 3, 11)


def test_every_form_imports_back_to_its_yaml(tmp_path: Path, seed_projects: list[Project], multiyear: list[Project],
                                             synthetic: list[Project]) -> None:
    projects = seed_projects + multiyear + synthetic
    assert len(seed_projects) == 11
    forms = docx_files.docx_forms(projects, {projects[0].id: date(2024, 5, 17)})
    for project in projects:
        path = tmp_path / f"{project.id}.docx"
        path.write_bytes(forms[project.id])
        result = import_file(path)
        assert result.problems == [], project.id
        assert [_bare(p) for p in result.projects] == [_bare(project)]


def test_a_form_with_every_optional_column_turns_landscape_and_round_trips(tmp_path: Path, seed_projects: list[Project]) -> None:
    plain = seed_projects[1]
    extras = {"weight": Decimal("12.5"), "direction": "正向", "explanation": "反映<完成>情况 & 质量", "standard": "达到目标值得满分"}
    wide = plain.model_copy(update={"indicators": [i.model_copy(update={"long_term_target": i.target, **extras}) for i in plain.indicators]})
    for project, landscape in ((plain, False), (wide, True)):
        path = tmp_path / f"{landscape}.docx"
        path.write_bytes(docx_bytes([project]))
        with zipfile.ZipFile(path) as zf:
            assert ('w:orient="landscape"' in zf.read("word/document.xml").decode()) is landscape
        assert [_bare(p) for p in import_file(path).projects] == [_bare(project)]


def test_forms_are_small_dated_and_reproducible(seed_projects: list[Project], synthetic: list[Project]) -> None:
    projects = seed_projects + synthetic
    updated = {projects[0].id: date(2024, 5, 17)}
    forms = docx_files.docx_forms(projects, updated)
    assert max(len(data) for data in forms.values()) <= 6 * 1024
    with zipfile.ZipFile(BytesIO(forms[projects[0].id])) as zf:
        assert zf.testzip() is None
        assert {i.date_time for i in zf.infolist()} == {(2024, 5, 17, 0, 0, 0)}
    with zipfile.ZipFile(BytesIO(forms[projects[1].id])) as zf:  # no date known: 1 January of the table year
        assert {i.date_time for i in zf.infolist()} == {(projects[1].year, 1, 1, 0, 0, 0)}
    assert docx_files.docx_forms(projects, updated) == forms


@pytest.mark.slow
def test_libreoffice_prints_the_form_and_the_pdf_imports_back(tmp_path: Path, seed_projects: list[Project],
                                                              synthetic: list[Project]) -> None:
    """LibreOffice opens the minimal package and lays out every cell: its PDF reads back as the projects."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    projects = [seed_projects[0], *synthetic[:2]]
    source = tmp_path / "forms.docx"
    source.write_bytes(docx_bytes(projects))
    profile = (tmp_path / "profile").as_uri()  # own profile: parallel soffice runs do not share a lock
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    result = import_file(tmp_path / "forms.pdf")
    assert [p for p in result.problems if p.level != "info"] == []
    assert [_bare(p) for p in result.projects] == [_bare(p) for p in projects]
    assert result.projects[0].source is not None and result.projects[0].source.pages == [1]  # the largest seed form fits one A4 page
