#!/usr/bin/env python3
"""One-off check: two built sites give the same DOM, page kind by page kind (Chromium, JavaScript off).

    python benchmarks/frame_dom.py BEFORE_SITE AFTER_SITE [--per-kind 5]

Opens the same pages of both sites in headless Debian chromium with JavaScript disabled, takes
``document.documentElement.outerHTML`` after load (the DOM the parser built, so whitespace
stripping, optional end tags and unquoted attributes no longer show), and prints every
difference once, with the number of pages it occurs on, plus the pages that are identical.
Page kinds: the 9 nav pages, 404.html, and the first ``--per-kind`` pages of projects/, years/,
departments/, categories/ and quality/. Used to check a change of the page
frame (overrides/): only the intended differences may be listed. Both sites must be finished
(``generator build``, or ``generator.postbuild.finish`` after a bare ``mkdocs build``), or the
indentation of Material's templates shows up as differences.
"""

from __future__ import annotations

import argparse
import difflib
import re
from collections import Counter
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
NAV = ["index.html", "years/index.html", "departments/index.html", "implementers/index.html",
       "categories/index.html", "summary/index.html", "charts/index.html", "opendata/index.html",
       "quality/index.html", "404.html"]
SECTIONS = ["projects", "years", "departments", "categories", "quality"]


def sample(site: Path, per_kind: int) -> list[str]:
    """The pages to compare: nav pages, 404 and the first pages of every section."""
    out = [rel for rel in NAV if (site / rel).is_file()]
    for section in SECTIONS:  # page folders (<name>/index.html) and page files (<name>.html, projects)
        pages = sorted(p / "index.html" if p.is_dir() else p for p in (site / section).iterdir()
                       if (p / "index.html").is_file() or (p.suffix == ".html" and p.name != "index.html"))
        out += [p.relative_to(site).as_posix() for p in pages[:per_kind]]
    return out


def lines(html: str) -> list[str]:
    """The serialized DOM one tag per line, so a difference names the element it is in."""
    return re.sub(r"(<[^/!][^>]*>)", r"\n\1", html).splitlines()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--per-kind", type=int, default=5)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    rels = sample(args.before, args.per_kind)
    changes: Counter[str] = Counter()
    kinds: dict[str, set[str]] = {}
    same = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        for rel in rels:
            doms = []
            for site in (args.before, args.after):
                page.goto((site / rel).resolve().as_uri())
                doms.append(page.evaluate("() => document.documentElement.outerHTML"))
            if doms[0] == doms[1]:
                same += 1
                continue
            kind = rel.split("/")[0] if rel.count("/") == 2 else rel
            diff = difflib.unified_diff(lines(doms[0]), lines(doms[1]), lineterm="", n=0)
            for line in diff:
                if line.startswith(("---", "+++", "@@")):
                    continue
                changes[line] += 1
                kinds.setdefault(line, set()).add(kind)
        browser.close()
    print(f"{len(rels)} pages compared, {same} with identical DOM")
    for line, count in changes.most_common():
        print(f"{count:4} pages ({', '.join(sorted(kinds[line]))}): {line[:300]}")


if __name__ == "__main__":
    main()
