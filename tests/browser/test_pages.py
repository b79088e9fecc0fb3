"""The pages show the data: every seed project's name, funds and indicators, read from the rendered DOM,
and the index pages reach every project by their links."""

from __future__ import annotations

import re
from collections import deque
from decimal import Decimal
from pathlib import Path

import pytest

from generator.load import load_projects
from generator.schema import Project

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PROJECTS = load_projects(ROOT / "content").projects
FUND_FIELDS = ["total", "fiscal", "other", "annual_total", "annual_fiscal", "annual_carryover", "annual_other"]

# Every table row inside the article, as a list of its cells' rendered text.
ROWS_JS = """() => Array.from(document.querySelectorAll('article table')).map(t => ({
    headers: Array.from(t.querySelectorAll('thead th')).map(c => c.innerText),
    rows: Array.from(t.querySelectorAll('tbody tr')).map(r => Array.from(r.cells).map(c => c.innerText)),
}))"""
LINKS_JS = "() => Array.from(document.querySelectorAll('article a[href]')).map(a => a.href)"


def squash(text: str) -> str:
    """Collapse whitespace the way HTML rendering does, so data and DOM text compare."""
    return " ".join(text.split())


def amount(value: Decimal) -> str:
    """An amount in 万元 as printed on the published form: ``2,863.00``."""
    return f"{value:,.2f}"


def test_seed_content_loads() -> None:
    assert len(PROJECTS) == 11, "the seed has 11 projects; content/ changed?"


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.id)
def test_project_page_shows_name_funds_and_indicators(page, server, project: Project) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url(f"projects/{project.id}.html"))
    assert squash(page.locator("article h1").first.inner_text()) == squash(project.name)
    assert squash(project.name) in page.title()
    text = squash(page.locator("article").inner_text())
    for name in FUND_FIELDS:
        value = getattr(project.funds, name)
        if value is not None:
            assert amount(value) in text, f"funds.{name} = {amount(value)} is not shown"

    tables = page.evaluate(ROWS_JS)
    rows = [[squash(c) for c in row] for table in tables for row in table["rows"]]
    for indicator in project.indicators:
        target = squash(indicator.target.text) if indicator.target else ""
        found = [row for row in rows if squash(indicator.name) in row]
        assert found, f"三级指标 {indicator.name!r} is not in any table row"
        assert any(target in row[row.index(squash(indicator.name)) + 1 :] for row in found), (
            f"年度指标值 {target!r} is not in the row of {indicator.name!r}: {found}"
        )
    indicator_tables = [t for t in tables if any(squash(project.indicators[0].name) in map(squash, r) for r in t["rows"])]
    assert len(indicator_tables) == 1
    assert len(indicator_tables[0]["rows"]) == len(project.indicators), "one table row per indicator"


def crawl(page, start: str, base: str, depth: int, canonical) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Follow the links in each page's article from ``start`` (same site only, ``depth`` hops).

    Returns every visited page with the canonical URLs its article links to.
    """
    seen: dict[str, list[str]] = {}
    queue = deque([(canonical(start), 0)])
    while queue:
        url, hops = queue.popleft()
        if url in seen:
            continue
        response = page.goto(url)
        assert response is not None and response.ok, f"broken link: {url}"
        links = [canonical(href) for href in page.evaluate(LINKS_JS)]
        seen[url] = [link for link in links if link.startswith(base)]
        if hops < depth:
            queue.extend((link, hops + 1) for link in seen[url] if link.endswith("/") and link not in seen)
    return seen


@pytest.fixture(scope="module")
def site_links(open_page, server, canonical_url) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """The site as reached from the home page by following links (three hops cover home → index → group → project)."""
    page, guard = open_page(server)
    try:
        return crawl(page, server.url(), server.base, 3, canonical_url)
    finally:
        page.close()
        guard.assert_no_third_party()


def project_links(links: list[str], server) -> set[str]:  # type: ignore[no-untyped-def]
    return {link for link in links if re.search(r"/projects/[^/]+\.html$", link)}


def test_home_reaches_every_project(site_links, server) -> None:  # type: ignore[no-untyped-def]
    reached = set().union(*(project_links(v, server) for v in site_links.values()))
    expected = {server.page_url(f"projects/{p.id}.html") for p in PROJECTS}
    assert expected <= reached | set(site_links), f"not reachable from the home page: {sorted(expected - reached)}"


def test_year_pages_link_their_projects(site_links, server) -> None:  # type: ignore[no-untyped-def]
    years = {p.year for p in PROJECTS}
    for year in years:
        url = server.page_url(f"years/{year}/")
        assert url in site_links, f"no link reaches the {year} page"
        expected = {server.page_url(f"projects/{p.id}.html") for p in PROJECTS if p.year == year}
        assert project_links(site_links[url], server) == expected


def test_department_pages_link_their_projects(site_links, server) -> None:  # type: ignore[no-untyped-def]
    pages = {url: project_links(links, server) for url, links in site_links.items() if re.search(r"/departments/[^/]+/$", url)}
    assert pages, "no department page is reachable from the home page"
    by_url = {server.page_url(f"projects/{p.id}.html"): p for p in PROJECTS}
    linked = [url for urls in pages.values() for url in urls]
    assert sorted(linked) == sorted(by_url), "each project must be listed on exactly one department page"
    for url, urls in pages.items():
        departments = {by_url[u].department for u in urls}
        assert len(departments) == 1, f"{url} mixes departments {departments}"


ICONS_JS = """() => Array.from(document.querySelectorAll('header svg, .md-top svg, .md-search svg')).map(s => {
    const style = getComputedStyle(s), box = s.getBoundingClientRect();
    return {cls: s.getAttribute('class'), children: s.childElementCount, mask: style.maskImage || style.webkitMaskImage,
            width: box.width, height: box.height, shown: style.display !== 'none'};
})"""


def test_header_icons_are_css_masks_with_size(page, server) -> None:  # type: ignore[no-untyped-def]
    """Material's icons come from one stylesheet (generator/assets/css/icons.css), not inline paths,
    and still have their size; the search dialog's inside is written by scope.js."""
    page.goto(server.url(f"projects/{PROJECTS[0].id}.html"))
    icons = page.evaluate(ICONS_JS)
    assert {i["cls"] for i in icons} >= {"jx-i-library", "jx-i-magnify", "jx-i-arrow-left", "jx-i-close", "jx-i-arrow-up"}
    for icon in icons:
        assert icon["children"] == 0 and icon["mask"].startswith('url("data:image/svg+xml'), icon
        if icon["shown"] and icon["width"]:
            assert icon["width"] == icon["height"] > 10, icon  # square, about 1.2rem
    assert page.locator("input.md-search__input").get_attribute("placeholder") == "搜索"
    assert page.get_by_role("button", name="清空当前内容").count() == 1


@pytest.mark.parametrize("old", ["{id}/", "{id}/index.html", "{id}/index.html#indicators"])
def test_old_project_addresses_lead_to_the_page(guarded, server, old: str) -> None:  # type: ignore[no-untyped-def]
    """Project pages were folders (projects/<id>/index.html) before 2026-12; Pages answers those
    addresses with 404.html, whose script sends the reader on to projects/<id>.html."""
    page, guard = guarded
    project = PROJECTS[0]
    page.goto(server.url("projects/" + old.format(id=project.id)))
    page.wait_for_url(f"**/projects/{project.id}.html" + ("#indicators" if "#" in old else ""))
    assert page.locator("h1").first.inner_text().strip() == project.name
    # the old address itself answered 404 (the browser logs it); nothing else may fail
    assert len(guard.console_errors) == 1 and "404" in guard.console_errors[0], guard.console_errors
    guard.console_errors.clear()


def test_old_implementer_address_leads_to_its_row(guarded, server) -> None:  # type: ignore[no-untyped-def]
    """A 实施单位 had a page (implementers/<slug>/) before its projects became sections of the
    department pages; the 404 page forwards to its row on the list of units, which links them."""
    page, guard = guarded
    page.goto(server.url("implementers/index.html"))
    row = page.locator("tr[id^='unit-']").first
    anchor = row.get_attribute("id")
    assert anchor is not None
    page.goto(server.url(f"implementers/{anchor.removeprefix('unit-')}/"))
    page.wait_for_url(f"**/implementers/index.html#{anchor}")
    target = page.locator(f"tr#{anchor}")
    assert target.locator("a").first.inner_text().strip() == row.locator("a").first.inner_text().strip()
    assert "#" + anchor in target.locator("a").first.get_attribute("href")
    assert len(guard.console_errors) == 1 and "404" in guard.console_errors[0], guard.console_errors
    guard.console_errors.clear()
