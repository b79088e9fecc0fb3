"""After MkDocs: finish a built site in place (engine-independent: it only reads and writes files).

``finish(site_dir, changed)`` does two things, deterministically:

1. **Pages.** Every HTML page in scope loses its search-entry comment
   (``<!-- jx-search {"title": …, "text": …} -->``, written by the project template)
   and the indentation Material's templates leave on every line (about 3 KB a page;
   files with ``<pre>``/``<textarea>`` are left as they are, whitespace shows there).
2. **Search index.** ``search/search_index.json`` gets one entry per project page, taken
   from those comments (text HTML-escaped, as in Material's own entries), and is written as UTF-8 (Material escapes every Han
   character as ``\\uXXXX``: 6 bytes instead of 3). Entries are ordered by page path, so a
   full, incremental or sharded build gives the same bytes. ``search_index.js`` (what
   Material loads instead when a page is opened from disk, file://) is only a stub with
   no entries: search needs a web server, and one copy of the index is enough.

``changed`` is the set of site-relative POSIX paths (``projects/x/index.html``) that were
written since the site was last finished; ``None`` means every file (a full build). Calling
it twice is harmless: a finished page has no entry left and is not rewritten.
"""

from __future__ import annotations

import html as htmllib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

INDEX = Path("search") / "search_index.json"
ENTRY = re.compile(r"<!-- jx-search (.*?) -->\n?", re.S)
INDENT = re.compile(r"\n[ \t\n]+")
"""A line break and the indentation after it (ASCII only: a U+3000 space in Chinese text stays)."""
RAW_WHITESPACE = ("<pre", "<textarea")


@dataclass
class Finished:
    """What ``finish`` did: pages rewritten, search entries taken from pages, entries in the index."""

    pages: int = 0
    entries: int = 0
    indexed: int = 0


def _html_text(value: object) -> str:
    """Text as HTML, like Material's own entries: the index never holds a raw ``<`` of user data."""
    return htmllib.escape(str(value or ""), quote=False)


def _page(location: str) -> str:
    return location.split("#", 1)[0]


def finish_page(html: str) -> tuple[str, dict[str, str] | None]:
    """One page's finished HTML and its search entry (title/text, without location), if it had one."""
    entry = None
    match = ENTRY.search(html)
    if match:
        entry = json.loads(match.group(1))
        html = html[: match.start()] + html[match.end():]
    if not any(tag in html for tag in RAW_WHITESPACE):
        html = INDENT.sub("\n", html)
    return html, entry


def _write(path: Path, text: str) -> None:
    """Write ``path``; a file with other hard links (an incremental build links the previous site)
    is replaced by a new file rather than written in place."""
    if not path.exists() or path.stat().st_nlink == 1:
        path.write_text(text, "utf-8")
        return
    tmp = path.with_name(path.name + ".finish-tmp")
    tmp.write_text(text, "utf-8")
    os.replace(tmp, path)


def _pages(site_dir: Path, changed: set[str] | None) -> list[str]:
    if changed is None:
        return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
    return sorted(rel for rel in changed if rel.endswith(".html") and (site_dir / rel).is_file())


def finish(site_dir: Path, changed: set[str] | None = None) -> Finished:
    """Finish ``site_dir`` in place (see the module docstring); ``changed=None`` means all files."""
    done = Finished()
    entries: dict[str, dict[str, str]] = {}
    for rel in _pages(site_dir, changed):
        path = site_dir / rel
        html = path.read_text("utf-8")
        new, entry = finish_page(html)
        if entry is not None:
            entries[rel] = {"location": rel, "title": _html_text(entry.get("title")), "text": _html_text(entry.get("text"))}
        if new != html:
            _write(path, new)
            done.pages += 1
    done.entries = len(entries)
    index_path = site_dir / INDEX
    if index_path.is_file():
        index = json.loads(index_path.read_text("utf-8"))
        docs = [d for d in index.get("docs", []) if d.get("location") not in entries] + list(entries.values())
        docs.sort(key=lambda d: _page(d["location"]))  # stable: a page's sections keep their order
        index["docs"] = docs
        data = json.dumps(index, ensure_ascii=False, separators=(",", ":"), default=str)
        if data != index_path.read_text("utf-8"):
            _write(index_path, data)
        done.indexed = len(docs)
        stub = "var __index = " + json.dumps({"config": index.get("config", {}), "docs": []}, ensure_ascii=False, separators=(",", ":"))
        js = site_dir / "search" / "search_index.js"
        if not js.is_file() or js.read_text("utf-8") != stub:
            _write(js, stub)
    return done
