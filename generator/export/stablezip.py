"""Byte-reproducible ZIP archives (DOCX, XLSX): fixed entry dates and attributes, no clock.

Why our own writer: ``zipfile`` stamps nothing we cannot set, but it builds a compressor per
entry; a DOCX download is five small entries of which four never change, so they are deflated
once (``Entry``) and copied into every archive. The layout is the plain one ``zipfile``
writes: local headers with sizes and CRC (no data descriptors, no extra fields), deflate,
Unix mode 0644, a central directory and its end record.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Sequence

EPOCH = (1980, 1, 1)  # the earliest date a ZIP entry can carry
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_VERSION = 20  # 2.0: deflate
_MADE_BY = (3 << 8) | _VERSION  # Unix, so the external attributes below are file modes
_MODE = 0o100644 << 16


@dataclass(frozen=True)
class Entry:
    """One archive member, already deflated."""

    name: str
    crc: int
    size: int
    data: bytes


def deflate(name: str, content: bytes, level: int = 9) -> Entry:
    """``content`` as a raw-deflate ZIP member called ``name``."""
    return Entry(name, zlib.crc32(content), len(content), deflate_piece(content, True, level))


def deflate_pieces(name: str, pieces: Sequence[bytes], level: int = 9) -> tuple[Entry, list[int], list[int]]:
    """The concatenation of ``pieces`` as one raw-deflate member called ``name``, each piece
    deflated on its own and ended with a full flush (the last one ends the stream); and each
    piece's compressed length and CRC-32.

    Why: no piece refers back into another, so one piece can be inflated alone (a raw inflater
    started at its first byte) and deflated again (``deflate_piece``, ``join_pieces``), and the
    member comes out as the same bytes as deflating every piece anew (a rebuild that changes one
    project's rows of a 20 MB worksheet inflates and deflates ~0.5 MB). The stream is plain deflate: non-final
    blocks, an empty stored block after each flush, a final block at the end."""
    out = [deflate_piece(data, number == len(pieces) - 1, level) for number, data in enumerate(pieces)]
    crcs = [zlib.crc32(data) for data in pieces]
    return join_pieces(name, out, crcs, [len(data) for data in pieces]), list(map(len, out)), crcs


def join_pieces(name: str, compressed: Sequence[bytes], crcs: Sequence[int], sizes: Sequence[int]) -> Entry:
    """The member made of deflated pieces (``deflate_piece``), given each piece's CRC-32 and size:
    the member's CRC is theirs combined (``crc32_combine``), no byte of content read again."""
    crc = 0
    for piece_crc, size in zip(crcs, sizes):
        crc = crc32_combine(crc, piece_crc, size)
    return Entry(name, crc, sum(sizes), b"".join(compressed))


_POLY = 0xEDB88320  # CRC-32, reflected


def _multmodp(a: int, b: int) -> int:
    """``a`` × ``b`` modulo the CRC-32 polynomial (reflected bit order), as zlib's ``multmodp``."""
    m, p = 1 << 31, 0
    while True:
        if a & m:
            p ^= b
            if a & (m - 1) == 0:
                return p
        m >>= 1
        b = (b >> 1) ^ _POLY if b & 1 else b >> 1


def _powers() -> list[int]:
    table, p = [], 1 << 30  # x^1
    for _ in range(32):
        table.append(p)
        p = _multmodp(p, p)
    return table


_X2N = _powers()
"""x^(2^n) modulo the polynomial, n = 0..31 (zlib's ``x2n_table``)."""


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """The CRC-32 of A + B from A's (``crc1``), B's (``crc2``) and B's length, as zlib's
    ``crc32_combine`` (which Python's zlib does not offer): ``crc1`` × x^(8·len2), plus ``crc2``."""
    p, n, k = 1 << 31, len2, 3  # x^0; x^(8·len2) = x^(len2·2^3)
    while n:
        if n & 1:
            p = _multmodp(_X2N[k & 31], p)
        n >>= 1
        k += 1
    return _multmodp(p, crc1) ^ crc2


def deflate_piece(data: bytes, last: bool, level: int = 9) -> bytes:
    """``data`` raw-deflated by a compressor of its own: the end of the stream when ``last``,
    else ended with a full flush (byte-aligned, nothing refers back into it)."""
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH)


def dos_stamp(when: date | None) -> tuple[int, int]:
    """(time, date) fields for midnight of ``when`` (dates before 1980 become 1980-01-01)."""
    y, m, d = (when.year, when.month, when.day) if when and when.year >= 1980 else EPOCH
    return 0, ((y - 1980) << 9) | (m << 5) | d


def zip_bytes(entries: Sequence[Entry], when: date | None = None) -> bytes:
    """The archive of ``entries`` in order, every entry dated ``when`` (midnight), else 1980-01-01."""
    tm, dt = dos_stamp(when)
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for e in entries:
        name = e.name.encode("ascii")
        head = _LOCAL.pack(0x04034B50, _VERSION, 0, 8, tm, dt, e.crc, len(e.data), e.size, len(name), 0)
        central.append(
            _CENTRAL.pack(0x02014B50, _MADE_BY, _VERSION, 0, 8, tm, dt, e.crc, len(e.data), e.size, len(name), 0, 0, 0, 0, _MODE, offset)
            + name
        )
        out += (head, name, e.data)
        offset += len(head) + len(name) + len(e.data)
    directory = b"".join(central)
    out += (directory, _END.pack(0x06054B50, 0, 0, len(entries), len(entries), len(directory), offset, 0))
    return b"".join(out)


def read_entries(archive: bytes) -> list[Entry]:
    """The members of an archive ``zip_bytes`` wrote, still compressed (its plain layout only:
    local headers with sizes, no data descriptors, no extra fields)."""
    entries = []
    offset = 0
    while archive[offset:offset + 4] == b"PK\x03\x04":
        fields = _LOCAL.unpack_from(archive, offset)
        crc, packed, size, name_len, extra = fields[6], fields[7], fields[8], fields[9], fields[10]
        start = offset + _LOCAL.size
        name = archive[start:start + name_len].decode("ascii")
        data_start = start + name_len + extra
        entries.append(Entry(name, crc, size, archive[data_start:data_start + packed]))
        offset = data_start + packed
    return entries
