"""Zero third-party requests: every request the pages make (the search worker's too) goes to the local server."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Every URL the page itself names for loading (not links to follow).
RESOURCES_JS = """() => [
    ...Array.from(document.querySelectorAll('script[src]'), e => e.src),
    ...Array.from(document.querySelectorAll('link[href]:not([rel=canonical]):not([rel=prev]):not([rel=next])'), e => e.href),
    ...Array.from(document.querySelectorAll('img[src], iframe[src], source[src], video[src], audio[src]'), e => e.src),
]"""


def test_home_project_and_search_stay_local(guarded, server, search) -> None:  # type: ignore[no-untyped-def]
    page, guard = guarded
    page.goto(server.url())
    page.wait_for_load_state("networkidle")
    page.goto(server.url("projects/2023-fa-lv-yuan-zhu-ban-an-bu-tie.html"))
    page.wait_for_load_state("networkidle")
    outcome = search(page, "法律援助")
    assert outcome.results, "the search ran"
    page.wait_for_load_state("networkidle")

    # the recorder saw the page, its assets and the search worker's index fetch
    assert any(url.endswith("/search/search_index.json") for url in guard.requests), guard.requests
    assert any(url.endswith(".js") for url in guard.requests)
    assert any(url.endswith(".css") for url in guard.requests)
    guard.assert_no_third_party()
    resources = page.evaluate(RESOURCES_JS)
    assert [u for u in resources if not u.startswith((server.base, "data:", "blob:"))] == []


def test_guard_catches_a_third_party_request(guarded, server) -> None:  # type: ignore[no-untyped-def]
    """The recorder itself works: a request to another origin is reported (it cannot leave the machine)."""
    page, guard = guarded
    page.route("http://third-party.invalid/**", lambda route: route.abort())
    page.goto(server.url())
    page.evaluate("() => fetch('http://third-party.invalid/x').catch(() => null)")
    page.wait_for_timeout(200)
    assert guard.third_party() == ["http://third-party.invalid/x"]
    guard.requests.clear()  # leave the teardown check clean (the aborted fetch is the only error)
    guard.console_errors.clear()
