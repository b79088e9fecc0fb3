"""``workbook.replace_rows``: a workbook with some projects' rows replaced is the workbook made
anew from the new rows, bytes, row bounds and deflate pieces alike."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.export import opendata
from generator.export.parts import bounds_of
from generator.export.rows import indicator_rows, project_row
from generator.export.workbook import INDICATORS_SHEET, PROJECTS_SHEET, replace_rows, workbook_bytes
from generator.load import load_projects

ROOT = Path(__file__).resolve().parents[2]
WHEN = date(2023, 1, 1)


def made(projects: list, per: list[list[list[str]]]) -> tuple[bytes, dict, dict]:
    """The workbook of ``projects`` with indicator rows ``per`` project, its bounds and pieces."""
    first = bounds_of(0, map(len, per))
    pieces = opendata.workbook_pieces(len(projects), first)
    bounds: dict[str, list[int]] = {}
    data = workbook_bytes([project_row(p) for p in projects], [row for rows in per for row in rows], WHEN, bounds, {}, pieces)
    return data, bounds, pieces


@pytest.fixture
def corpus(monkeypatch: pytest.MonkeyPatch) -> tuple[list, list[list[list[str]]]]:
    monkeypatch.setattr(opendata, "PIECE", 3)  # 11 projects: pieces of 3, 3, 3 and 2
    projects = opendata.ordered(load_projects(ROOT / "content").projects)
    return projects, [indicator_rows(p) for p in projects]


def test_rows_put_in_and_taken_out_of_pieces(corpus: tuple[list, list[list[list[str]]]]) -> None:
    projects, per = corpus
    old, bounds, pieces = made(projects, per)
    new = [list(rows) for rows in per]
    new[4] = per[4] + per[3][:2]  # two rows more in the second piece (their texts are all used before)
    new[9] = per[9][:1]  # rows fewer in the last piece
    first = bounds_of(0, map(len, per))
    blocks = {INDICATORS_SHEET: {first[4]: (len(per[4]), new[4]), first[9]: (len(per[9]), new[9])},
              PROJECTS_SHEET: {4: (1, [project_row(projects[4])])}}
    owners = {INDICATORS_SHEET: {first[4]: 1, first[9]: 3}, PROJECTS_SHEET: {4: 1}}
    got = replace_rows(old, bounds, blocks, WHEN, pieces, owners)
    want, want_bounds, want_pieces = made(projects, new)
    assert (got, bounds, pieces) == (want, want_bounds, want_pieces)


def test_rows_of_a_project_that_had_none_stay_in_its_piece(corpus: tuple[list, list[list[list[str]]]]) -> None:
    """The last project of the first piece has no rows: they begin where the second piece does,
    and the rows it gets belong to the first (``owners``), as a full build cuts them."""
    projects, per = corpus
    per[2] = []
    old, bounds, pieces = made(projects, per)
    first = bounds_of(0, map(len, per))
    assert first[2] == first[3] == pieces[INDICATORS_SHEET].cuts[1]
    new = [list(rows) for rows in per]
    new[2] = per[1][:3]
    got = replace_rows(old, bounds, {INDICATORS_SHEET: {first[2]: (0, new[2])}}, WHEN, pieces, {INDICATORS_SHEET: {first[2]: 0}})
    want, want_bounds, want_pieces = made(projects, new)
    assert (got, bounds, pieces) == (want, want_bounds, want_pieces)


def test_a_block_outside_its_piece_is_refused(corpus: tuple[list, list[list[list[str]]]]) -> None:
    projects, per = corpus
    old, bounds, pieces = made(projects, per)
    first = bounds_of(0, map(len, per))
    with pytest.raises(ValueError, match="not in piece"):
        replace_rows(old, bounds, {INDICATORS_SHEET: {first[4]: (len(per[4]), per[4])}}, WHEN, pieces, {INDICATORS_SHEET: {first[4]: 0}})
