"""Browser fixtures: a site built once per session, served on 127.0.0.1, and headless Debian chromium.

The site is built from the seed content plus the invented multi-year fixture
(tests/cases/multiyear), in a temp copy of the project root, so the repository's
build/ and site/ are never touched. Chromium starts with the flags from
shared/reference/testing.md (no sandbox as root, no background network).
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """site/ built from content/ + tests/cases/multiyear (a real ``python -m generator build``)."""
    root = tmp_path_factory.mktemp("browser-build")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "tests" / "cases" / "multiyear", root / "content" / "multiyear", ignore=shutil.ignore_patterns("*.md"))
    cmd = [sys.executable, "-m", "generator", "build", "--content", "content", "--site", "site", "--config", "mkdocs.yml"]
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "HOME": str(root)}
    result = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    """The built site over HTTP on a free port (threaded: a browser keeps connections open)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (python3 tasks.py test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, base_url: str):  # type: ignore[no-untyped-def]
    """A fresh desktop-sized page that records requests leaving the local server and script errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    pg.foreign_requests = []
    pg.errors = []
    pg.on("request", lambda r: pg.foreign_requests.append(r.url) if not r.url.startswith((base_url, "data:", "blob:")) else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()
