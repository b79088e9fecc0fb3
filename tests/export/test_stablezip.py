"""zip_bytes: ZIP archives with fixed entry dates and modes that zipfile reads back and verifies."""

from __future__ import annotations

import io
import zipfile
import zlib
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


def test_pieces_deflated_again_alone_give_the_member_deflated_anew() -> None:
    """``deflate_pieces`` makes one valid stream; ``redeflate_pieces`` of some pieces gives the
    same bytes as deflating every piece of the new content (empty pieces and the last included)."""
    import random

    from generator.export.stablezip import deflate_pieces, redeflate_pieces

    rng = random.Random(1)
    for _ in range(40):
        pieces = [bytes(rng.choice(b"ab<row/>\xe4") for _ in range(rng.randrange(0, 3000))) for _ in range(rng.randrange(1, 9))]
        entry, lengths = deflate_pieces("x.xml", pieces, 6)
        assert zlib.decompress(entry.data, -15) == b"".join(pieces) and entry.crc == zlib.crc32(b"".join(pieces))
        changed = set(rng.sample(range(len(pieces)), rng.randrange(0, len(pieces) + 1)))
        for n in changed:
            pieces[n] = bytes(rng.choice(b"cd") for _ in range(rng.randrange(0, 2000)))
        again = redeflate_pieces(entry, lengths, pieces, changed, 6)
        assert (again, lengths) == deflate_pieces("x.xml", pieces, 6)
        assert zlib.decompress(again.data, -15) == b"".join(pieces)
