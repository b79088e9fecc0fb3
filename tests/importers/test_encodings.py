"""Encodings and widths: Windows exports (GBK/GB18030, UTF-16 with or without BOM, CRLF) and
full-width input import exactly like the UTF-8 seed; values are parsed from the folded
form while the published text is kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.importers import import_file
from generator.importers.text import _common_hanzi, decode
from generator.yamlio import dump_project

NUMERIC = re.compile(r"[=≥≤<>]?[\d.,]+(\(.*\))?")
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "gbk"]
FULLWIDTH = str.maketrans({**{chr(ord("0") + i): chr(0xFF10 + i) for i in range(10)}, "=": "＝", ">": "＞", "%": "％", ".": "．", "(": "（", ")": "）", "-": "－"})


def _canonical(projects) -> list[str]:  # type: ignore[no-untyped-def]
    """Projects as YAML, without the file hash (which differs by encoding, by design)."""
    out = []
    for p in projects:
        p = p.model_copy(deep=True)
        p.source.sha256 = p.source.file = None  # type: ignore[assignment]
        out.append(dump_project(p))
    return out


@pytest.fixture(scope="module")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text("utf-8")


@pytest.fixture(scope="module")
def reference(seed_path: Path) -> list[str]:
    result = import_file(seed_path)
    assert result.problems == [] and len(result.projects) == 11
    return _canonical(result.projects)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_seed_in_any_encoding_imports_the_same(tmp_path: Path, seed_text: str, reference: list[str], encoding: str, newline: str) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(seed_text.replace("\n", newline).encode(encoding))
    result = import_file(path)
    assert result.problems == []
    assert _canonical(result.projects) == reference


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_starting_with_han(encoding: str) -> None:
    """No ASCII at the start, so no NUL-byte pattern to go by: readability decides."""
    for text in ["财政项目支出绩效目标表", "财政", "项目名称\t残疾人就业保障金\r\n"]:
        assert decode(text.encode(encoding)) == text


def test_gbk_that_is_also_valid_utf8() -> None:
    """GBK bytes of these characters are valid UTF-8 (Arabic and Hebrew letters); the Chinese reading wins."""
    tricky = "".join(sorted(c for c in _common_hanzi() if 0xC2 <= c.encode("gbk")[0] <= 0xDF and c.encode("gbk")[1] <= 0xBF))
    assert len(tricky) > 100
    for text in [tricky[:2], tricky[:12], tricky[100:140]]:
        data = text.encode("gbk")
        assert data.decode("utf-8") != text  # really valid UTF-8, and wrong
        assert decode(data) == text


def test_gbk_that_is_also_valid_utf16(seed_text: str) -> None:
    """GBK lines whose bytes also decode without error as UTF-16 (mojibake): GB18030 must win."""
    both = []
    for line in seed_text.split("\n"):
        data = line.encode("gbk")
        try:
            data.decode("utf-16-le")
        except UnicodeDecodeError:
            continue
        if len(data) >= 4 and not line.isascii():
            both.append(line)
    assert len(both) >= 10
    for line in both:
        assert decode(line.encode("gbk")) == line


def test_utf8_with_rare_characters_stays_utf8() -> None:
    text = "项目名称\t𠮷野家 Ñandú ☃ 😀 丌亍"
    assert decode(text.encode("utf-8")) == text


@pytest.mark.parametrize("data", [bytes(range(256)) * 4, b"\x80\x81\xff" * 100, b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(128, 256))], ids=["all-bytes", "high", "zip"])
def test_binary_garbage_is_not_text(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(UnicodeDecodeError):
        decode(data)
    path = tmp_path / "garbage.txt"
    path.write_bytes(data)
    result = import_file(path)
    assert result.projects == []
    assert [(p.path, p.line) for p in result.problems] == [("garbage.txt", 1)]
    assert "cannot decode text" in result.problems[0].message


def test_fullwidth_values_parse_like_ascii_and_keep_published_text(tmp_path: Path, seed_text: str, seed_path: Path) -> None:
    """Full-width digits, operators and brackets in target values and amounts (typed with a Chinese IME)."""
    lines = []
    for line in seed_text.split("\n"):
        cells = line.split("\t")
        # values: the last cell of indicator rows; amounts: cells that are plain numbers
        cells = [c.translate(FULLWIDTH) if NUMERIC.fullmatch(c) else c for c in cells]
        lines.append("\t".join(cells))
    wide = "\n".join(lines).replace("\t", "\u3000\t")  # and ideographic spaces around cells
    assert wide != seed_text and "＝１００．００（％）" in wide
    path = tmp_path / "wide.txt"
    path.write_text(wide, "utf-8")
    got, ref = import_file(path), import_file(seed_path)
    assert got.problems == []
    assert len(got.projects) == len(ref.projects)
    for g, r in zip(got.projects, ref.projects):
        assert g.funds == r.funds
        assert len(g.indicators) == len(r.indicators)
        for gi, ri in zip(g.indicators, r.indicators):
            assert (gi.name, gi.level1, gi.level2) == (ri.name, ri.level1, ri.level2)
            assert (gi.target.operator, gi.target.number, gi.target.unit) == (ri.target.operator, ri.target.number, ri.target.unit)
            published = ri.target.text.translate(FULLWIDTH) if NUMERIC.fullmatch(ri.target.text) else ri.target.text
            assert gi.target.text == published  # as published, not folded
