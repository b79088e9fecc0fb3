"""Reliability of ``build`` (issue 8): atomic, reproducible, nothing lost, large and odd content.

Every build runs in a temp copy of the project root (mkdocs.yml, overrides/, content/),
so the repository's build/ and site/ are never touched. Failures are injected with
MkDocs hooks written by the test (the project itself has none), monkeypatched writes and
renames, and SIGKILL; after each, the previous site/ must be complete and unchanged.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator import build as build_module
from generator.load import load_projects

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
GOAL = ("全面提升职工技能培训质量，" * 1700)[:20000]
LEVELS = [("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"), ("成本指标", "经济成本指标"),
          ("效益指标", "社会效益指标"), ("效益指标", "可持续影响指标"), ("满意度指标", "服务对象满意度指标")]
# Department and implementer names that would escape site/ if used as paths.
TRAVERSAL = ["../../逃逸部门", "/etc/passwd", "上级部门/下级部门", "..", "..\\..\\windows", "./.hidden"]


def _project(pid: str, name: str, department: str, indicators: int, goal: str = "年度目标") -> dict:
    rows = []
    for i in range(indicators):
        level1, level2 = LEVELS[(i * len(LEVELS)) // indicators]
        rows.append({"level1": level1, "level2": level2, "name": f"指标{i:03d}：{name}", "target": f"≥{i}.00(人)"})
    return {"id": pid, "year": 2023, "name": name, "category": "一次性项目", "department": department,
            "implementer": department, "start_date": date(2023, 1, 1), "end_date": date(2023, 12, 31),
            "funds": {"total": 1, "fiscal": 1}, "goals": {"total": goal, "annual": goal[:300]}, "indicators": rows}


def make_root(tmp: Path, extra: bool = True) -> Path:
    """A project root: the repository's mkdocs.yml, overrides/ and content/ (+ the odd projects)."""
    tmp.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", tmp / "overrides")
    shutil.copytree(ROOT / "content", tmp / "content")
    if (ROOT / "checks.yaml").exists():
        shutil.copy(ROOT / "checks.yaml", tmp / "checks.yaml")
    if extra:
        odd = tmp / "content" / "odd"
        odd.mkdir()
        big = _project("2023-big", "二百个指标的项目", "大项目部门", 200, GOAL)
        (odd / "big.yaml").write_text(yaml.safe_dump(big, allow_unicode=True, sort_keys=False), "utf-8")
        for n, dept in enumerate(TRAVERSAL):
            data = _project(f"2023-traversal-{n}", f"路径项目{n}", dept, 3)
            (odd / f"traversal-{n}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return tmp


def run(root: Path, *, wait: bool = True, **kw) -> subprocess.CompletedProcess[str] | subprocess.Popen[str]:  # type: ignore[no-untyped-def]
    cmd = [sys.executable, "-m", "generator", "build", "--content", "content", "--site", "site", "--config", "mkdocs.yml"]
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "HOME": str(root)}
    if not wait:
        return subprocess.Popen(cmd, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    return subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=600, **kw)


def tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@dataclass
class Built:
    root: Path
    result: subprocess.CompletedProcess[str]
    hashes: dict[str, str]


@pytest.fixture(scope="module")
def odd(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Seed + a 200-indicator project with a 20,000-character goal + path-traversal names."""
    base = tmp_path_factory.mktemp("odd")
    (base / "outside-sentinel").write_text("must stay alone")
    root = make_root(base / "root")
    content = tree_hashes(root / "content")
    result = run(root)
    assert result.returncode == 0, result.stderr
    assert tree_hashes(root / "content") == content  # generated Markdown goes to build/, never content/
    return Built(root, result, tree_hashes(root / "site"))


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A good build of the seed: the 'previous site/' the failure tests must leave intact."""
    root = make_root(tmp_path_factory.mktemp("previous") / "root", extra=False)
    result = run(root)
    assert result.returncode == 0, result.stderr
    return Built(root, result, tree_hashes(root / "site"))


@pytest.fixture
def fresh(previous: Built, tmp_path: Path) -> Path:
    """A copy of the previous root (with its site/) to break a build in."""
    root = tmp_path / "root"
    shutil.copytree(previous.root, root, symlinks=True)
    assert tree_hashes(root / "site") == previous.hashes
    return root


def assert_site_unchanged(root: Path, previous: Built) -> None:
    assert tree_hashes(root / "site") == previous.hashes
    leftovers = [p.name for p in root.iterdir() if p.name.startswith("site.")]
    assert leftovers == [], leftovers


# -- 3. atomic build -------------------------------------------------------------------

HOOK = """
import errno
count = 0
def on_post_page(output, page, config):
    global count
    count += 1
    if count == 5:  # some pages are already written to the new site dir
        raise {exc}
    return output
"""


@pytest.mark.parametrize(
    "exc", ["RuntimeError('plugin exploded')", "OSError(errno.ENOSPC, 'No space left on device')"], ids=["plugin-error", "disk-full"]
)
def test_failing_mkdocs_step_leaves_previous_site(fresh: Path, previous: Built, exc: str) -> None:
    (fresh / "fail_hook.py").write_text(HOOK.format(exc=exc), "utf-8")
    config = fresh / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nhooks:\n  - fail_hook.py\n", "utf-8")
    result = run(fresh)
    assert result.returncode == 1, result.stderr
    assert "Error: mkdocs build failed" in result.stderr and "Traceback" not in result.stderr.split("Error:")[-1]
    assert_site_unchanged(fresh, previous)


def test_disk_full_while_writing_docs_leaves_previous_site(fresh: Path, previous: Built, monkeypatch: pytest.MonkeyPatch) -> None:
    """The generator's own writes (build/docs) fail: a clean error, site/ untouched."""
    from click.testing import CliRunner

    from generator.cli import main

    import generator.write

    real = generator.write._create
    calls = []

    def full(path: str, data: bytes) -> None:  # inherited by the forked second process too
        calls.append(path)
        if len(calls) > 10:
            raise OSError(errno.ENOSPC, "No space left on device", path)
        real(path, data)

    monkeypatch.chdir(fresh)
    monkeypatch.setattr(generator.write, "_create", full)
    shutil.rmtree(fresh / "build")  # every docs file must be written again
    result = CliRunner().invoke(main, ["build"])
    assert len(calls) > 10
    assert result.exit_code == 1, result.output
    assert "No space left on device" in result.output and result.output.strip().splitlines()[-1].startswith("Error: ")
    monkeypatch.undo()
    assert_site_unchanged(fresh, previous)


def test_failed_swap_puts_previous_site_back(fresh: Path, previous: Built, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rename of the new tree onto site/ fails after site/ was moved aside: it is moved back."""
    real = Path.rename
    site = (fresh / "site").resolve()

    def flaky(self: Path, target: Path) -> Path:
        if Path(target) == site and self.name.startswith("site.new-"):
            raise OSError(errno.EIO, "Input/output error")
        return real(self, target)

    monkeypatch.chdir(fresh)
    monkeypatch.setattr(Path, "rename", flaky)
    with pytest.raises(OSError):
        build_module.build(Path("content"), Path("site"), Path("mkdocs.yml"))
    monkeypatch.undo()
    assert_site_unchanged(fresh, previous)


STALL_HOOK = """
import pathlib, time
def on_post_build(config):  # every page of the new site is written; the swap has not happened
    pathlib.Path(config["config_file_path"]).with_name("stalled").write_text("now")
    time.sleep(120)
"""


def test_killed_build_leaves_previous_site(fresh: Path, previous: Built) -> None:
    (fresh / "stall_hook.py").write_text(STALL_HOOK, "utf-8")
    config = fresh / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nhooks:\n  - stall_hook.py\n", "utf-8")
    proc = run(fresh, wait=False)
    deadline = time.monotonic() + 120
    try:  # kill the build (and MkDocs under it) while MkDocs has a whole new tree written
        while time.monotonic() < deadline and proc.poll() is None and not (fresh / "stalled").exists():
            time.sleep(0.05)
        assert proc.poll() is None, proc.communicate()
        assert any(p.name.startswith("site.new-") for p in fresh.iterdir())
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    assert tree_hashes(fresh / "site") == previous.hashes  # the killed build's site.new-* remains
    config.write_text(config.read_text("utf-8").replace("  - stall_hook.py\n", "").replace("\nhooks:\n", "\n"), "utf-8")
    again = run(fresh)  # the next build cleans up what the killed one left
    assert again.returncode == 0, again.stderr
    assert_site_unchanged(fresh, previous)


def test_build_killed_between_renames_is_recovered(fresh: Path, previous: Built) -> None:
    """Killed after site/ was moved aside and before the new tree took its place: the next
    build (even a failing one) puts the previous site back."""
    (fresh / "site").rename(fresh / "site.old-k1ll3d")
    (fresh / "site.new-half").mkdir()
    (fresh / "site.new-half" / "index.html").write_text("half written")
    config = fresh / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("custom_dir: overrides", "custom_dir: no-such-dir"), "utf-8")
    result = run(fresh)
    assert result.returncode == 1 and "mkdocs build failed" in result.stderr
    assert_site_unchanged(fresh, previous)


# -- 4. reproducible ---------------------------------------------------------------------------


def test_two_builds_are_byte_identical(odd: Built, tmp_path: Path) -> None:
    """A second build, elsewhere and later, gives the same bytes; no date comes from the clock."""
    root = make_root(tmp_path / "elsewhere")
    result = run(root)
    assert result.returncode == 0, result.stderr
    assert tree_hashes(root / "site") == odd.hashes
    today = date.today().isoformat()
    for path in (odd.root / "site").rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".csv", ".md", ".txt"):
            assert today not in path.read_text("utf-8", errors="replace"), path
        if path.suffix == ".gz":
            stamp = int.from_bytes(path.read_bytes()[4:8], "little")
            assert abs(time.time() - stamp) > 86400 * 2, f"{path} carries the build clock"


# -- 5. nothing lost -----------------------------------------------------------------------------


class IndicatorRows(HTMLParser):
    """(三级指标, 年度指标值) of every row of the ``jx-indicators`` table, in order.

    The value cell has no class: it is the cell with as many cells after it as the header has
    columns after 年度指标值 (rowspans only remove cells on the left)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[str, str]] = []
        self.header: list[str] = []
        self.th: list[str] | None = None
        self.depth = 0  # inside table.jx-indicators > tbody
        self.cells: list[tuple[str, str]] | None = None
        self.text: list[str] | None = None
        self.cls = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("th", "td", "tr"):  # the built site omits </th>, </td>, </tr> where HTML allows it
            self.handle_endtag("th")
            self.handle_endtag("td")
            if tag == "tr":
                self.handle_endtag("tr")
        if tag == "table" and "jx-indicators" in (a.get("class") or ""):
            self.depth = 1
        elif self.depth == 1 and tag == "th":
            self.th = []
        elif self.depth and tag == "tbody":
            self.depth = 2
        elif self.depth == 2 and tag == "tr":
            self.cells = []
        elif self.cells is not None and tag == "td":
            self.text, self.cls = [], a.get("class") or ""
        elif tag == "span" and self.text is not None and "jx-published" in (a.get("class") or ""):
            self.text.append("\x00")  # published label variants are not part of the cell text

    def handle_endtag(self, tag: str) -> None:
        if tag in ("tr", "tbody"):
            self.handle_endtag("td")
        if tag in ("th", "thead") and self.th is not None:
            self.header.append("".join(self.th).strip())
            self.th = None
        elif tag == "td" and self.text is not None and self.cells is not None:
            self.cells.append((self.cls, "".join(self.text).split("\x00")[0].strip()))
            self.text = None
        elif tag in ("tr", "tbody") and self.cells is not None:
            after = len(self.header) - self.header.index("年度指标值") - 1
            value = len(self.cells) - 1 - after
            self.rows.append((self.cells[value - 1][1], self.cells[value][1]))
            self.cells = None
        elif tag == "table" and self.depth:
            self.depth = 0
            self.header = []

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)
        if self.th is not None:
            self.th.append(data)


def _rows(markup: str) -> list[tuple[str, str]]:
    parser = IndicatorRows()
    parser.feed(markup)
    return parser.rows


def test_every_indicator_survives_every_stage(odd: Built) -> None:
    """三级 rows: YAML = generated Markdown = HTML = data/indicators.csv, per project, same names and values in order.

    The per-project CSV is no file of the site any more (the page makes it in the browser): the fifth
    stage, every page's CSV download = data/indicators.csv, is counted in tests/browser/test_page_downloads.py."""
    root = odd.root
    loaded = load_projects(root / "content", root)
    assert loaded.problems == []
    table = list(csv.DictReader(io.StringIO((root / "site" / "data" / "indicators.csv").read_text("utf-8-sig"))))
    csv_rows: dict[str, list[tuple[str, str]]] = {}
    for row in table:
        csv_rows.setdefault(row["project_id"], []).append((row["name"], row["text"]))
    counts = {"yaml": 0, "markdown": 0, "html": 0, "csv": len(table)}
    for project in loaded.projects:
        expected = [(i.name, i.target.text if i.target else "") for i in project.indicators]
        md = _rows((root / "build" / "docs" / "projects" / f"{project.id}.md").read_text("utf-8"))
        html = _rows((root / "site" / "projects" / f"{project.id}.html").read_text("utf-8"))
        assert md == expected, project.id
        assert html == expected, project.id
        assert csv_rows.get(project.id, []) == expected, project.id
        counts["yaml"] += len(expected)
        counts["markdown"] += len(md)
        counts["html"] += len(html)
    ids = {p.id for p in loaded.projects}
    assert set(csv_rows) <= ids  # nothing published that is not in the data
    assert {p.stem for p in (root / "site" / "projects").glob("*.html")} == ids
    assert counts["yaml"] == counts["markdown"] == counts["html"] == counts["csv"] == 127 + 200 + 3 * len(TRAVERSAL)


def test_duplicate_ids_are_errors(previous: Built, tmp_path: Path) -> None:
    root = make_root(tmp_path / "root", extra=False)
    source = next((root / "content").rglob("党建经费.yaml"))
    (root / "content" / "copy.yaml").write_text(source.read_text("utf-8").replace("name: 党建经费", "name: 党建经费（副本）"), "utf-8")
    result = run(root)
    assert result.returncode == 1
    assert "duplicate id '2023-dang-jian-jing-fei'" in result.stderr
    assert "content/copy.yaml:2:5: id:" in result.stderr
    assert not (root / "site").exists()


def test_same_slug_names_get_distinct_pages(odd: Built) -> None:
    """Names with the same ASCII slug (``上级部门/下级部门`` vs a sibling) never share a page."""
    from generator.transform import build_site

    loaded = load_projects(odd.root / "content", odd.root)
    site = build_site(loaded.projects)
    for kind, groups in site.groups.items():
        paths = [g.ref.path for g in groups]
        assert len(paths) == len(set(paths)), kind


# -- 6. large and odd content ----------------------------------------------------------------------


def test_200_indicators_and_20000_character_goal_build(odd: Built) -> None:
    page = (odd.root / "site" / "projects" / "2023-big.html").read_text("utf-8")
    assert len(_rows(page)) == 200
    assert GOAL in page


def test_names_cannot_write_outside_site(odd: Built) -> None:
    base = odd.root.parent
    assert sorted(p.name for p in base.iterdir()) == ["outside-sentinel", "root"]
    assert {p.name for p in odd.root.iterdir()} <= {"build", "checks.yaml", "content", "mkdocs.yml", "overrides", "site"}
    for top in ("site", "build"):
        folder = (odd.root / top).resolve()
        for path in folder.rglob("*"):
            assert path.resolve().is_relative_to(folder), path
            assert ".." not in path.relative_to(folder).parts
    assert not (odd.root / "逃逸部门").exists() and not (base / "逃逸部门").exists()
    departments = {p.parent.name for p in (odd.root / "site" / "departments").glob("*/index.html")}
    assert len(departments) >= len(TRAVERSAL) + 2  # each odd name has its own page inside site/
    for n in range(len(TRAVERSAL)):  # and every project page links to its department page
        page = (odd.root / "site" / "projects" / f"2023-traversal-{n}.html").read_text("utf-8")
        assert "../departments/" in page


def test_replaced_site_is_deleted_in_the_background(tmp_path: Path) -> None:
    """The swap renames the old tree out of the way and a detached process deletes it; a leftover
    trash tree (its cleanup was killed) is picked up by the next build's recovery."""
    import time

    from generator.build import _recover, _swap

    site, new = tmp_path / "site", tmp_path / "site.new-1"
    (tmp_path / ".site.trash-killed" / "x").mkdir(parents=True)
    _recover(site)
    for tree in (site, new):
        (tree / "a" / "b").mkdir(parents=True)
        (tree / "a" / "b" / "index.html").write_text(tree.name)
    _swap(new, site)
    assert (site / "a" / "b" / "index.html").read_text() == "site.new-1"
    deadline = time.monotonic() + 20
    while [p.name for p in tmp_path.iterdir()] != ["site"] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
