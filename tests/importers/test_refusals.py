"""Tables that are not project targets are refused with file and table number; unmapped cells are listed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.importers import import_file

CASES = Path(__file__).resolve().parent.parent / "cases" / "importers"


@pytest.mark.parametrize("case", sorted(p.name for p in (CASES / "refuse").iterdir()))
def test_refused(case: str) -> None:
    folder = CASES / "refuse" / case
    result = import_file(folder / "input.txt")
    assert result.projects == []
    expected = (folder / "expected.txt").read_text("utf-8").splitlines()
    assert [p.format_text() for p in result.problems] == expected


def test_unmapped_cells_are_listed_with_row_and_column() -> None:
    result = import_file(CASES / "unmapped" / "input.txt")
    assert [p.format_text() for p in result.problems] == (CASES / "unmapped" / "expected.txt").read_text("utf-8").splitlines()
    assert len(result.projects) == 1  # still readable: --allow-unmapped writes it


def test_a_refused_table_stops_the_whole_import(seed_path: Path, tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(seed_path.read_bytes() + b"\n" + (CASES / "refuse" / "self_eval" / "input.txt").read_bytes())
    out = tmp_path / "content"
    run = CliRunner().invoke(main, ["import", str(mixed), "--out", str(out)])
    assert run.exit_code == 1
    assert "mixed.txt:" in run.output and "error refused: table 12: not imported: 自评表" in run.output
    assert not out.exists()


def test_unsupported_suffix_names_the_known_ones(tmp_path: Path) -> None:
    path = tmp_path / "table.odt"
    path.write_bytes(b"x")
    [problem] = import_file(path).problems
    assert ".docx" in problem.message and ".xlsx" in problem.message and ".csv" in problem.message


def test_legacy_office_files_get_a_conversion_hint(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    [problem] = import_file(path).problems
    assert "soffice --headless --convert-to docx" in problem.message


@pytest.mark.parametrize("name", ["broken.docx", "broken.xlsx"])
def test_unreadable_office_files_are_problems_not_crashes(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(b"not a zip")
    [problem] = import_file(path).problems
    assert problem.path == name and "not a readable" in problem.message


def test_allow_unmapped_does_not_let_a_refused_table_through(seed_path: Path, tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(seed_path.read_bytes() + b"\n" + (CASES / "refuse" / "self_eval" / "input.txt").read_bytes())
    out = tmp_path / "content"
    run = CliRunner().invoke(main, ["import", str(mixed), "--out", str(out), "--allow-unmapped"])
    assert run.exit_code == 1 and "error refused: table 12: not imported: 自评表" in run.output
    assert not out.exists()
    unmapped = CliRunner().invoke(main, ["import", str(CASES / "unmapped" / "input.txt"), "--out", str(out), "--allow-unmapped"])
    assert unmapped.exit_code == 0 and "1 written" in unmapped.output
