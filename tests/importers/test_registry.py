"""Optional readers load only when a file of their type is imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_text_import_does_not_load_docx_or_openpyxl(seed_path: Path) -> None:
    code = (
        "import sys, pathlib\n"
        "from generator.importers import import_file\n"
        f"assert import_file(pathlib.Path({str(seed_path)!r})).projects\n"
        "print(sorted(m for m in ('docx', 'openpyxl', 'pdfplumber') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_optional_reader_registers_on_first_use(tmp_path: Path) -> None:
    from generator.importers import READERS, reader_for

    found = reader_for(".docx")
    assert not isinstance(found, str) and found[0] == "docx" and ".docx" in READERS
