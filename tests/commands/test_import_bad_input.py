"""``import`` with garbage: one ``Error: …`` line, exit status 1, nothing written, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

GARBAGE = {
    "binary.txt": bytes(range(256)) * 8,
    "empty.txt": b"",
    "bom-only.txt": b"\xef\xbb\xbf",
    "utf16-bom-odd.txt": b"\xff\xfe\x41",
    "nul.txt": b"\x00" * 100,
    "zip-named-txt.txt": b"PK\x03\x04" + bytes(range(200, 256)) * 4,
    "no-table.tsv": "会议纪要\t无\r\n".encode("gbk"),
    "title-only.txt": "财政项目支出绩效目标表\n(2023年度)\n".encode("utf-16"),
    "unknown.xyz": b"whatever",
}


@pytest.mark.parametrize("name", sorted(GARBAGE))
def test_garbage_file_is_refused_cleanly(tmp_path: Path, name: str) -> None:
    src = tmp_path / name
    src.write_bytes(GARBAGE[name])
    out = tmp_path / "content"
    result = CliRunner().invoke(main, ["import", str(src), "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith("Error: ") and "nothing was written" in lines[-1]
    for line in lines[:-1]:  # every problem names the file and a line
        assert line.startswith(f"{name}:"), line
    assert not out.exists()


def test_garbage_next_to_good_file_writes_nothing(tmp_path: Path, seed_path: Path) -> None:
    """One bad file among good ones: nothing at all is written (not the good part either)."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "content"
    result = CliRunner().invoke(main, ["import", str(seed_path), str(bad), "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith("Error: ")
    assert not out.exists()


@pytest.mark.parametrize(("department", "name"), [("../../逃逸部门", "/etc/passwd"), ("..", ".."), ("a/b\\c", "./.hidden"), ("部门\x00", "名称:*?<>|")])
def test_names_cannot_write_outside_the_content_dir(tmp_path: Path, seed_path: Path, department: str, name: str) -> None:
    seed = seed_path.read_text("utf-8")
    first = "财政项目支出绩效目标表" + seed.split("财政项目支出绩效目标表")[1]
    table = first.replace("闵行区总工会(汇总)", department).replace("残疾人就业保障金", name)
    work = tmp_path / "deep" / "work"
    work.mkdir(parents=True)
    src = work / "table.txt"
    src.write_text(table, "utf-8")
    out = work / "content"
    result = CliRunner().invoke(main, ["import", str(src), "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p != src]
    assert len(written) == 1 and written[0].resolve().is_relative_to(out.resolve()), written
    assert len(written[0].relative_to(out).parts) == 3  # <year>/<department>/<name>.yaml
