"""One filled-in DOCX form per project, reproducible: dated with the project's 'last updated' day.

Not a build producer any more: a project page makes its form in the browser
(``generator/assets/js/downloads.js``, the same ``word/document.xml``). This stays the library
call for all forms at once and the reference the tests compare the browser's forms with.
"""

from __future__ import annotations

from datetime import date
from typing import Mapping, Sequence

from generator.export.docx_form import docx_bytes
from generator.schema import Project


def docx_forms(projects: Sequence[Project], updated: Mapping[str, date]) -> dict[str, bytes]:
    """Project id → DOCX bytes, every ZIP entry dated with the project's 'last updated' date."""
    return {p.id: docx_bytes([p], updated.get(p.id, date(p.year, 1, 1))) for p in projects}
