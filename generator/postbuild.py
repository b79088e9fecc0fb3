"""After MkDocs: finish a built site in place (engine-independent: it only reads and writes files).

``finish(site_dir, changed)`` does two things, deterministically:

1. **Pages.** Every HTML page in scope loses its search-entry comment
   (``<!-- jx-search {"title": …, "text": …} -->``, written by the project template),
   the indentation Material's templates leave on every line (about 3 KB a page), the line
   breaks before block tags (they never show), the end tags HTML lets it omit
   (``OPTIONAL_END``: ``</td>``, ``</tr>``, ``</li>`` where the next tag closes them), the
   quotes around attribute values that need none (``QUOTED``) and two empty parts of
   Material's frame (``UNUSED``). The browser builds the same DOM from the smaller page.
   Files with ``<pre>``/``<textarea>`` are left as they are: whitespace shows there.
   Cost at 10k (11,992 pages, CPU s, one process): line breaks 0.4, end tags 0.45, quotes 0.8,
   for about 1.5 + 5 + 3.5 MB less.
2. **Search index.** ``search/search_index.json`` gets one entry per project page, taken
   from those comments (text HTML-escaped, as in Material's own entries), and is written as UTF-8 (Material escapes every Han
   character as ``\\uXXXX``: 6 bytes instead of 3), its recurring words written once
   (``generator.searchindex``). Entries are ordered by page path, so a
   full, incremental or sharded build gives the same bytes. ``search_index.js`` (what
   Material loads instead when a page is opened from disk, file://) is only a stub with
   no entries: search needs a web server, and one copy of the index is enough.

``changed`` is the set of site-relative POSIX paths (``projects/x.html``) that were
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

from generator import searchindex
from generator.parallel import split

INDEX = Path("search") / "search_index.json"
ENTRY = re.compile(r"<!-- jx-search (.*?) -->\n?", re.S)
INDENT = re.compile(r"\n[ \t\n]+")
"""A line break and the indentation after it (ASCII only: a U+3000 space in Chinese text stays)."""
RAW_WHITESPACE = ("<pre", "<textarea")
BLOCK = "html|head|body|title|meta|link|header|footer|main|nav|article|section|aside|div|form|table|caption|thead|tbody|tfoot|tr|td|th|ul|ol|li|dl|dt|dd|p|h[1-6]|figure|figcaption|blockquote|hr"
"""Elements that are blocks (or table parts, or in <head>): a line break right before one of
their tags never shows (it falls at the end of a line, or between table cells). Line breaks
right after such a tag are left: ~15 bytes a page, not worth a look back at every ">\n"."""
BEFORE_BLOCK = re.compile(rf"\n(?=</?(?:{BLOCK})[\s/>])")
OPTIONAL_END = (
    (re.compile(r"</t[dh]>(?=<t[dh][\s>]|</tr>)"), ""),
    (re.compile(r"</tr>(?=<tr[\s>]|</tbody>|</thead>|</tfoot>|</table>)"), ""),
    (re.compile(r"</li>(?=<li[\s>]|</ol>|</ul>)"), ""),
)
"""End tags HTML lets a page omit (cell before a cell or the row's end, row before a row or the
table part's end, list item before an item or the list's end): the browser builds the same DOM,
and tables are most of a page (~6 % of a project page, ~9 % of a list row)."""
QUOTED = re.compile(r"""(=)"([^\s"'=<>`]+)"(?=[\s>])(?=[^<>]*>)""")
"""An attribute value that needs no quotes in HTML (no space, quote, =, <, >, backtick; not
followed by "/", which would join it), inside a tag (a ">" comes before any "<"):
``href="../a/index.html"`` → ``href=../a/index.html``. Used with split + join (the groups are
what is kept): twice as fast as ``sub`` with a template."""
UNUSED = (
    '<div data-md-component="announce"></div>',
    '<div class="md-dialog" data-md-component="dialog"><div class="md-dialog__inner md-typeset"></div></div>',
)
"""Material's frame parts this site never fills (no announcement bar; the dialog only shows
"copied to clipboard", and there are no code blocks): its bundle looks them up as optional."""


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
        html = BEFORE_BLOCK.sub("", INDENT.sub("\n", html)).lstrip()
        for part in UNUSED:
            html = html.replace(part, "", 1)
        for pattern, replacement in OPTIONAL_END:
            html = pattern.sub(replacement, html)
        html = "".join(QUOTED.split(html))
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


SPLIT_FROM = 400
"""Pages from which ``finish`` reads and rewrites them in two processes (``generator.parallel``,
every other page each). Why: it runs after MkDocs' parallel shards, and on one core it took
9.5 s of a 10,000-project build here (5.0 s in two)."""


def _finish_pages(site_dir: Path, rels: list[str]) -> tuple[int, dict[str, dict[str, str]]]:
    """Finish the pages ``rels``: how many were rewritten, and their search entries by path."""
    rewritten, entries = 0, {}
    for rel in rels:
        path = site_dir / rel
        html = path.read_text("utf-8")
        new, entry = finish_page(html)
        if entry is not None:
            entries[rel] = {"location": rel, "title": _html_text(entry.get("title")), "text": _html_text(entry.get("text"))}
        if new != html:
            _write(path, new)
            rewritten += 1
    return rewritten, entries


def finish(site_dir: Path, changed: set[str] | None = None) -> Finished:
    """Finish ``site_dir`` in place (see the module docstring); ``changed=None`` means all files."""
    done = Finished()
    pages = _pages(site_dir, changed)
    if len(pages) < SPLIT_FROM:
        done.pages, entries = _finish_pages(site_dir, pages)
    else:
        (ours, mine), (theirs, other) = split(lambda: _finish_pages(site_dir, pages[0::2]),
                                              lambda: _finish_pages(site_dir, pages[1::2]))
        done.pages, entries = ours + theirs, {**mine, **other}
    done.entries = len(entries)
    index_path = site_dir / INDEX
    if index_path.is_file():
        raw = index_path.read_text("utf-8")
        index = searchindex.loads(raw)
        docs = [d for d in index.get("docs", []) if d.get("location") not in entries] + list(entries.values())
        docs.sort(key=lambda d: _page(d["location"]))  # stable: a page's sections keep their order
        index["docs"] = docs
        data = searchindex.dumps(index)
        if data != raw:
            _write(index_path, data)
        done.indexed = len(docs)
        stub = "var __index = " + json.dumps({"config": index.get("config", {}), "docs": []}, ensure_ascii=False, separators=(",", ":"))
        js = site_dir / "search" / "search_index.js"
        if not js.is_file() or js.read_text("utf-8") != stub:
            _write(js, stub)
    return done
