"""A real ``mkdocs build --strict`` of the whole content (one build per module: each costs seconds).

The build runs in a temp copy of the project root (mkdocs.yml + overrides) with
the seed content plus one hostile project, so the repository's build/ and site/
are never touched.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import searchindex
from generator.build import DOCS, generate
from generator.build import pages
from generator.load import load_projects
from generator.transform import SiteData, build_site
from generator.schema import Project

slow = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
EVIL_NAME = "<script>alert(1)</script>恶意项目"
EVIL_YAML = f"""id: 2023-evil
year: 2023
name: '{EVIL_NAME}'
department: '<img src=x onerror=alert(2)>'
implementer: 单位
goals: {{total: '<b>粗</b> **星**', annual: null}}
indicators:
- {{level1: 产出指标, level2: 数量指标, name: '<i>x</i>', target: '≥1(个)'}}
"""


@dataclass
class Built:
    root: Path
    site: Path
    seed: list[Project]
    result: subprocess.CompletedProcess[str]


def make_root(tmp: Path) -> Path:
    """A project root: mkdocs.yml and overrides/ of the repository, content/ = seed + extras."""
    tmp.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", tmp / "overrides")
    shutil.copytree(ROOT / "content", tmp / "content")
    return tmp


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "generator", "build", "--content", "content", "--site", "site", "--config", "mkdocs.yml", *args]
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = make_root(tmp_path_factory.mktemp("build"))
    (root / "content" / "evil").mkdir()
    (root / "content" / "evil" / "evil.yaml").write_text(EVIL_YAML, "utf-8")
    result = run(root)
    seed = load_projects(ROOT / "content", ROOT).projects
    return Built(root, root / "site", seed, result)


class PageText(HTMLParser):
    """Visible text (entities unescaped) and link targets of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self.title = ""
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        self._in_title = tag == "title"
        for key, value in attrs:
            if key in ("href", "src") and value:
                self.links.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if not self._skip:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def page(path: Path) -> PageText:
    parser = PageText()
    parser.feed(path.read_text("utf-8"))
    return parser


@slow
def test_build_succeeds_strict(built: Built) -> None:
    assert built.result.returncode == 0, built.result.stderr
    assert (built.site / "index.html").is_file() and (built.site / "search" / "search_index.json").is_file()
    assert not list(built.site.parent.glob("site.new-*")) and not list(built.site.parent.glob("site.old-*"))


@slow
def test_every_seed_cell_appears_on_its_project_page(built: Built) -> None:
    """Fidelity: every 三级指标 name and 年度指标值, the goals and printed labels, as published."""
    for project in built.seed:
        text = page(built.site / "projects" / f"{project.id}.html").text
        expected = [project.name, project.department, project.implementer, project.goals.total, project.goals.annual]
        for ind in project.indicators:
            expected += [ind.name, ind.level1, ind.level2, *(ind.published or {}).values()]
            if ind.target is not None:
                expected.append(ind.target.text)
        missing = [e for e in expected if e and e not in text]
        assert not missing, f"{project.id}: {missing}"


@slow
def test_every_project_is_reachable_and_every_local_link_resolves(built: Built) -> None:
    pages = sorted(p for p in built.site.rglob("*.html") if p.name != "404.html")  # 404 links from the server root
    reached: set[Path] = set()
    for path in pages:
        for link in page(path).links:
            if re.match(r"^[a-z]+:|^//|^#", link):
                assert not link.startswith(("http:", "https:", "//")) or "<link" not in link
                continue
            target = (path.parent / link.split("#")[0].split("?")[0]).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), f"{path.relative_to(built.site)} links to missing {link}"
            reached.add(target)
    for project in built.seed:
        assert (built.site / "projects" / f"{project.id}.html").resolve() in reached


@slow
def test_no_third_party_requests_in_pages(built: Built) -> None:
    for path in built.site.rglob("*.html"):
        html = path.read_text("utf-8")
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html.replace('href="https://squidfunk', "")), path
        assert 'rel="stylesheet" href="http' not in html and "unpkg.com" not in html and "fonts.googleapis" not in html
    assert (built.site / "search" / "search_index.js").is_file()  # a stub: opened from disk, pages load without errors


@slow
def test_hostile_names_are_shown_literally(built: Built) -> None:
    evil = built.site / "projects" / "2023-evil.html"
    html = evil.read_text("utf-8")
    parsed = page(evil)
    assert parsed.title.startswith(EVIL_NAME)  # <title> escaped by overrides/main.html
    assert EVIL_NAME in parsed.text and "<b>粗</b> **星**" in parsed.text
    for path in built.site.rglob("*.html"):
        raw = path.read_text("utf-8")
        assert "<script>alert" not in raw and "<img src=x" not in raw and "<b>粗" not in raw, path
    index = (built.site / "search" / "search_index.json").read_text("utf-8")
    assert "<script>alert" not in index and "<img src=x" not in index
    assert re.search(r'<html lang="?zh-CN"?[\s>]', html)  # postbuild drops quotes HTML does not need


@slow
def test_search_index_holds_project_pages_only(built: Built) -> None:
    docs = searchindex.read(built.site / "search" / "search_index.json")["docs"]
    assert {d["location"].split("/")[0] for d in docs} == {"projects"}
    titles = {d["location"]: d["title"].replace("\u200b", "") for d in docs if "#" not in d["location"]}
    for project in built.seed:
        assert titles[f"projects/{project.id}.html"] == project.name
    # each of these words names exactly one project, whose page title carries it (title boost ranks it first)
    for word in ("法律援助", "劳模", "残疾人", "职业培训"):
        hits = [loc for loc, title in titles.items() if word in title]
        assert len(hits) == 1, (word, hits)


@slow
def test_generated_docs_and_mkdocs_config_agree(built: Built) -> None:
    assert "docs_dir: build/docs" in (ROOT / "mkdocs.yml").read_text("utf-8") and DOCS.as_posix() == "build/docs"
    assert (built.root / DOCS / "index.md").is_file()


@slow
def test_failed_mkdocs_build_leaves_site_unchanged(built: Built, tmp_path: Path) -> None:
    root = make_root(tmp_path / "root")
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("previous build")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("custom_dir: overrides", "custom_dir: no-such-dir"), "utf-8")
    result = run(root)
    assert result.returncode == 1 and "mkdocs build failed" in result.stderr and "Traceback" not in result.stderr
    assert [p.name for p in (root / "site").iterdir()] == ["index.html"]
    assert not [p for p in root.iterdir() if p.name.startswith("site.")]


def test_producers_write_extra_files_and_collisions_are_errors(tmp_path: Path) -> None:
    site = build_site([])
    docs = tmp_path / "docs"

    def data(site_data: SiteData, out_dir: Path) -> None:
        (out_dir / "data").mkdir()
        (out_dir / "data" / "projects.json").write_text(json.dumps(site_data.totals.projects))

    def clash(site_data: SiteData, out_dir: Path) -> None:
        (out_dir / "index.md").write_text("second home page")

    stats = generate(site, docs, [pages, data])
    assert (docs / "data" / "projects.json").read_text() == "0" and (docs / "index.md").is_file()
    again = generate(site, docs, [pages, data])
    assert again.written == 0 and again.unchanged == stats.written
    generate(site, docs, [pages])
    assert not (docs / "data").exists()  # stale output of a removed producer is deleted
    with pytest.raises(ValueError, match="same path 'index.md'"):
        generate(site, docs, [pages, clash])


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_mkdocs_warning_fails_the_build(tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: int) -> None:
    """Strict for real: a warning (here a broken link) fails the MkDocs stage, one process or
    shards, and no site is written. (MkDocs' --quiet would hide warnings from --strict.)"""
    from generator.build import mkdocs_build
    from generator.problems import UserError

    docs = tmp_path / DOCS
    (docs / "projects").mkdir(parents=True)
    (docs / "index.md").write_text("# t\n\n[a](missing.md)\n", "utf-8")
    for n in range(3):
        (docs / "projects" / f"2023-p{n}.md").write_text(f"# p{n}\n", "utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: t\ndocs_dir: build/docs\nuse_directory_urls: false\n", "utf-8")
    with pytest.raises(UserError, match="mkdocs build failed") as failed:
        mkdocs_build(config, tmp_path / "site", jobs=jobs)
    shown = capsys.readouterr().err + str(failed.value)  # one process: its warnings; shards: in the error
    assert "missing.md" in shown and "INFO" not in shown
    assert not (tmp_path / "site").exists()
