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
    return Entry(name, zlib.crc32(content), len(content), _piece(content, True, level))


def deflate_pieces(name: str, pieces: Sequence[bytes], level: int = 9) -> tuple[Entry, list[int]]:
    """The concatenation of ``pieces`` as one raw-deflate member called ``name``, each piece
    deflated on its own and ended with a full flush (the last one ends the stream); and each
    piece's compressed length.

    Why: no piece refers back into another, so one piece can be deflated again alone
    (``redeflate_pieces``) and the member comes out as the same bytes as deflating every piece
    anew (a rebuild that changes one project's rows of a 20 MB worksheet deflates ~100 KB). The
    stream is plain deflate: non-final blocks, an empty stored block after each flush, a final
    block at the end."""
    out = [_piece(data, number == len(pieces) - 1, level) for number, data in enumerate(pieces)]
    return Entry(name, _crc(pieces), sum(map(len, pieces)), b"".join(out)), list(map(len, out))


def redeflate_pieces(entry: Entry, lengths: list[int], pieces: Sequence[bytes], changed: Iterable[int], level: int = 9) -> Entry:
    """``entry`` (made by ``deflate_pieces``) whose content is now ``pieces`` (as many as before),
    the pieces ``changed`` deflated again, the others copied; ``lengths`` updated in place."""
    if len(pieces) != len(lengths):
        raise ValueError(f"{len(pieces)} pieces for {len(lengths)}")
    again = {number: _piece(pieces[number], number == len(pieces) - 1, level) for number in changed}
    out, at = [], 0
    for number, length in enumerate(lengths):
        out.append(again.get(number, entry.data[at:at + length]))
        at += length
    for number, data in again.items():
        lengths[number] = len(data)
    return Entry(entry.name, _crc(pieces), sum(map(len, pieces)), b"".join(out))


def _crc(pieces: Sequence[bytes]) -> int:
    crc = 0
    for data in pieces:
        crc = zlib.crc32(data, crc)
    return crc


def _piece(data: bytes, last: bool, level: int) -> bytes:
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
