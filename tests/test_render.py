"""Rendering: golden Markdown for seed projects and a department page, escaping by construction,
raw HTML blocks, links that land on a page (or a 实施单位 section) that exists."""

from __future__ import annotations

import html
import posixpath
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import markdown
import pytest
import yaml

from generator.load import load_projects
from generator.render import amount, make_environment, render_project, render_site, yaml_str
from generator.schema import Project
from generator.transform import PAGE_KINDS, build_site

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "render"
UNITS = ROOT / "tests" / "cases" / "units"
"""Invented departments with several 实施单位, one unit under two departments (see its README)."""
GOLDEN_IDS = ["2023-can-ji-ren-jiu-ye-bao-zhang-jin", "2023-shi-yong-di-fang-jiao-yu-fu-jia-zhuan-xiang-zi-jin-kai-zhan"]
EVIL = "<script>alert(1)</script> & **粗体** {{ x }}"


@pytest.fixture(scope="module")
def seed_pages() -> dict[str, str]:
    return render_site(build_site(load_projects(ROOT / "content", ROOT).projects))


@pytest.fixture(scope="module")
def unit_pages() -> dict[str, str]:
    return render_site(build_site(load_projects(ROOT / "content", ROOT).projects + load_projects(UNITS, ROOT).projects))


@pytest.mark.parametrize("pid", GOLDEN_IDS)
def test_project_page_golden(seed_pages: dict[str, str], pid: str, golden) -> None:  # type: ignore[no-untyped-def]
    golden(GOLDEN / f"{pid}.md", seed_pages[f"projects/{pid}.md"])


def test_every_page_starts_with_front_matter_and_an_h1(seed_pages: dict[str, str]) -> None:
    """An h1 in the content stops Material from printing page.title raw, and gives search an escaped title."""
    for path, text in seed_pages.items():
        meta, body = split_front_matter(text)
        assert isinstance(meta.get("title"), str) and meta["title"], path
        assert re.search(r'^<h1 id="title"[ >]', body, re.M), path  # the id makes it the search title


def split_front_matter(text: str) -> tuple[dict, str]:  # type: ignore[type-arg]
    assert text.startswith("---\n")
    head, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:  # type: ignore[type-arg]
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def to_html(text: str) -> str:
    _meta, body = split_front_matter(text)
    return markdown.markdown(body, extensions=["tables", "attr_list", "toc"])


def evil_project() -> Project:
    return Project.model_validate({
        "id": "2023-evil", "year": 2023, "name": EVIL, "department": "<b>部门</b>", "implementer": "单位 | 甲",
        "goals": {"total": "第一段 *强调*\n\n第二段 <img src=x onerror=alert(1)>", "annual": "[链接](javascript:alert(1))"},
        "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "<i>名</i>", "target": "≥1(个)",
                        "explanation": "a\r\nb", "weight": "10.50"}],
    })


def test_user_data_is_escaped_and_never_read_as_markdown() -> None:
    site = build_site([evil_project()])
    text = render_project(make_environment(), site.projects[0])
    meta, body = split_front_matter(text)
    assert meta["title"] == EVIL  # front matter loads back to the exact name (the theme escapes it)
    assert "<script>" not in body and "<img" not in body and "<i>" not in body and "<b>" not in body
    for block in re.findall(r"^<.*?(?=\n\n|\Z)", body, re.S | re.M):
        assert "\n\n" not in block
    html = to_html(text)
    parser = _Text()
    parser.feed(html)
    visible = "".join(parser.text)
    for expected in (EVIL, "第一段 *强调*", "第二段 <img src=x onerror=alert(1)>", "[链接](javascript:alert(1))", "<i>名</i>", "单位 | 甲"):
        assert expected in visible
    assert "script" not in parser.tags and "img" not in parser.tags and "em" not in parser.tags and "strong" not in parser.tags
    assert "10.5" in visible and '<th data-k="weight">分值</th>' in text and '<th data-k="explanation">指标解释</th>' in text
    assert "实施期指标值" not in text


def test_seed_page_markdown_keeps_every_table_as_raw_html(seed_pages: dict[str, str]) -> None:
    text = seed_pages[f"projects/{GOLDEN_IDS[0]}.md"]
    html = to_html(text)
    assert html.count("<table") == text.count("<table") == 4
    assert "<p><table" not in html and "&lt;td" not in html


def test_yaml_str_round_trips() -> None:
    for value in ["普通", "a: b", "'\"", "- x", "#注释", "x\ny", "\u2028", "&<>", "!!python/object x", "null", "@x"]:
        assert yaml.safe_load(f"title: {yaml_str(value)}") == {"title": value}


def test_numbers_must_be_formatted_explicitly() -> None:
    env = make_environment()
    with pytest.raises(TypeError):
        env.from_string("{{ x }}").render(x=Decimal("1.5"))
    assert env.from_string("{{ x }}|{{ y | amount }}").render(x=None, y=None) == "|"
    assert amount(Decimal("2863")) == "2,863.00" and amount(Decimal("0.5")) == "0.50"


def test_page_paths_are_unique_and_cover_every_group(seed_pages: dict[str, str]) -> None:
    site = build_site(load_projects(ROOT / "content", ROOT).projects)
    expected = {"index.md", "summary/index.md", "charts/index.md", "opendata/index.md"} | {f"{v.path}.md" for v in site.projects}
    expected |= {f"{g.ref.path}index.md" for kind in PAGE_KINDS for g in site.groups[kind]}
    assert expected <= set(seed_pages) and len(seed_pages) == len(expected) + 4  # + the four kind indexes
    assert "implementers/index.md" in seed_pages and not [p for p in seed_pages if p.startswith("implementers/") and p.count("/") > 1]


@pytest.mark.parametrize("page", ["departments/ce-shi-bu-men-bing/index.md", "implementers/index.md"])
def test_department_page_groups_by_unit_golden(unit_pages: dict[str, str], page: str, golden) -> None:  # type: ignore[no-untyped-def]
    golden(GOLDEN / page.replace("/index.md", ".md").replace("/", "-"), unit_pages[page])


def test_every_link_lands_on_a_page_and_every_unit_link_on_its_section(unit_pages: dict[str, str]) -> None:
    """Relative links resolve to a generated page (or file); a #fragment names an id on that page,
    and a unit link's section lists exactly that unit's projects of that department."""
    by_id = {p.id: p for p in load_projects(ROOT / "content", ROOT).projects + load_projects(UNITS, ROOT).projects}
    unit_links = 0
    for path, text in unit_pages.items():
        base = PurePosixPath(path).parent
        for href in re.findall(r'<a href="([^"]+)"', text):
            target, _, fragment = href.partition("#")
            page = posixpath.normpath(str(base / target))
            page = page.removesuffix(".html") + ".md" if page.endswith(".html") else page
            if not page.endswith(".md") or page.startswith("quality/"):
                continue  # a download beside the page, or a quality page (another producer's)
            assert page in unit_pages, f"{path}: {href} leads nowhere"
            if fragment:
                assert f' id="{fragment}"' in unit_pages[page], f"{path}: {href} has no such section"
            if fragment.startswith("unit-"):
                unit_links += 1
                section = unit_pages[page].split(f' id="{fragment}">', 1)[1].split("</tbody>", 1)[0]
                unit = html.unescape(section.split("</th>", 1)[0])
                ids = re.findall(r'href="\.\./\.\./projects/([^/"]+)\.html"', section)
                department = {by_id[i].department for i in ids}
                assert ids and {by_id[i].implementer for i in ids} == {unit} and len(department) == 1, (path, href)
                assert len(ids) == sum(1 for p in by_id.values() if p.implementer == unit and p.department in department)
    assert unit_links > len(by_id)  # every project page links its unit, and so do the index pages
