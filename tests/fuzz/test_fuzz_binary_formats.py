"""Fuzz the DOCX, XLSX and PDF readers with damaged real files: every damage is a located problem.

Seeds are made by the project's own exporters (DOCX form, flat XLSX) and a PDF test case;
damage happens inside zip members (truncated, flipped, dropped XML parts) or on raw bytes.
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
from fuzz_run import run_property
from fuzz_checks import check_import_bytes, scratch
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]


@lru_cache(maxsize=1)
def seeds() -> dict[str, bytes]:
    from generator.export.docx_form import write_docx
    from generator.export.xlsx_flat import write_flat_xlsx
    from generator.load import load_projects

    projects = load_projects(ROOT / "content").projects[:2]
    folder = scratch()
    write_docx(projects, folder / "seed.docx")
    write_flat_xlsx(projects, folder / "seed.xlsx")
    pdf = min((ROOT / "tests" / "cases" / "pdf").glob("*/*.pdf"), key=lambda p: p.stat().st_size)
    return {".docx": (folder / "seed.docx").read_bytes(), ".xlsx": (folder / "seed.xlsx").read_bytes(), ".pdf": pdf.read_bytes()}


@st.composite
def damaged_member(draw: st.DrawFn, data: bytes) -> bytes:
    """The zip with some members truncated, altered or dropped (re-compressed, so the zip itself is valid)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            op = draw(st.sampled_from(["keep", "keep", "keep", "truncate", "alter", "drop"]))
            if op == "drop":
                continue
            if op == "truncate" and body:
                body = body[: draw(st.integers(0, len(body) - 1))]
            elif op == "alter" and body:
                pos = draw(st.integers(0, len(body) - 1))
                body = body[:pos] + draw(st.sampled_from([b"<", b">", b'"', b"&", b"\x00", b"\xff\xfe", b"<x/>", b"]]>", b"=1"])) + body[pos + 1 :]
            z.writestr(info.filename, body)
    return out.getvalue()


@st.composite
def damaged_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    raw = bytearray(data)
    for _ in range(draw(st.integers(1, 12))):
        raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        del raw[draw(st.integers(0, len(raw) - 1)) :]
    return bytes(raw)


@st.composite
def damaged_file(draw: st.DrawFn) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from([".docx", ".xlsx", ".pdf"]))
    data = seeds()[suffix]
    if suffix != ".pdf" and draw(st.booleans()):
        return suffix, draw(damaged_member(data))
    return suffix, draw(damaged_bytes(data))


def check_damaged(case: tuple[str, bytes]) -> None:
    suffix, data = case
    check_import_bytes(data, "damaged" + suffix)


def test_binary_formats_quick() -> None:
    run_property(check_damaged, damaged_file(), 40)


@pytest.mark.fuzz
def test_binary_formats_fuzz(fuzz_examples: int) -> None:
    run_property(check_damaged, damaged_file(), max(40, fuzz_examples // 5))
