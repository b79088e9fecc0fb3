"""The seed text importer: every table, every field, every indicator row; no cell lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importers import import_file
from generator.importers.form import _header_key
from generator.importers.text import clean_cell, decode, split_tables
from generator.labels import squeeze, vocabulary
from generator.load import load_projects
from generator.schema import Project
from generator.yamlio import dump_project

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "seed_import.txt"


def _listing(projects: list[Project]) -> str:
    """A reviewable plain-text listing of everything the importer read."""

    def amount(value: object) -> str:
        return "" if value is None else str(value)

    out: list[str] = []
    for p in projects:
        f = p.funds
        assert p.source is not None
        out.append(f"## {p.source.table} {p.name} | {p.category} | {p.department} | {p.implementer} | {p.start_date}..{p.end_date} | {p.year}")
        out.append("funds | " + " | ".join(amount(getattr(f, k)) for k in ("total", "fiscal", "other", "annual_total", "annual_fiscal", "annual_carryover", "annual_other")))
        out.append(f"goal period | {p.goals.total_period}")
        out.append(f"goal total | {p.goals.total}")
        out.append(f"goal annual | {p.goals.annual}")
        for i in p.indicators:
            pub = (" | published " + ",".join(f"{k}={v}" for k, v in sorted(i.published.items()))) if i.published else ""
            out.append(f"{i.level1} | {i.level2} | {i.name} | {i.target.text if i.target else ''}{pub}")
    return "\n".join(out) + "\n"


@pytest.fixture(scope="module")
def seed_import(seed_path: Path):  # type: ignore[no-untyped-def]
    return import_file(seed_path)


def test_seed_imports_eleven_tables_without_problems(seed_import) -> None:  # type: ignore[no-untyped-def]
    assert seed_import.problems == []
    assert len(seed_import.projects) == 11
    assert [p.source.table for p in seed_import.projects] == list(range(1, 12))


def test_seed_listing_matches_golden(seed_import, golden) -> None:  # type: ignore[no-untyped-def]
    golden(GOLDEN, _listing(seed_import.projects))


@pytest.mark.parametrize(
    ("table", "name", "total", "indicators"),
    [
        (1, "残疾人就业保障金", "9.00", 7),
        (2, "党建经费", "2.00", 11),
        (3, "法律顾问费", "2.00", 6),
        (4, "法律援助办案补贴", "12.50", 14),
        (5, "劳动保护", "15.00", 11),
        (6, "劳模慰问和管理", "142.60", 14),
        (7, "群团改革专项", "104.08", 9),
        (8, "使用地方教育附加专项资金开展职工职业培训工作", "2863.00", 19),
        (9, "退管会工作", "29.52", 11),
        (10, "政府雇员", "24.70", 14),
        (11, "职业化、社会化工会工作者保障经费项目", "31.28", 11),
    ],
)
def test_each_seed_table(seed_import, table: int, name: str, total: str, indicators: int) -> None:  # type: ignore[no-untyped-def]
    project = seed_import.projects[table - 1]
    assert project.name == name
    assert str(project.funds.total) == total == str(project.funds.annual_total) == str(project.funds.fiscal)
    assert project.funds.other is None and project.funds.annual_carryover is None and project.funds.annual_other is None
    assert len(project.indicators) == indicators
    assert project.category == "经常性项目"
    assert project.year == 2023 and project.goals.total_period == "2023年-2023年"
    assert "<p>" not in (project.goals.total or "") + (project.goals.annual or "")


def test_every_seed_cell_is_kept(seed_path: Path, seed_import) -> None:  # type: ignore[no-untyped-def]
    """Each non-empty cell is a form label or a value that appears in the imported project."""
    text = decode(seed_path.read_bytes())
    tables = split_tables(text, seed_path.name)
    vocab = vocabulary()
    labels = set(vocab.level1) | set(vocab.level2) | vocab.section_markers | vocab.indicator_headers
    for table, project in zip(tables, seed_import.projects, strict=True):
        data = dump_project(project)
        for row in table.rows:
            for cell in row:
                if not cell.strip():
                    continue
                key = squeeze(cell)
                if "☑" in cell or key in labels or _header_key(cell) is not None:
                    continue
                value = cell.strip().replace(",", "")
                assert value in data or value.rstrip("0").rstrip(".") in data or squeeze(value) in {squeeze(x) for x in data.splitlines()} or cell.strip() in data, (table.number, cell)


def test_reimport_equals_committed_content(seed_path: Path, seed_import) -> None:  # type: ignore[no-untyped-def]
    """content/ holds exactly what the importer writes for the seed."""
    loaded = load_projects(ROOT / "content", ROOT)
    assert loaded.problems == []
    committed = {item.project.id: item.path.read_text("utf-8") for item in loaded.items}
    for project in seed_import.projects:
        text = committed[project.id]
        body = text.split("\n", 1)[1]  # the first line is the schema comment
        assert body == dump_project(project)


def test_clean_cell_turns_html_into_text() -> None:
    assert clean_cell("<p>一</p><p>二</p>") == "一\n二"
    assert clean_cell('专项资金 <input type="checkbox"/> 经常性项目 <input checked="" type="checkbox"/>') == "专项资金 □ 经常性项目 ☑"
    assert clean_cell("A&amp;B&nbsp;C") == "A&B C"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"])
def test_decode_detects_encodings(encoding: str) -> None:
    text = "财政项目支出绩效目标表\n(2023年度)\n项目名称\t劳动保护\n"
    assert decode(text.encode(encoding)) == text


def test_file_without_table_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("这里没有表格\n", "utf-8")
    result = import_file(path)
    assert result.projects == []
    assert [p.message for p in result.problems] == ["no 绩效目标表 found in this file; nothing was written"]
