"""Material's search finds the seed projects by Chinese words, in a real browser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.load import load_projects

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]

# query → id of the seed project a citizen typing it is looking for
EXPECTED = {
    "法律援助": "2023-fa-lv-yuan-zhu-ban-an-bu-tie",
    "劳模": "2023-lao-mo-wei-wen-he-guan-li",
    "残疾人": "2023-can-ji-ren-jiu-ye-bao-zhang-jin",
    "职业培训": "2023-shi-yong-di-fang-jiao-yu-fu-jia-zhuan-xiang-zi-jin-kai-zhan",
    "高温": "2023-lao-dong-bao-hu",
    "退休": "2023-tui-guan-hui-gong-zuo",
    # an indicator (三级指标) name, not a word of the title
    "接待法律咨询职工人数": "2023-fa-lv-yuan-zhu-ban-an-bu-tie",
    # not a substring of the name 法律援助办案补贴: found by its two-character pieces
    "法律援助补贴": "2023-fa-lv-yuan-zhu-ban-an-bu-tie",
}


@pytest.fixture(scope="module")
def names() -> dict[str, str]:
    return {p.id: p.name for p in load_projects(ROOT / "content").projects}


@pytest.fixture(scope="module")
def search_page(open_page, server):  # type: ignore[no-untyped-def]
    """One page on the home page for all queries: the worker indexes once."""
    page, guard = open_page(server)
    page.goto(server.url())
    yield page, guard
    page.close()
    guard.assert_no_third_party()
    guard.assert_no_dialog()
    guard.assert_no_errors()


@pytest.mark.parametrize("query", list(EXPECTED))
def test_query_finds_project_in_top_three(search_page, search, server, names, query: str) -> None:  # type: ignore[no-untyped-def]
    page, _ = search_page
    wanted = EXPECTED[query]
    assert wanted in names, f"seed project {wanted} is not in content/"
    outcome = search(page, query)
    top = outcome.results[:3]
    shown = "\n".join(f"  {r.title}  {r.url}" for r in outcome.results[:10])
    assert server.page_url(f"projects/{wanted}.html") in [r.url for r in top], (
        f"{query!r}: {names[wanted]} ({wanted}) is not among the first three results ({outcome.meta}):\n{shown}"
    )
    hit = next(r for r in top if r.url == server.page_url(f"projects/{wanted}.html"))
    assert hit.title == names[wanted]


def test_the_worker_fetches_the_index_and_the_page_does_not(open_page, server, search) -> None:  # type: ignore[no-untyped-def]
    """The index is fetched and parsed in the search worker only: the page's main thread neither
    fetches it (its resource timings, which exclude the worker's) nor copies it into the worker."""
    page, guard = open_page(server)
    try:
        page.goto(server.url())
        assert search(page, "法律援助").results
        page_fetches = page.evaluate("performance.getEntriesByType('resource').map(r => r.name)")
        assert [u for u in page_fetches if "search_index" in u] == []
        assert [u for u in guard.requests if u.endswith("/search/search_index.json")] == [server.url("search/search_index.json")]
        guard.assert_no_errors()
    finally:
        page.close()


def test_no_match_shows_no_results_state(search_page, search, translations) -> None:  # type: ignore[no-untyped-def]
    page, guard = search_page
    outcome = search(page, "鳄鱼潜水艇")
    none = translations(page)["search.result.none"]
    assert outcome.results == []
    assert outcome.meta == none
    guard.assert_no_errors()


def test_opened_from_disk_pages_work_and_search_is_hidden(open_page, disk_site) -> None:  # type: ignore[no-untyped-def]
    """``site/index.html`` opened as a file (no server): pages and links work; the search box,
    which needs a web server (browsers do not run the search worker from file://), is hidden
    rather than left broken. GitHub Pages is the target; one index copy, not a second .js one."""
    disk = disk_site
    page, guard = open_page(disk)
    try:
        page.goto(disk.url("projects/" + EXPECTED["法律援助"] + ".html"))
        assert page.locator("article h1").first.inner_text().strip() == "法律援助办案补贴"
        assert not page.locator("input.md-search__input").is_visible()
        page.locator(".jx-breadcrumbs a").first.click()
        page.wait_for_load_state()
        assert page.url == disk.url("index.html")
    finally:
        page.close()
    guard.assert_no_third_party()
    guard.assert_no_errors()


def test_project_page_frame_runs_search_and_top_button(open_page, search, server) -> None:  # type: ignore[no-untyped-def]
    """Project pages have their own frame (overrides/lean.html) and take Material's __config from
    scope.js: Material's bundle runs there as on the home page. Search answers, and the
    back-to-top button shows when the reader scrolls back up."""
    wanted = EXPECTED["法律援助"]
    page, guard = open_page(server)
    try:
        page.goto(server.url(f"projects/{wanted}.html"))
        assert page.evaluate("() => JSON.parse(document.getElementById('__config').textContent).base") == server.url()
        outcome = search(page, "法律援助")
        assert server.page_url(f"projects/{wanted}.html") in [r.url for r in outcome.results[:3]]
        page.goto(server.url(f"projects/{wanted}.html"))
        top = page.locator(".md-top")
        hidden = "() => document.querySelector('.md-top').hidden"  # Material: [hidden] is transparent
        assert page.evaluate(hidden)
        page.mouse.wheel(0, 1500)
        page.wait_for_timeout(300)
        page.mouse.wheel(0, -300)
        page.wait_for_function(f"() => !({hidden})()", timeout=5000)
        top.click()
        page.wait_for_function("() => window.scrollY === 0", timeout=5000)
    finally:
        page.close()
    guard.assert_no_third_party()
    guard.assert_no_dialog()
    guard.assert_no_errors()


# Words and pieces of the seed's texts, terms found nowhere (the two-character fallback), ASCII,
# entities and several terms at once: the worker must rank and mark them alike from either form.
SAME_QUERIES = ["法律援助", "法律援助补贴", "2023 职工", "满意度 职工", "率", "·", "完成", "闵行区总工会",
                "接待法律咨询职工人数", "鳄鱼潜水艇", "a", "PM", "&", "<", "工会 经费 服务 2023年度", "劳模 xyz"]


def test_the_worker_answers_alike_from_either_form_of_the_index(open_page, server, site_dir) -> None:  # type: ignore[no-untyped-def]
    """The site's index file (generator/searchindex.py: recurring words written once) and the
    same entries in Material's form give the worker the same results for every query."""
    from generator import searchindex

    raw = (site_dir / "search" / "search_index.json").read_text("utf-8")
    material = searchindex.loads(raw)
    assert "entries" in json.loads(raw) and material["docs"]
    page, guard = open_page(server)
    try:
        page.goto(server.url())
        answers = page.evaluate("""async ([forms, queries]) => {
            const source = await (await fetch("assets/jx/js/search-worker.js")).text();
            const url = URL.createObjectURL(new Blob([source], {type: "text/javascript"}));
            const ask = (data) => new Promise((done) => {
                const worker = new Worker(url), out = [];  // blob: the worker fetches nothing itself
                worker.onmessage = (ev) => {
                    if (ev.data.type === 3) out.push(ev.data.data);
                    if (out.length === queries.length) { worker.terminate(); done(out); }
                };
                worker.postMessage({type: 0, data});
                queries.forEach((q) => worker.postMessage({type: 2, data: q}));
            });
            return Promise.all(forms.map(ask));
        }""", [[json.loads(raw), material], SAME_QUERIES])
        compact, plain = answers
        assert [len(a["items"]) for a in compact] == [len(a["items"]) for a in plain]
        assert compact == plain
        found = {q for q, a in zip(SAME_QUERIES, compact) if a["items"]}
        assert found >= {"法律援助", "法律援助补贴", "2023 职工", "满意度 职工", "率", "完成", "闵行区总工会", "接待法律咨询职工人数"}, found
        guard.assert_no_errors()
    finally:
        page.close()


def test_a_term_beyond_the_start_of_the_text_shows_in_its_passage(open_page, server) -> None:  # type: ignore[no-untyped-def]
    """The text under a result begins with the year, department, 实施单位 and category; a query term
    that is not there (an indicator name further on) gets the passage where it is, marked."""
    page, guard = open_page(server)
    try:
        page.goto(server.url())
        outcome_text = page.evaluate("""async (query) => {
            const box = document.querySelector("input.md-search__input");
            for (let i = 0; i < 100; i++) {
                box.value = query;
                box.dispatchEvent(new KeyboardEvent("keyup", {key: "End", bubbles: true}));
                await new Promise((done) => setTimeout(done, 150));
                const first = document.querySelector(".md-search-result__item");
                if (first) return first.innerHTML;
            }
            return null;
        }""", "律师薪酬核查准确性 2023")
        assert outcome_text is not None
        assert "<mark>律师薪酬核查准确性</mark>" in outcome_text and "<mark>2023</mark>" in outcome_text
        guard.assert_no_errors()
    finally:
        page.close()
