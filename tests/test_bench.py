"""The benchmark runs end to end at a tiny size and prints its one table (figures are not asserted)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.bench import EXCLUDE, Row, format_table, naive_pages
from generator.cli import main


@pytest.mark.slow
def test_smoke_run_prints_one_table_with_baseline_and_ratios(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["bench", "--smoke", "--jobs", "1,2", "--work", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("| N | variant | generate s | MkDocs s | total s (CPU) | incremental s (% of total) | peak MB")
    assert [line.split("|")[2].strip() for line in lines[2:6]] == ["ours", "ours, 2 jobs", "baseline", "baseline ÷ ours"]
    incremental = lines[2].split("|")[6].strip()
    assert re.fullmatch(r"\d+\.\d \(\d+%\)", incremental), incremental
    others = lines[2].split("|")[12].strip()
    assert re.fullmatch(r"\d+\.\d \(\d+%\)( · \d+\.\d \(\d+%\)){6}", others), others
    assert "cores" in result.output
    for variant in ("ours-1", "ours-2", "baseline"):
        assert (tmp_path / "n30" / variant / "site" / "search" / "search_index.json").is_file()
    assert len(list((tmp_path / "n30" / "content").rglob("*.yaml"))) == 30
    texts = "".join(p.read_text("utf-8") for p in (tmp_path / "n30" / "content").rglob("*.yaml"))
    assert "（修订）" not in texts and "改名" not in texts  # every edit undone


def test_naive_pages_drop_search_exclusion() -> None:
    assert EXCLUDE.sub(b"", b'<table class="x" data-search-exclude>') == b'<table class="x">'
    assert EXCLUDE.sub(b"", b'<div data-search-exclude="">') == b"<div>"


def test_naive_pages_drop_our_lean_front_matter(tmp_path: Path) -> None:
    page = tmp_path / "docs" / "projects" / "x.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\ntitle: 甲\nsearch:\n  exclude: true\nhide:\n  - navigation\n  - toc\n---\n\nhide:\n  - kept in the body\n", "utf-8")
    naive_pages(tmp_path / "docs", tmp_path / "naive")
    text = (tmp_path / "naive" / "projects" / "x.md").read_text("utf-8")
    assert text == "---\ntitle: 甲\n---\n\nhide:\n  - kept in the body\n"


def test_table_lists_ratios_only_where_a_baseline_ran() -> None:
    rows = [Row(10, "ours", 0.1, 1.0, 2.0, 3.0, 2.0, 1024, 10**6, 10**5, 10**4, 2048, 0.3, 0.2),
            Row(10, "baseline", 0.1, 1.0, 6.0, 7.0, 5.5, 2048, 4 * 10**6, 2 * 10**5, 2 * 10**4, 8192),
            Row(20, "ours", 0.1, 1.0, 2.0, 3.0, 2.0, 1024, 10**6, 10**5, 10**4, 2048)]
    table = format_table(rows, "2 cores, test CPU")
    ratio = [line for line in table.splitlines() if "baseline ÷ ours" in line]
    assert len(ratio) == 1 and ratio[0].startswith("| 10 |")
    assert "| 3.0× | 2.3× (2.8×) |  | 2.0× | 4.0× | 2.0× | 2.0× | 4.0× |" in ratio[0]
    assert "| 0.3 (10%) |" in table
    assert "Machine: 2 cores, test CPU." in table
    only_jobs = format_table([dataclasses.replace(rows[0], variant="ours, 2 jobs"), rows[1]], "2 cores, test CPU")  # no 1-job run
    assert "| 10 | baseline ÷ ours |  | 3.0× |" in only_jobs
