"""zip_bytes: ZIP archives with fixed entry dates and modes that zipfile reads back and verifies."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from generator.export.stablezip import deflate, zip_bytes


@pytest.mark.parametrize("when, stamp", [(date(2024, 5, 17), (2024, 5, 17, 0, 0, 0)), (None, (1980, 1, 1, 0, 0, 0)),
                                         (date(1970, 6, 1), (1980, 1, 1, 0, 0, 0))])
def test_entries_read_back_with_one_date(when: date | None, stamp: tuple[int, ...]) -> None:
    contents = {"[Content_Types].xml": b"<Types/>", "word/document.xml": "绩效目标表".encode() * 50, "empty": b""}
    data = zip_bytes([deflate(name, body) for name, body in contents.items()], when)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None  # every CRC matches
        assert [i.filename for i in zf.infolist()] == list(contents)
        assert {i.date_time for i in zf.infolist()} == {stamp}
        assert {i.external_attr >> 16 for i in zf.infolist()} == {0o100644}
        assert {name: zf.read(name) for name in contents} == contents


def test_same_entries_same_bytes_whatever_the_clock() -> None:
    entries = [deflate("a.xml", b"<a/>" * 100)]
    assert zip_bytes(entries, date(2023, 1, 1)) == zip_bytes(list(entries), date(2023, 1, 1))
    assert zip_bytes(entries, date(2023, 1, 1)) != zip_bytes(entries, date(2023, 1, 2))
