"""One filled-in DOCX form per project, reproducible: dated with the project's 'last updated' day.

No cache and no worker processes: a form takes ~0.3 ms to write (``docx_form``), less than
hashing the project's canonical YAML for a cache key would. Set ``JX_DOCX=0`` to leave the
forms out (e.g. for quick previews of a large corpus).
"""

from __future__ import annotations

import os
from datetime import date
from typing import Mapping, Sequence

from generator.export.docx_form import docx_bytes
from generator.schema import Project


def available() -> bool:
    """True unless the DOCX forms are switched off with ``JX_DOCX=0``."""
    return os.environ.get("JX_DOCX", "1") != "0"


def docx_forms(projects: Sequence[Project], updated: Mapping[str, date]) -> dict[str, bytes]:
    """Project id → DOCX bytes, every ZIP entry dated with the project's 'last updated' date."""
    return {p.id: docx_bytes([p], updated.get(p.id, date(p.year, 1, 1))) for p in projects}
