"""Fixtures for the real-browser tests: built sites, a local HTTP server, Debian chromium via Playwright.

Everything expensive is built once per session: the real ``content/`` site, the
injection fixture site, one HTTP server per site and one browser. Each test gets
a fresh page in a shared context, guarded by a ``Guard`` that records every
request, dialog, console error and page error so the tests (and the teardown)
can fail on a third-party request, an ``alert()`` or a script error.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
INJECTION_CONTENT = ROOT / "tests" / "cases" / "injection" / "content"
MULTIYEAR = ROOT / "tests" / "cases" / "multiyear"
UNITS = ROOT / "tests" / "cases" / "units"
CASES = ROOT / "tests" / "cases"
DOWNLOAD_FIXTURES = [
    CASES / "downloads" / "content",  # every case data-fix exists for
    MULTIYEAR / "2023" / "测试部门乙" / "equipment.yaml",  # weight, direction, long-term target, explanation
    INJECTION_CONTENT,
    *sorted((CASES / "importers" / "variants").glob("*/expected.yaml")),  # standard, 元, long annual blocks
]
DOWNLOAD_SYNTHETIC = 30
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
LOCAL_SCHEMES = ("data:", "blob:")


def build_site(content: Path, site: Path) -> Path:
    """Run the real generator (``python -m generator build``) from ``content`` into ``site``."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PYTHONHASHSEED="0")
    cmd = [sys.executable, "-m", "generator", "build", "--content", str(content), "--site", str(site)]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0 or not (site / "index.html").exists():
        pytest.fail(
            f"site build failed ({' '.join(cmd)}), exit {done.returncode}\n"
            f"--- stdout\n{done.stdout[-4000:]}\n--- stderr\n{done.stderr[-4000:]}",
            pytrace=False,
        )
    return site


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        """Keep the test output clean; failures are reported by the tests themselves."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing file gets the site's ``404.html`` with status 404, as GitHub Pages serves it."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@dataclass
class Server:
    """Where a built site is reached: ``base`` is its http://127.0.0.1:port/ (or file://) root URL."""

    base: str
    root: Path

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")

    def page_url(self, path: str) -> str:
        """Canonical URL of a page (``projects/x.html``, ``years/2023/``), for comparing with links."""
        return canonical(self.url(path))


def canonical(url: str) -> str:
    """A page URL without ``#fragment``/``?query`` and without a trailing ``index.html``.

    A folder page may be linked as ``years/2023/`` or ``years/2023/index.html`` (what the site
    writes, so that ``file://`` browsing works); both name the same page.
    """
    url = url.split("#")[0].split("?")[0]
    return url[: -len("index.html")] if url.endswith("/index.html") else url


def serve(root: Path) -> Iterator[Server]:
    """Serve ``root`` on 127.0.0.1 (a free port) until the generator is closed.

    Threading: a browser keeps connections open and would stall a one-thread server.
    """
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name=f"serve {root}", daemon=True)
    thread.start()
    host, port = httpd.server_address[:2]
    try:
        yield Server(f"http://{host}:{port}/", root)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real ``content/`` built once per session."""
    return build_site(CONTENT, tmp_path_factory.mktemp("site-content") / "site")


@pytest.fixture(scope="session")
def injection_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile fixture project (tests/cases/injection/content) built once per session."""
    return build_site(INJECTION_CONTENT, tmp_path_factory.mktemp("site-injection") / "site")


@pytest.fixture(scope="session")
def features_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """content/ plus the invented multi-year projects (tests/cases/multiyear): year over year, filters."""
    base = tmp_path_factory.mktemp("site-features")
    shutil.copytree(CONTENT, base / "content")
    shutil.copytree(MULTIYEAR, base / "content" / "multiyear", ignore=shutil.ignore_patterns("*.md"))
    return build_site(base / "content", base / "site")


@pytest.fixture(scope="session")
def units_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The invented departments with several 实施单位 (tests/cases/units), built once per session."""
    base = tmp_path_factory.mktemp("site-units")
    shutil.copytree(UNITS, base / "content", ignore=shutil.ignore_patterns("*.md"))
    return build_site(base / "content", base / "site")


@pytest.fixture(scope="session")
def downloads_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Pages for the download tests (test_downloads.py): ``DOWNLOAD_FIXTURES`` and a small synthetic corpus."""
    from generator.commands.synth import write_corpus

    content = tmp_path_factory.mktemp("downloads") / "content"
    write_corpus(content / "synthetic", DOWNLOAD_SYNTHETIC, 3, 5, content=CONTENT)
    for n, source in enumerate(DOWNLOAD_FIXTURES):
        folder = content / f"fixture-{n}"
        if source.is_dir():
            shutil.copytree(source, folder)
        else:
            folder.mkdir()
            shutil.copy(source, folder / source.name)
    _odd_projects(content / "odd")
    return content


def _odd_projects(folder: Path) -> None:
    """As in tests/test_build_reliability.py: 200 indicators and a 20,000-character goal; names that are paths."""
    import yaml

    levels = [("产出指标", "数量指标"), ("产出指标", "质量指标"), ("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标")]
    goal = ("全面提升职工技能培训质量，" * 1700)[:20000]
    folder.mkdir()
    for pid, department, count in (("2023-big", "大项目部门", 200), ("2023-traversal-0", "../../逃逸部门", 3), ("2023-traversal-1", "/etc/passwd", 3)):
        rows = [{"level1": levels[i * len(levels) // count][0], "level2": levels[i * len(levels) // count][1],
                 "name": f"指标{i:03d}", "target": f"≥{i}.00(人)"} for i in range(count)]
        data = {"id": pid, "year": 2023, "name": pid, "category": "一次性项目", "department": department, "implementer": department,
                "funds": {"total": 1, "fiscal": 1}, "goals": {"total": goal, "annual": goal[:300]}, "indicators": rows}
        (folder / f"{pid}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


@pytest.fixture(scope="session")
def downloads_site_dir(downloads_content: Path) -> Path:
    return build_site(downloads_content, downloads_content.parent / "site")


@pytest.fixture(scope="session")
def server(site_dir: Path) -> Iterator[Server]:
    """HTTP server for the real site (Material's search worker needs http://, not file://)."""
    yield from serve(site_dir)


@pytest.fixture(scope="session")
def disk_site(site_dir: Path) -> Server:
    """The real site opened from disk (``file://``), as a person double-clicking site/index.html would."""
    return Server(site_dir.as_uri() + "/", site_dir)


@pytest.fixture(scope="session")
def injection_server(injection_site_dir: Path) -> Iterator[Server]:
    yield from serve(injection_site_dir)


@pytest.fixture(scope="session")
def features_server(features_site_dir: Path) -> Iterator[Server]:
    yield from serve(features_site_dir)


@pytest.fixture(scope="session")
def units_server(units_site_dir: Path) -> Iterator[Server]:
    yield from serve(units_site_dir)


@pytest.fixture(scope="session")
def downloads_server(downloads_site_dir: Path) -> Iterator[Server]:
    yield from serve(downloads_site_dir)


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """One headless Debian chromium for the whole session (Playwright's own download cannot work offline)."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian chromium (python3 tasks.py test does it)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def context(browser):  # type: ignore[no-untyped-def]
    """A desktop-sized browser context shared by the tests (pages are cheap, contexts less so)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@dataclass
class Guard:
    """What a page did: every request URL, dialogs, console errors, uncaught page errors."""

    allowed: list[str]
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def attach(self, page) -> None:  # type: ignore[no-untyped-def]
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))

        def on_dialog(dialog) -> None:  # type: ignore[no-untyped-def]
            self.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)

    def third_party(self) -> list[str]:
        """Requests that went anywhere but the local test server(s)."""
        return [u for u in self.requests if not u.startswith(LOCAL_SCHEMES) and not u.startswith(tuple(self.allowed))]

    def assert_no_third_party(self) -> None:
        assert not self.third_party(), "requests to third parties:\n" + "\n".join(self.third_party())

    def assert_no_dialog(self) -> None:
        assert not self.dialogs, f"a dialog opened (script injection?): {self.dialogs}"

    def assert_no_errors(self) -> None:
        assert not self.page_errors, f"uncaught page errors: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"


@pytest.fixture(scope="session")
def open_page(context):  # type: ignore[no-untyped-def]
    """``open_page(server) -> (page, guard)``: a new page whose guard allows only that server."""

    def open_(server: Server):  # type: ignore[no-untyped-def]
        guard = Guard([server.base])
        page = context.new_page()
        guard.attach(page)
        return page, guard

    return open_


def _guarded_page(open_page, server: Server):  # type: ignore[no-untyped-def]
    page, guard = open_page(server)
    yield page, guard
    page.close()
    # every browser test also proves: nothing left the machine, no dialog opened, no script error
    guard.assert_no_third_party()
    guard.assert_no_dialog()
    guard.assert_no_errors()


@pytest.fixture
def guarded(open_page, server: Server):  # type: ignore[no-untyped-def]
    """``(page, guard)`` for the real site; teardown fails on third-party requests or dialogs."""
    yield from _guarded_page(open_page, server)


@pytest.fixture
def page(guarded):  # type: ignore[no-untyped-def]
    return guarded[0]


@pytest.fixture
def injection_guarded(open_page, injection_server: Server):  # type: ignore[no-untyped-def]
    yield from _guarded_page(open_page, injection_server)


@pytest.fixture
def features_guarded(open_page, features_server: Server):  # type: ignore[no-untyped-def]
    yield from _guarded_page(open_page, features_server)


@pytest.fixture
def units_guarded(open_page, units_server: Server):  # type: ignore[no-untyped-def]
    yield from _guarded_page(open_page, units_server)


@pytest.fixture
def downloads_guarded(open_page, downloads_server: Server):  # type: ignore[no-untyped-def]
    yield from _guarded_page(open_page, downloads_server)


@pytest.fixture
def disk_guarded(open_page, disk_site: Server):  # type: ignore[no-untyped-def]
    """``(page, guard)`` for the real site opened from disk (file://)."""
    yield from _guarded_page(open_page, disk_site)


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """test-artifacts/screenshots/ (gitignored; CI uploads test-artifacts/ as a workflow artifact)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def screenshot(screenshot_dir: Path):  # type: ignore[no-untyped-def]
    """``screenshot(page, "name")`` saves a full-page PNG under test-artifacts/screenshots/ and returns its path."""

    def take(page, name: str) -> Path:  # type: ignore[no-untyped-def]
        path = screenshot_dir / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Everything under tests/browser/ is a browser test, even if a module forgets its marker."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


# --- Material search -------------------------------------------------------


@dataclass
class SearchResult:
    """One page in Material's result list: title without U+200B, canonical URL (see ``canonical``)."""

    title: str
    url: str


@dataclass
class SearchOutcome:
    results: list[SearchResult]
    meta: str
    """Material's result summary line (the "no results" text when nothing matched)."""


SEARCH_BOX = "input.md-search__input"
RESULT_ITEM = ".md-search-result__item"
RESULT_META = ".md-search-result__meta"


def page_translations(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Material's UI strings for the page language (from its ``#__config`` JSON)."""
    return page.evaluate("() => JSON.parse(document.getElementById('__config').textContent).translations")


_SEARCH_DONE = """([q, none]) => {
    const input = document.querySelector('input.md-search__input');
    if (!input || input.value !== q) return false;
    if (document.querySelector('.md-search-result__item')) return true;
    const meta = document.querySelector('.md-search-result__meta');
    return !!meta && meta.textContent.trim() === none;
}"""


def run_search(page, query: str, timeout: float = 15.0) -> SearchOutcome:  # type: ignore[no-untyped-def]
    """Type ``query`` into Material's search box and return the results once the worker answered.

    ``fill`` inserts Chinese without key events and Material only searches on key
    events, so a real key (End) is pressed after it. The worker indexes after the
    page loads, so the query is typed again until the result list or Material's
    "no results" line appears. The box is cleared first so results of an earlier
    query on the same page are never read as this query's.
    """
    none = page_translations(page)["search.result.none"]
    box = page.locator(SEARCH_BOX)
    box.click()
    box.fill("")
    box.press("End")
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
    deadline = time.monotonic() + timeout
    while True:
        box.fill(query)
        box.press("End")
        try:
            page.wait_for_function(_SEARCH_DONE, arg=[query, none], timeout=1000)
            break
        except PlaywrightTimeout:  # the worker is still indexing: type again
            if time.monotonic() > deadline:
                raise
    meta = page.locator(RESULT_META).inner_text().strip()
    results = []
    for link in page.locator(f"{RESULT_ITEM} > a.md-search-result__link:first-child").all():
        heading = link.locator("h1, h2").first
        title = heading.inner_text() if heading.count() else link.inner_text()
        href = link.evaluate("a => a.href")
        results.append(SearchResult(title.replace("\u200b", "").strip(), canonical(href)))
    return SearchOutcome(results, meta)


@pytest.fixture
def search():  # type: ignore[no-untyped-def]
    """``search(page, query) -> SearchOutcome`` (see ``run_search``)."""
    return run_search


@pytest.fixture
def translations():  # type: ignore[no-untyped-def]
    """``translations(page) -> dict``: Material's UI strings for the page language."""
    return page_translations


@pytest.fixture(scope="session")
def canonical_url():  # type: ignore[no-untyped-def]
    """``canonical_url(url)``: see ``canonical``."""
    return canonical
