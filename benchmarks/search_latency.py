#!/usr/bin/env python3
"""Opt-in benchmark: how long until the first search result shows, in headless Debian chromium.

    python benchmarks/search_latency.py SITE_DIR [--query 法律援助] [--runs 3] [--page index.html]

Serves SITE_DIR (a built site/) on 127.0.0.1 and, per run, opens a fresh browser
context (empty HTTP cache, as a first visit), loads the page and types the query
right after the ``load`` event. It reports, in milliseconds:

- cold: ``load`` event → first ``.md-search-result__item`` visible (the worker
  fetches and indexes search_index.json in that time);
- from_nav: navigation start → first result (includes the page load itself);
- warm: a second query on the same page once the index is built;
- reload: the page loaded again with a warm HTTP cache, then the query typed.

Material searches on key events only, and may drop a query typed before its worker
is ready, so the query is typed again every 100 ms until a result shows (what a
person pressing a key would do; it does not delay the result). Not a timed test:
``tests/browser/test_search_latency.py`` (marker ``bench``) calls it on demand.
"""

from __future__ import annotations

import argparse
import functools
import json
import statistics
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
FIRST_RESULT = "() => !!document.querySelector('.md-search-result__item')"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        """No request log."""


def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free 127.0.0.1 port; yields the base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _type_until_result(page, query: str, timeout: float = 30.0) -> float:  # type: ignore[no-untyped-def]
    """Type ``query`` (again every 100 ms) until a result shows; return performance.now() then."""
    box = page.locator("input.md-search__input")
    box.click()
    deadline = timeout * 1000
    while True:
        box.fill(query)
        box.press("End")
        try:
            page.wait_for_function(FIRST_RESULT, timeout=100, polling="raf")
            return float(page.evaluate("performance.now()"))
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError: not ready yet
            if page.evaluate("performance.now()") > deadline:
                raise


def measure(site: Path, query: str, runs: int, path: str = "index.html", second: str = "就业") -> dict[str, object]:
    """Median and every run of the four figures described in the module docstring."""
    from playwright.sync_api import sync_playwright

    figures: dict[str, list[float]] = {"cold": [], "from_nav": [], "warm": [], "reload": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for base in serve(site):
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
                page = context.new_page()
                page.goto(base + path, wait_until="load")
                loaded = float(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
                shown = _type_until_result(page, query)
                figures["cold"].append(shown - loaded)
                figures["from_nav"].append(shown)
                box = page.locator("input.md-search__input")
                box.fill("")
                box.press("End")
                page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
                start = float(page.evaluate("performance.now()"))
                figures["warm"].append(_type_until_result(page, second) - start)
                page.goto(base + path, wait_until="load")
                loaded = float(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
                figures["reload"].append(_type_until_result(page, query) - loaded)
                context.close()
        browser.close()
    index = site / "search" / "search_index.json"
    return {
        "site": str(site),
        "query": query,
        "index_bytes": index.stat().st_size if index.exists() else None,
        "median_ms": {k: round(statistics.median(v)) for k, v in figures.items()},
        "runs_ms": {k: [round(x) for x in v] for k, v in figures.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", default="法律援助")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--second", default="就业", help="the warm query (a different word)")
    parser.add_argument("--page", default="index.html")
    args = parser.parse_args()
    result = measure(args.site, args.query, args.runs, args.page, args.second)
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
