"""PDF import: fixtures made from DOCX forms by LibreOffice (tests/importers/pdf_fixtures.py).

The committed PDFs are parsed directly, so the normal run needs no LibreOffice; a
missing fixture is rebuilt when soffice is installed. Imports are compared as
canonical YAML without the ``source`` block, which differs by design (file, pages).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import pdf_fixtures
from generator.cli import main
from generator.importers import import_file
from generator.load import load_projects
from generator.schema import Project
from generator.yamlio import dump_project

CASES = pdf_fixtures.CASES


def case_pdf(name: str) -> Path:
    path = CASES / name / f"{name}.pdf"
    if not path.exists():
        if name == "scanned":
            pdf_fixtures.build_scanned(path)
        elif shutil.which("soffice"):
            pdf_fixtures.build(name)
        else:
            pytest.fail(f"{path} is missing and LibreOffice is not installed (python3 tasks.py test installs it)")
    return path


def body(project: Project) -> str:
    """Canonical YAML without the source block."""
    return dump_project(project.model_copy(update={"source": None}))


@pytest.fixture(scope="module")
def seed_pdf():  # type: ignore[no-untyped-def]
    """The seed PDF imported once for the tests that read it."""
    return import_file(case_pdf("seed"))


def errors(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.format_text() for p in result.problems if p.level == "error"]


@pytest.mark.parametrize("case", ["seed", "chromium"])
def test_seed_pdf_gives_exactly_the_text_import(case: str, seed_path: Path, seed_pdf) -> None:  # type: ignore[no-untyped-def]
    """The seed tables printed by LibreOffice (from DOCX) and by Chromium (from HTML; it writes
    radicals such as ⻔ for 门 and leaves split tables open at the page break)."""
    text = import_file(seed_path)
    pdf = seed_pdf if case == "seed" else import_file(case_pdf(case))
    assert errors(text) == [] and errors(pdf) == []
    assert len(pdf.projects) == len(text.projects) == 11
    assert [body(p) for p in pdf.projects] == [body(p) for p in text.projects]


def test_source_records_file_table_pages_and_sha256(seed_pdf) -> None:  # type: ignore[no-untyped-def]
    digest = hashlib.sha256(case_pdf("seed").read_bytes()).hexdigest()
    result = seed_pdf
    for number, project in enumerate(result.projects, start=1):
        assert project.source is not None
        assert (project.source.file, project.source.format, project.source.table) == ("seed.pdf", "pdf", number)
        assert project.source.sha256 == digest
        assert project.source.pages == [number]  # one table per page in this fixture


@pytest.mark.parametrize("case", ["split", "rowsplit", "newer", "multidoc"])
def test_case_imports_to_its_projects(case: str) -> None:
    result = import_file(case_pdf(case))
    assert errors(result) == []
    expected = load_projects(CASES / case / "projects")
    assert expected.problems == []
    got = sorted(result.projects, key=lambda p: p.id)
    want = sorted(expected.projects, key=lambda p: p.id)
    assert [body(p) for p in got] == [body(p) for p in want]


def test_table_split_across_pages_is_merged() -> None:
    result = import_file(case_pdf("split"))
    pages = {p.name: p.source.pages for p in result.projects if p.source}
    long = next(p for p in load_projects(CASES / "split" / "projects").projects if len(p.indicators) > 40)
    assert len(pages[long.name]) >= 2  # the continuation page was merged, not skipped
    assert pages[long.name] == list(range(pages[long.name][0], pages[long.name][-1] + 1))
    others = [pg for name, pg in pages.items() if name != long.name]
    assert others and all(pg[0] > pages[long.name][-1] for pg in others)  # the next title starts a new table


def test_newer_template_amounts_in_yuan_are_converted() -> None:
    (project,) = import_file(case_pdf("newer")).projects
    assert project.funds.source_unit == "元"
    assert project.funds.total != project.funds.annual_total  # multi-year project
    assert project.indicators[0].level1 == "成本指标"
    assert project.project_class is not None and project.category is not None


def test_multidocument_pdf_skips_and_lists_other_pages() -> None:
    result = import_file(case_pdf("multidoc"))
    skipped = {p.line: p.message for p in result.problems if p.level == "info" and "skipped" in p.message}
    first_target = min(pg for p in result.projects for pg in (p.source.pages or []))  # type: ignore[union-attr]
    assert set(range(1, first_target)) <= set(skipped)  # every page before the tables is listed
    assert any("自评表" in message for message in skipped.values())
    assert any("部门收支总表" in message for message in skipped.values())
    assert len(result.projects) == 2


def test_scanned_pdf_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "content"
    run = CliRunner().invoke(main, ["import", str(case_pdf("scanned")), "--out", str(out)])
    assert run.exit_code == 1
    assert "OCR is not supported" in run.output
    assert not out.exists()


def test_not_a_pdf_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"this is not a PDF")
    result = import_file(bad)
    assert result.projects == []
    assert any("not a readable PDF" in p.message for p in result.problems)


def test_cli_import_is_stable_on_reimport(tmp_path: Path) -> None:
    args = ["import", str(case_pdf("split")), "--out", str(tmp_path)]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "2 written" in first.output
    written = {p: p.read_bytes() for p in tmp_path.rglob("*.yaml")}
    assert len(written) == 2 and all(b"format: pdf" in text for text in written.values())
    second = CliRunner().invoke(main, args)
    assert second.exit_code == 0 and "0 written, 2 unchanged" in second.output
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.yaml")} == written


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_fixture_rebuilt_by_libreoffice_imports_the_same(tmp_path: Path) -> None:
    """The committed PDFs come from the committed script: rebuilding gives the same import."""
    fresh = pdf_fixtures.build("newer", tmp_path)
    committed = import_file(case_pdf("newer"))
    rebuilt = import_file(fresh)
    assert [body(p) for p in rebuilt.projects] == [body(p) for p in committed.projects]


def test_goal_row_broken_over_a_page_is_one_text() -> None:
    """Rows may break across pages (Word's default): the two halves of the goal row are glued back."""
    (project,) = import_file(case_pdf("rowsplit")).projects
    assert project.source is not None and len(project.source.pages or []) == 2
    (expected,) = load_projects(CASES / "rowsplit" / "projects").projects
    assert project.goals == expected.goals
