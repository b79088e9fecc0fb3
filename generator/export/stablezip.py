"""Make a ZIP-based file (XLSX, DOCX) byte-reproducible: fixed entry timestamps and attributes.

Why: openpyxl and python-docx stamp every ZIP entry with the wall clock, so two builds of the
same data would differ. The entries are rewritten in their original order with a date taken
from the data, so a rebuild gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a ZIP entry can carry
CORE = "docProps/core.xml"
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")


def stamp_zip(path: Path, when: date | None = None) -> None:
    """Rewrite the file ``path`` in place with ``stamped`` (below)."""
    path.write_bytes(stamped(path.read_bytes(), when))


def stamped(archive: bytes, when: date | None = None) -> bytes:
    """``archive`` rewritten so every entry has the date ``when`` (midnight), or 1980-01-01.

    The document's own created/modified dates (``docProps/core.xml``, written by openpyxl and
    python-docx from the clock) are set to the same day.
    """
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0) if when else EPOCH
    iso = "%04d-%02d-%02dT00:00:00Z" % stamp[:3]
    with zipfile.ZipFile(io.BytesIO(archive)) as src:
        entries = [(info.filename, src.read(info)) for info in src.infolist()]
    entries = [(name, _CORE_DATES.sub(rb"\g<1>" + iso.encode() + rb"\g<2>", data) if name == CORE else data) for name, data in entries]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            out.writestr(info, data, compresslevel=6)
    return buffer.getvalue()
