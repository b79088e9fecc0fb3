"""Accessibility: axe-core (vendored in axe-playwright-python) finds no serious or critical violation;
tables have header cells, charts have text alternatives, the language is Chinese."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "year index": "years/2023/",
    "department list": "departments/",
    "department (grouped by 实施单位)": "departments/min-xing-qu-zong-gong-hui-hui-zong/",
    "implementer list": "implementers/",
    "summary": "summary/",
    "project": "projects/2023-fa-lv-yuan-zhu-ban-an-bu-tie.html",
}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_no_serious_axe_violations(guarded, server, axe: Axe, path: str) -> None:  # type: ignore[no-untyped-def]
    page, guard = guarded
    page.goto(server.url(path))
    page.wait_for_load_state("networkidle")
    results = axe.run(page)
    violations = results.response["violations"]
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, f"axe on {path or 'home'}:\n{describe(serious)}"
    # axe-core runs from the package: injecting it fetched nothing
    guard.assert_no_third_party()


@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_tables_charts_and_language(guarded, server, path: str) -> None:  # type: ignore[no-untyped-def]
    page, _ = guarded
    page.goto(server.url(path))
    lang = page.evaluate("() => document.documentElement.lang")
    assert lang == "zh-CN", f"<html lang={lang!r}>"
    tables = page.evaluate(
        """() => Array.from(document.querySelectorAll('article table')).map(t => ({
            html: t.outerHTML.slice(0, 120), th: t.querySelectorAll('th').length,
            rows: t.querySelectorAll('tr').length}))"""
    )
    assert tables, f"{path or 'home'} has no table"
    assert [t["html"] for t in tables if t["th"] == 0] == [], "tables without header cells"
    unlabeled = page.evaluate(
        """() => Array.from(document.querySelectorAll('article svg, article img')).filter(el => {
            if (el.closest('[aria-hidden=true]')) return false;
            if (el.tagName.toLowerCase() === 'img') return !(el.getAttribute('alt') || '').trim();
            const title = el.querySelector(':scope > title');
            return !((title && title.textContent.trim()) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby'));
        }).map(el => el.outerHTML.slice(0, 120))"""
    )
    assert unlabeled == [], "charts/images without a text alternative"
