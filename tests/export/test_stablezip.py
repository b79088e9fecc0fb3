"""stamp_zip: ZIP-based documents get fixed entry times and document dates, so rebuilds are identical."""

from __future__ import annotations

import time
import zipfile
from datetime import date
from pathlib import Path

import docx

from generator.export.stablezip import stamp_zip


def make_docx(path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("绩效目标表")
    doc.save(str(path))


def test_docx_saved_at_different_times_gets_identical_bytes(tmp_path: Path) -> None:
    make_docx(tmp_path / "a.docx")
    time.sleep(2.1)  # ZIP times have a 2-second resolution
    make_docx(tmp_path / "b.docx")
    for name in ("a.docx", "b.docx"):
        stamp_zip(tmp_path / name, date(2024, 5, 17))
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.docx") as zf:
        assert {i.date_time for i in zf.infolist()} == {(2024, 5, 17, 0, 0, 0)}
        core = zf.read("docProps/core.xml").decode()
    assert "2024-05-17T00:00:00Z</dcterms:modified>" in core
    reopened = docx.Document(str(tmp_path / "a.docx"))
    assert reopened.paragraphs[0].text == "绩效目标表"
    assert reopened.core_properties.modified.date() == date(2024, 5, 17)


def test_no_date_means_the_zip_epoch(tmp_path: Path) -> None:
    path = tmp_path / "x.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.txt", "a")
    stamp_zip(path)
    with zipfile.ZipFile(path) as zf:
        assert zf.infolist()[0].date_time == (1980, 1, 1, 0, 0, 0) and zf.read("a.txt") == b"a"
