"""Open-data writers: read every file back and compare with the projects it came from."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from generator.export.opendata import project_csv, write_open_data
from generator.export.rows import INDICATOR_COLUMNS, PROJECT_COLUMNS
from generator.schema import Project
from generator.yamlio import dump_project

UPDATED = {"2022-zhi-gong-pei-xun": date(2024, 3, 1), "2023-she-bei-gou-zhi": date(2024, 5, 17)}


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM for Excel"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


@pytest.fixture
def written(tmp_path: Path, multiyear: list[Project]) -> Path:
    write_open_data(multiyear, tmp_path, UPDATED)
    return tmp_path


def test_projects_csv_has_one_row_per_project_with_all_fields(written: Path, multiyear: list[Project]) -> None:
    rows = {row["id"]: row for row in read_csv(written / "data" / "projects.csv")}
    assert set(rows) == {p.id for p in multiyear}
    for project in multiyear:
        row = rows[project.id]
        assert list(row) == [c.name for c in PROJECT_COLUMNS]
        assert (row["name"], row["department"], row["implementer"]) == (project.name, project.department, project.implementer)
        assert int(row["year"]) == project.year
        assert row["goal_total"] == (project.goals.total or "")
        for key in ("total", "fiscal", "other", "annual_total", "annual_fiscal", "annual_carryover", "annual_other"):
            value = getattr(project.funds, key)
            assert (Decimal(row[f"funds_{key}"]) if row[f"funds_{key}"] else None) == value, key
        assert int(row["indicator_count"]) == len(project.indicators)
    odd = rows["2023-she-bei-gou-zhi"]
    assert odd["name"] == '设备购置 "<b>&' and odd["implementer"] == "测试单位二, 分部"
    assert odd["goal_total"] == '第一行，含"引号"\n第二行'
    assert odd["funds_total"] == "50.00" and odd["funds_other"] == ""
    assert (odd["table_type"], odd["category"], odd["quantified_count"]) == ("批复表", "一次性项目", "2")


def test_indicators_csv_keeps_order_parts_and_original_text(written: Path, multiyear: list[Project]) -> None:
    rows = read_csv(written / "data" / "indicators.csv")
    assert len(rows) == sum(len(p.indicators) for p in multiyear)
    assert list(rows[0]) == [c.name for c in INDICATOR_COLUMNS]
    by_project: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_project.setdefault(row["project_id"], []).append(row)
    for project in multiyear:
        got = by_project[project.id]
        assert [int(r["position"]) for r in got] == list(range(1, len(project.indicators) + 1))
        for row, ind in zip(got, project.indicators):
            assert (row["level1"], row["level2"], row["name"], row["text"]) == (ind.level1, ind.level2, ind.name, ind.target.text)
            assert row["operator"] == (ind.target.operator or "")
            assert (Decimal(row["number"]) if row["number"] else None) == ind.target.number
    first = by_project["2023-she-bei-gou-zhi"][0]
    assert (first["operator"], first["number"], first["unit"]) == ("=", "3", "台")
    assert (first["long_term_text"], first["long_term_number"], first["weight"], first["direction"]) == ("=5(台)", "5", "20", "正向")
    assert by_project["2022-zhi-gong-pei-xun"][1]["number"] == ""  # 及时: qualitative


def test_json_loads_back_into_equal_projects(written: Path, multiyear: list[Project]) -> None:
    data = json.loads((written / "data" / "projects.json").read_text("utf-8"))
    loaded = {p.id: p for p in (Project.model_validate(item) for item in data["projects"])}
    assert loaded == {p.id: p for p in multiyear}
    raw = next(item for item in data["projects"] if item["id"] == "2023-zhi-gong-pei-xun")
    assert raw["funds"]["total"] == 120.5 and raw["funds"]["fiscal"] == 100  # numbers, not strings
    assert raw["indicators"][0]["target"] == {"text": "≥5000(名)", "operator": "≥", "number": 5000, "unit": "名"}


def test_workbook_has_both_sheets_typed_and_stamped_with_the_data_date(written: Path, multiyear: list[Project]) -> None:
    path = written / "data" / "projects.xlsx"
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["projects", "indicators", "fields"]
    projects = list(wb["projects"].iter_rows(values_only=True))
    assert projects[0] == tuple(c.name for c in PROJECT_COLUMNS)
    assert len(projects) == 1 + len(multiyear)
    header = projects[0]
    row = dict(zip(header, next(r for r in projects[1:] if r[0] == "2023-zhi-gong-pei-xun")))
    assert row["funds_total"] == 120.5 and row["year"] == 2023 and row["name"] == "职工培训"
    assert row["start_date"].date() == date(2023, 1, 1) and row["funds_annual_carryover"] is None
    odd = dict(zip(header, next(r for r in projects[1:] if r[0] == "2023-she-bei-gou-zhi")))
    assert odd["name"] == '设备购置 "<b>&' and odd["goal_total"] == '第一行，含"引号"\n第二行'
    assert [s.title for s in wb.worksheets] == ["projects", "indicators", "fields"] and wb["projects"].freeze_panes == "A2"
    assert len(list(wb["indicators"].iter_rows())) == 1 + sum(len(p.indicators) for p in multiyear)
    assert wb.properties.created.date() == date(2024, 5, 17) == wb.properties.modified.date()
    with zipfile.ZipFile(path) as zf:
        assert {info.date_time for info in zf.infolist()} == {(2024, 5, 17, 0, 0, 0)}


def test_same_projects_give_the_same_bytes(tmp_path: Path, multiyear: list[Project]) -> None:
    write_open_data(multiyear, tmp_path / "a", UPDATED)
    write_open_data(list(reversed(multiyear)), tmp_path / "b", UPDATED)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b and len(files_a) == 5 + len(multiyear)  # data/* and one YAML per project
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_the_yaml_download_is_the_source_file_when_given(tmp_path: Path, multiyear: list[Project]) -> None:
    source = "# an editor's comment\n" + dump_project(multiyear[0])
    write_open_data(multiyear, tmp_path, sources={multiyear[0].id: source})
    assert (tmp_path / "projects" / f"{multiyear[0].id}.yaml").read_text("utf-8") == source
    assert (tmp_path / "projects" / f"{multiyear[1].id}.yaml").read_text("utf-8") == dump_project(multiyear[1])


def test_per_project_yaml_and_csv(written: Path, multiyear: list[Project], tmp_path: Path) -> None:
    """The YAML is a file of the site; the CSV is the project's rows of indicators.csv (the page makes it in the browser)."""
    all_rows = read_csv(written / "data" / "indicators.csv")
    for project in multiyear:
        folder = written / "projects"
        assert (folder / f"{project.id}.yaml").read_text("utf-8") == dump_project(project)
        assert not (folder / f"{project.id}-indicators.csv").exists()
        (tmp_path / "one.csv").write_bytes(project_csv(project))
        rows = read_csv(tmp_path / "one.csv")
        assert rows == [r for r in all_rows if r["project_id"] == project.id]
        assert len(rows) == len(project.indicators)
        assert project_csv(project).decode("utf-8-sig").split("\r\n")[0] == ",".join(c.name for c in INDICATOR_COLUMNS)


@pytest.mark.slow
def test_libreoffice_calc_reads_the_workbook_as_the_csv_files(written: Path, tmp_path: Path) -> None:
    """Cells without references land in the right columns: every sheet equals its CSV (numbers compared as numbers)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path / "calc"
    csv_filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"  # every sheet, UTF-8
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to", csv_filter,
                    "--outdir", str(out), str(written / "data" / "projects.xlsx")], capture_output=True, timeout=180)
    if not (out / "projects-projects.csv").exists():
        pytest.skip("LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui)")

    def same(a: str, b: str) -> bool:
        try:
            return a == b or Decimal(a) == Decimal(b)
        except ArithmeticError:
            return False

    for sheet in ("projects", "indicators"):
        expected = list(csv.reader(io.StringIO((written / "data" / f"{sheet}.csv").read_text("utf-8-sig"), newline="")))
        calc = list(csv.reader(io.StringIO((out / f"projects-{sheet}.csv").read_text("utf-8"), newline="")))
        assert len(calc) == len(expected) > 1
        for want, got in zip(expected, calc):
            got += [""] * (len(want) - len(got))  # Calc leaves trailing empty cells out
            assert all(same(a, b) for a, b in zip(want, got)), (want, got)
