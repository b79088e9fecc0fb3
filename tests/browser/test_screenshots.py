"""Screenshots for reviewers (test-artifacts/screenshots/, uploaded by the GitHub workflow):
home, a project page, search results, the print view and a phone view."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PROJECT = "projects/2023-fa-lv-yuan-zhu-ban-an-bu-tie.html"
PNG = b"\x89PNG\r\n\x1a\n"


def assert_png(path) -> None:  # type: ignore[no-untyped-def]
    data = path.read_bytes()
    assert data.startswith(PNG) and len(data) > 10_000, f"{path} is not a real screenshot"


def test_home_and_project(page, server, screenshot) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url())
    assert_png(screenshot(page, "home"))
    page.goto(server.url(PROJECT))
    assert page.locator("article table").first.is_visible()
    assert_png(screenshot(page, "project"))


def test_search_results(page, server, screenshot, search) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url())
    outcome = search(page, "法律援助")
    assert outcome.results
    assert page.locator(".md-search-result__item").first.is_visible()
    path = screenshot(page, "search-results")
    assert_png(path)


def test_print_view(page, server, screenshot) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url(PROJECT))
    page.emulate_media(media="print")
    # the form prints without site chrome, with every table
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    tables = page.locator("article table")
    assert tables.count() >= 3 and all(tables.nth(i).is_visible() for i in range(tables.count()))
    assert_png(screenshot(page, "project-print"))
    page.emulate_media(media="screen")


def test_phone(page, server, screenshot) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server.url(PROJECT))
    assert_png(screenshot(page, "project-phone"))
