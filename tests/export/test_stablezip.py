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


def test_pieces_inflated_and_deflated_again_alone_give_the_member_deflated_anew() -> None:
    """``deflate_pieces`` makes one valid stream whose pieces inflate alone; pieces deflated
    again (``deflate_piece``) and joined with the others (``join_pieces``: the CRC combined from
    the pieces') give the same bytes as deflating every piece of the new content (empty pieces
    and the last included)."""
    import random

    from generator.export.stablezip import deflate_piece, deflate_pieces, join_pieces

    rng = random.Random(1)
    for _ in range(40):
        pieces = [bytes(rng.choice(b"ab<row/>\xe4") for _ in range(rng.randrange(0, 3000))) for _ in range(rng.randrange(1, 9))]
        entry, lengths, crcs = deflate_pieces("x.xml", pieces, 6)
        assert zlib.decompress(entry.data, -15) == b"".join(pieces) and entry.crc == zlib.crc32(b"".join(pieces))
        starts = [sum(lengths[:n]) for n in range(len(pieces))]
        compressed = [entry.data[at:at + length] for at, length in zip(starts, lengths)]
        assert [zlib.decompressobj(-15).decompress(c) for c in compressed] == pieces
        for n in rng.sample(range(len(pieces)), rng.randrange(0, len(pieces) + 1)):
            pieces[n] = bytes(rng.choice(b"cd") for _ in range(rng.randrange(0, 2000)))
            compressed[n], crcs[n] = deflate_piece(pieces[n], n == len(pieces) - 1, 6), zlib.crc32(pieces[n])
        again = join_pieces("x.xml", compressed, crcs, [len(p) for p in pieces])
        assert (again, list(map(len, compressed)), crcs) == deflate_pieces("x.xml", pieces, 6)
        assert zlib.decompress(again.data, -15) == b"".join(pieces)


def test_crc32_combine_is_zlibs() -> None:
    import random

    from generator.export.stablezip import crc32_combine

    rng = random.Random(2)
    for _ in range(200):
        a, b = (bytes(rng.randrange(256) for _ in range(rng.randrange(0, 700))) for _ in range(2))
        assert crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)
    big = bytes(range(256)) * 70_000  # 17.9 MB, the size of a 10,000-project indicators sheet
    assert crc32_combine(zlib.crc32(b"head"), zlib.crc32(big), len(big)) == zlib.crc32(b"head" + big)
