"""No script injection: hostile text in every field of a project shows literally and never runs.

The fixture project (tests/cases/injection/content) carries ``<script>``, ``onerror``,
``javascript:`` links, Markdown links, ``|``, Jinja ``{{ }}``/``{% %}``/``{# #}`` and HTML
comments in every text field. Its scripts would set ``window.__pwned`` and call ``alert``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import load_projects
from generator.schema import Project

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "tests" / "cases" / "injection" / "content"

# Anything in the DOM that only exists when a payload was parsed as HTML or Markdown.
HAZARDS_JS = """() => {
    const found = [];
    for (const s of document.scripts) if (s.textContent.includes('__pwned')) found.push('script: ' + s.textContent.slice(0, 80));
    for (const el of document.querySelectorAll('*')) {
        for (const a of el.attributes) {
            if (/^on/i.test(a.name) && a.value.includes('alert')) found.push(el.tagName + ' ' + a.name + '=' + a.value);
            if (/^\\s*javascript:/i.test(a.value) && a.value.includes('alert')) found.push(el.tagName + ' ' + a.name + '=' + a.value);
        }
    }
    for (const img of document.querySelectorAll('img[src="x"]')) found.push('img src=x');
    for (const st of document.querySelectorAll('style')) if (st.textContent.includes('display:none')) found.push('style injected');
    return found;
}"""


@pytest.fixture(scope="module")
def project() -> Project:
    result = load_projects(CONTENT)
    assert not result.problems, "the injection fixture must be valid under the schema"
    (only,) = result.projects
    return only


def text_fields(project: Project) -> dict[str, str]:
    """Every free-text field the project page shows, by field path."""
    fields = {
        "name": project.name,
        "department": project.department,
        "implementer": project.implementer,
        "goals.total": project.goals.total,
        "goals.total_period": project.goals.total_period,
        "goals.annual": project.goals.annual,
        "region": project.region,
        "source.file": project.source.file if project.source else None,
    }
    for i, ind in enumerate(project.indicators):
        fields[f"indicators[{i}].name"] = ind.name
        fields[f"indicators[{i}].target"] = ind.target.text if ind.target else None
        fields[f"indicators[{i}].long_term_target"] = ind.long_term_target.text if ind.long_term_target else None
        fields[f"indicators[{i}].explanation"] = ind.explanation
        fields[f"indicators[{i}].standard"] = ind.standard
    return {k: v for k, v in fields.items() if v}


def squash(text: str) -> str:
    return " ".join(text.split())


def assert_inert(page, guard) -> None:  # type: ignore[no-untyped-def]
    """No injected script ran, no dialog opened, no injected markup exists."""
    assert page.evaluate("() => typeof window.__pwned") == "undefined", (
        f"an injected script ran on {page.url}: window.__pwned = {page.evaluate('() => window.__pwned')}"
    )
    guard.assert_no_dialog()
    assert page.evaluate(HAZARDS_JS) == [], f"injected markup on {page.url}"
    guard.assert_no_errors()


def test_fixture_has_every_payload(project: Project) -> None:
    """Guard the guard: the fixture really carries each kind of payload in each main field."""
    for path in ("name", "goals.total", "goals.annual"):
        value = text_fields(project)[path]
        for payload in ("<script>", "onerror=", "javascript:alert(1)", "](javascript:", "|", "{{ 7*7 }}", "{% raw %}", "<!-- x -->"):
            assert payload in value, f"{path} lacks {payload!r}"
    for path in ("department", "implementer", "indicators[0].name", "indicators[0].target"):
        for payload in ("<script>", "onerror=", "javascript:", "|", "{{ 7*7 }}", "<!-- x -->"):
            assert payload in text_fields(project)[path], f"{path} lacks {payload!r}"


def test_project_page_shows_payloads_literally(injection_guarded, injection_server, project: Project) -> None:  # type: ignore[no-untyped-def]
    page, guard = injection_guarded
    page.goto(injection_server.url(f"projects/{project.id}.html"))
    page.wait_for_load_state("networkidle")
    assert_inert(page, guard)
    text = squash(page.locator("article").inner_text())
    missing = {path: value for path, value in text_fields(project).items() if squash(value) not in text}
    assert not missing, f"not shown literally: {missing}"
    assert "{{ 7*7 }}" in text and "{% if true %}yes{% endif %}" in text, "Jinja in data was evaluated"
    assert squash(page.locator("article h1").first.inner_text()) == squash(project.name)
    assert page.title().startswith(squash(project.name)), f"<title> is {page.title()!r}"


def test_pipe_does_not_break_the_indicator_table(injection_guarded, injection_server, project: Project) -> None:  # type: ignore[no-untyped-def]
    page, _ = injection_guarded
    page.goto(injection_server.url(f"projects/{project.id}.html"))
    names = [squash(ind.name) for ind in project.indicators]
    tables = page.evaluate(
        """() => Array.from(document.querySelectorAll('article table')).map(t =>
            Array.from(t.querySelectorAll('tbody tr')).map(r => Array.from(r.cells).map(c => c.innerText)))"""
    )
    (table,) = [t for t in tables if any(names[0] in map(squash, row) for row in t)]
    assert len(table) == len(project.indicators), "one row per indicator"
    for row, ind in zip(table, project.indicators):
        cells = [squash(c) for c in row]
        assert squash(ind.name) in cells, f"row {cells} should hold {ind.name!r} in one cell"
        target = squash(ind.target.text)
        assert cells[cells.index(squash(ind.name)) + 1] == target, f"{ind.name!r}: value cell is not {target!r}"


def test_every_page_is_inert(injection_guarded, injection_server, project: Project, canonical_url) -> None:  # type: ignore[no-untyped-def]
    """Index, group, summary and project pages all show the hostile names without running them."""
    page, guard = injection_guarded
    todo, seen = [canonical_url(injection_server.url())], set()
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = page.goto(url)
        assert response is not None and response.ok, url
        assert_inert(page, guard)
        for href in page.evaluate("() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"):
            link = canonical_url(href)
            if link.startswith(injection_server.base) and link.endswith(("/", ".html")):  # pages, not downloads
                todo.append(link)
    expected = {"", "years/2023/", "summary/", f"projects/{project.id}.html"}
    assert {injection_server.page_url(p) for p in expected} <= seen
    assert len([u for u in seen if "/departments/" in u]) >= 2, "index and the department's page"
    year = injection_server.page_url("years/2023/")
    page.goto(year)
    assert squash(project.name) in squash(page.locator("article").inner_text())


def test_search_results_are_inert(injection_guarded, injection_server, project: Project, search) -> None:  # type: ignore[no-untyped-def]
    """Material renders result titles and excerpts as HTML: the index must hold escaped text."""
    page, guard = injection_guarded
    page.goto(injection_server.url())
    for query in ("N1", "I1", "G1", "window"):
        outcome = search(page, query)
        assert_inert(page, guard)
        if query == "N1":
            assert [r.url for r in outcome.results] == [injection_server.page_url(f"projects/{project.id}.html")]
            assert outcome.results[0].title == squash(project.name)
