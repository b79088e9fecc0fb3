"""A project page's CSV and DOCX downloads, made in the browser (generator/assets/js/downloads.js).

Python's exporters are the reference: every download on every seed page, on pages with every
optional column and every case ``data-fix`` exists for (tests/cases/downloads), on hostile text
(tests/cases/injection) and on synthetic pages is clicked, and

- the CSV is byte-identical to ``opendata.project_csv`` (BOM, CRLF, parsed columns, quoting);
- the DOCX holds the ``word/document.xml`` of ``docx_form.document_xml``, string-equal, dated
  with the page's 最后更新 day, the same bytes on every click, and imports back through
  ``generator/importers/docx.py`` exactly as Python's form does (for the forms that round-trip,
  to the very project).

The script's port of the value parser is compared with ``generator/values.py`` on every value of
the seed, of the YAML fixtures, of a 1,000-project synthetic corpus, the parser's own cases and
5,000 generated near-values.
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from datetime import date
from pathlib import Path

import yaml

from generator.export.docx_form import document_xml, docx_bytes
from generator.export.downloads import _cells
from generator.export.downloads_js import script
from generator.export.opendata import project_csv
from generator.importers import import_file
from generator.load import load_projects
from generator.schema import CONTROL_CHARACTERS, Project
from generator.synth import synthesize
from generator.values import parse_value
from generator.yamlio import dump_project

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
CASES = ROOT / "tests" / "cases"


def _projects(content: Path) -> list[Project]:
    loaded = load_projects(content)
    assert loaded.problems == []
    return loaded.projects


def _click(page, name: str) -> tuple[str, bytes]:  # type: ignore[no-untyped-def]
    with page.expect_download() as info:
        page.get_by_role("link", name=name).click()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


def _rows(data: bytes) -> list[list[str]]:
    """The data rows of a CSV file (after its header)."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))[1:]


def _bare(project: Project) -> str:
    """Canonical YAML without what the form does not carry: the source and the id (the importer makes one)."""
    return dump_project(project.model_copy(update={"source": None, "id": "x"}))


def _imported(data: bytes, path: Path) -> tuple[list[str], list[tuple[int, str, str]]]:
    path.write_bytes(data)
    result = import_file(path)
    return [_bare(p) for p in result.projects], [(p.line, p.field, p.message) for p in result.problems]


def _check_page(page, server, project: Project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url(f"projects/{project.id}.html"))
    name, data = _click(page, "绩效指标 CSV")
    assert name == f"{project.id}-indicators.csv"
    assert data == project_csv(project), project.id
    name, data = _click(page, "Word 表格（DOCX）")
    assert name == f"{project.id}.docx"
    day = date.fromisoformat(page.locator(".jx-updated time").get_attribute("datetime"))
    with zipfile.ZipFile(io.BytesIO(data)) as form:
        assert form.testzip() is None
        assert form.namelist() == ["[Content_Types].xml", "_rels/.rels", "word/document.xml"]
        assert {i.date_time for i in form.infolist()} == {(day.year, day.month, day.day, 0, 0, 0)}
        assert form.read("word/document.xml").decode("utf-8") == document_xml([project]), project.id
    assert _click(page, "Word 表格（DOCX）")[1] == data  # deterministic
    reference = docx_bytes([project], day)
    ours = _imported(data, tmp_path / "browser.docx")
    assert ours == _imported(reference, tmp_path / "python.docx"), project.id
    if ours[0] == [_bare(project)]:
        return
    assert project.id in ROUND_TRIP_LOSSY, f"{project.id} does not import back to itself"


ROUND_TRIP_LOSSY = {"2024-edge-text", "2024-edge-yuan", "2023-injection"}
"""Forms Python's own writer cannot round-trip either (tabs, source labels that are not labels,
amounts below a 元 cent, markup that reads as form labels): checked against Python's form only."""


def test_every_seed_page_downloads_what_python_writes(guarded, server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, _ = guarded
    projects = _projects(CONTENT)
    assert len(projects) == 11
    for project in projects:
        _check_page(page, server, project, tmp_path)
        assert project.id not in ROUND_TRIP_LOSSY


def test_every_fixture_page_downloads_what_python_writes(downloads_guarded, downloads_server, downloads_content: Path,
                                                         tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Also the fifth stage of "nothing lost" (tests/test_build_reliability.py counts YAML = Markdown = HTML =
    data/indicators.csv): the rows of every page's CSV download are data/indicators.csv's, in order."""
    page, _ = downloads_guarded
    projects = _projects(downloads_content)
    assert len(projects) == 30 + 13 + 3  # DOWNLOAD_SYNTHETIC + DOWNLOAD_FIXTURES + the odd projects
    fixed = set()
    downloaded: list[str] = []
    for project in projects:
        _check_page(page, downloads_server, project, tmp_path)
        downloaded += _rows(_click(page, "绩效指标 CSV")[1])
        if page.locator(".jx-downloads[data-fix]").count():
            fixed.add(project.id)
    bulk = _rows((downloads_server.root / "data" / "indicators.csv").read_bytes())
    order = {p.id: n for n, p in enumerate(sorted(projects, key=lambda p: (p.year, p.department, p.id)))}
    assert len(downloaded) == len(bulk) == sum(len(p.indicators) for p in projects) > 200
    assert sorted(downloaded, key=lambda row: order[row[0]]) == bulk
    # 元 forms, amounts beyond cents, tabs and CRs, labels as printed, stored parts unlike the text's
    assert fixed == {"2024-edge-text", "2024-edge-yuan", "2024-edge-cents", "2023-zhi-ye-ji-neng-pei-xun-bu-tie",
                     "2024-nong-cun-gong-shui-ti-sheng-gong-cheng"}


def test_downloads_work_from_disk(disk_guarded, disk_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Opened from file:// (a double-clicked site/index.html): the script loads and the Blob download works."""
    page, guard = disk_guarded
    for project in _projects(CONTENT)[:2]:
        _check_page(page, disk_site, project, tmp_path)
    assert any(u.endswith("/assets/jx/js/downloads.js") for u in guard.requests)


def test_without_javascript_only_the_yaml_link_shows(browser, server) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url("projects/2023-dang-jian-jing-fei.html"))
    bar = page.locator(".jx-downloads")
    assert bar.get_by_role("link", name="YAML 数据").is_visible()
    assert bar.locator("a:visible").count() == 1
    assert page.get_by_text("绩效指标 CSV").is_hidden() and page.get_by_text("Word 表格（DOCX）").is_hidden()
    context.close()


def test_the_script_is_fetched_on_the_first_click_only(guarded, server) -> None:  # type: ignore[no-untyped-def]
    page, guard = guarded
    page.goto(server.url("projects/2023-dang-jian-jing-fei.html"))
    assert not any(u.endswith("downloads.js") for u in guard.requests)
    for _ in range(2):
        _click(page, "绩效指标 CSV")
    assert sum(u.endswith("downloads.js") for u in guard.requests) == 1


# -- the value parser port --------------------------------------------------------------------------


OPERATORS = ["", "", "=", "≥", ">=", "=>", "＞＝", "≧", "≦", "<=", "<", ">", "±", "+-", "+/-", "==", "约", "≈"]
NUMBERS = ["1", "23", "4,567", "1,234,567.89", "12,34", "0.50", "007", "-0", "+0.00", "-3.5", "1.", ".5", "٣", "５０", "१०", "①",
           "²", "1e3", "12345678901234567890123456789.123"]
UNITS = ["", "%", "％", "‰", "人", "人/次", "元/人", "万元", "月", "月底前", "季度", "周", "km", "A", "以上", "次", "ｍ²", "个/年/人",
         "(人)", "（人）", "( % )", "()", "(a(b))", "(台)"]
SPACES = ["", "", "", " ", "  ", "\u3000", "\xa0", "\t", "\ufeff", "\u2028", "\x85"]


def _near_values(n: int) -> list[str]:
    """``[space][operator][space]number[space][unit][space]`` with a piece swapped, dropped or doubled now and then."""
    rng = random.Random(20261125)
    out = []
    for _ in range(n):
        parts = [rng.choice(SPACES), rng.choice(OPERATORS), rng.choice(SPACES), rng.choice(NUMBERS), rng.choice(SPACES),
                 rng.choice(UNITS), rng.choice(SPACES)]
        if rng.random() < 0.3:
            parts[rng.randrange(len(parts))] = rng.choice(OPERATORS + NUMBERS + UNITS)
        if rng.random() < 0.1:
            parts.insert(rng.randrange(len(parts)), rng.choice(parts))
        out.append("".join(parts))
    return out


def _fixture_values() -> set[str]:
    """Every target text of every YAML fixture under tests/cases (valid or not), and the parser's case file."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("target", "long_term_target"):
                    if isinstance(value, dict) and isinstance(value.get("text"), str):
                        found.add(value["text"])
                    elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
                        found.add(str(value))
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in sorted(CASES.rglob("*.yaml")):
        try:
            walk(yaml.safe_load(path.read_text("utf-8")))
        except Exception:  # noqa: BLE001 - some fixtures are broken on purpose (tests/cases/fuzz-regressions)
            continue
    for line in (CASES / "values" / "values.tsv").read_text("utf-8").split("\n"):
        if line and not line.startswith("#"):
            found.add(line.split("\t")[0])
    return found


def test_the_script_parses_every_value_as_python_does(context) -> None:  # type: ignore[no-untyped-def]
    seed = {t.text for p in _projects(CONTENT) for i in p.indicators for t in (i.target, i.long_term_target) if t}
    synthetic = {t.text for p in synthesize(1000, 5, 1) for i in p.indicators for t in (i.target, i.long_term_target) if t}
    issue = {"=100.00(%)", "≥4500.00(名)", "及时", "区一级10家，区一级示范点5家", "约100-200人/场", "＞＝９０％", "2,863.00", "abc"}
    groups = {"seed": seed, "fixtures": _fixture_values(), "synthetic": synthetic, "cases": issue, "near": set(_near_values(5000))}
    groups = {name: {t for t in texts if not CONTROL_CHARACTERS.search(t)} for name, texts in groups.items()}
    assert len(seed) > 50 and len(synthetic) > 1000 and len(groups["fixtures"]) > 100
    page = context.new_page()
    page.set_content("<!doctype html><title>parse</title>")
    page.add_script_tag(content=script().decode("utf-8"))
    for name, values in groups.items():
        texts = sorted(values)
        got = page.evaluate("texts => texts.map(t => window.jxDownloads.parse(t))", texts)
        wrong = [(t, g, list(_cells(parse_value(t)))) for t, g in zip(texts, got) if g != list(_cells(parse_value(t)))]
        assert not wrong, f"{name}: {len(wrong)} of {len(texts)} differ, e.g. {wrong[:5]}"
    page.close()
