"""A Python-Markdown extension that stashes the generator's raw HTML blocks without parsing them.

Why: our pages are almost entirely raw HTML blocks (tables, breadcrumbs, lists), and
Python-Markdown finds where a raw block ends by running ``html.parser`` over the whole page
(``HtmlBlockPreprocessor``); MkDocs then runs ``html.parser`` over the page a second time to
collect element ids (``_RawHTMLPreprocessor``). Those two passes were ~65 % of MkDocs' time
per page. The generator writes every block in one simple shape, so a block can be recognised
from its lines alone:

- it starts at the beginning of a line, after a blank line (or at the top), with a block-level
  tag or a comment;
- it ends at the next blank line (the templates turn line breaks inside data into ``<br>``,
  so data never holds a blank line);
- it is a run of whole elements, one or more per line, each opened by a block-level tag at the
  start of a line and closed at the end of a line, with balanced tags in between (checked with
  one regular-expression scan, far cheaper than ``html.parser``), and it holds nothing
  ``html.parser`` reads differently (``<script>``, ``<style>``, ``<pre>``, ``<textarea>``, ``<hr>``).

Such a block goes straight into Markdown's HTML stash, exactly as ``HtmlBlockPreprocessor``
would store it. Lines without ``<`` are Markdown and stay as they are. From the first line
that is neither (an unclosed element, inline HTML, a comment inside text…) to the end of the
page everything is left to the standard preprocessors, because that line may open an element
that only a real parse can see closing. The HTML that comes out is
byte-identical with and without this extension (``tests/test_rawblocks.py`` converts every page
kind both ways), so an engine that cannot load it (or a build without it) makes the same site,
only slower. It uses Python-Markdown's public extension API only, nothing of MkDocs.

The paragraphs that hold the stashed blocks' placeholders are then marked atomic
(``StashedParagraphs``), so the inline processor skips them instead of trying its ~20 patterns
on each, all of which fail on a placeholder.

Ids inside stashed blocks are no longer seen by MkDocs' anchor validation (``validation.anchors``
is at its default level, ``info``): our pages link to them from raw HTML, which MkDocs does not
validate anyway.
"""

from __future__ import annotations

import re
from typing import Any, Callable
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, AtomicString

BLOCK_START = re.compile(r"<(?:!--|([a-zA-Z][a-zA-Z0-9-]*))")
"""A line that may open a raw block: a tag (block-level ones are checked by name) or a comment."""
TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>", re.S)
"""A comment, or a tag: its end-tag slash, its name and its self-closing slash (``<rect … />``)."""
VOID = frozenset("area base br col embed img input link meta param source track wbr".split())
"""Elements without an end tag."""
HAS_CAPITAL = re.compile(r"</?[a-z0-9-]*[A-Z]")
"""A tag name with a capital letter somewhere in a block (text in comments may match too: then
the names are lower-cased for nothing, with the same result)."""
TAG_NAME = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*")
"""A tag's ``<`` or ``</`` and name, to lower-case."""
SPECIAL = re.compile(r"<(?:script|style|pre|textarea|hr)[\s/>]", re.I)
"""Elements whose content ``html.parser`` treats differently, or that Markdown handles as empty."""
PRIORITY = 25
"""After ``normalize_whitespace`` (30), before MkDocs' id scan (21) and ``html_block`` (20)."""
TREE_PRIORITY = 25
"""Before the inline processor (20)."""


def simple_block(block: str, is_block_level: Callable[[str], bool]) -> bool:
    """True when ``block`` is a run of whole top-level elements that Markdown would store as is.

    Each top-level element (or comment) starts a line with a block-level tag, and ends at the
    end of a line or of the block; every start tag inside is closed by its own end tag, in
    order. Text after a top-level element on the same line would be Markdown, so it fails.

    This loop runs once per tag of every page (~1,000 on a project page), so it is written for
    speed: one ``groups()`` call per tag and no ``lower()``: HTML names ignore case, so a block
    with a capital letter in a tag name is scanned with its (ASCII, so same-length) names
    lower-cased."""
    if HAS_CAPITAL.search(block):
        block = TAG_NAME.sub(lambda m: m.group(0).lower(), block)
    stack: list[str] = []
    push, pop = stack.append, stack.pop
    line_start = 0  # where the next top-level element must begin
    for match in TAG.finditer(block):
        close, name, empty = match.groups()
        if stack:
            if name is None or empty or name in VOID:  # comment or empty element inside
                continue
            if not close:
                push(name)
                continue
            if pop() != name:
                return False
            if stack:
                continue
        else:
            if match.start() != line_start:
                return False
            if name is not None:  # a top-level start tag
                if close or empty or name in VOID or not is_block_level(name):
                    return False
                push(name)
                continue
        end = match.end()  # a top-level element (or comment) ended here
        if end == len(block):
            return True
        if block[end] != "\n":
            return False
        line_start = end + 1
    return False


class RawBlockPreprocessor(Preprocessor):
    """Move the generator's raw HTML blocks into the HTML stash (see the module docstring)."""

    def run(self, lines: list[str]) -> list[str]:
        md = self.md
        out: list[str] = []
        i, n = 0, len(lines)
        while i < n:
            line = lines[i]
            if "<" in line:
                if i and lines[i - 1].strip(" "):
                    break
                match = BLOCK_START.match(line)
                if not match or (match.group(1) is not None and not md.is_block_level(match.group(1))):
                    break
                end = i
                while end + 1 < n and lines[end + 1].strip(" "):  # Markdown's blank lines: spaces only
                    end += 1
                block = "\n".join(lines[i:end + 1])
                if SPECIAL.search(block) or not simple_block(block, md.is_block_level):
                    break
                # html_block keeps the line break before the blank line that ends a block
                out.append(md.htmlStash.store(block + ("\n" if end + 1 < n else "")))
                out.append("")
                i = end + 1
                continue
            out.append(line)
            i += 1
        # From the first line this cannot vouch for, html_block decides: that line may open an
        # element that is still open further down, which only a real parse can tell.
        return out + lines[i:]


class StashedParagraphs(Treeprocessor):
    """Mark the text of paragraphs that only hold an HTML-stash placeholder as atomic.

    Why: every raw block becomes such a paragraph until the postprocessors swap the HTML in,
    and the inline processor would try each of its ~20 patterns on it, finding nothing (the
    placeholder is control characters around letters and digits): 1.9 million pattern calls
    at 10,000 projects. An ``AtomicString`` is skipped by the inline processor and printed as
    it is, so the HTML is the same."""

    def run(self, root: Element) -> None:
        whole = HTML_PLACEHOLDER_RE.fullmatch
        for child in root:
            text = child.text
            if child.tag == "p" and text and not len(child) and whole(text):
                child.text = AtomicString(text)


class RawBlocksExtension(Extension):
    """Register :class:`RawBlockPreprocessor` (``markdown_extensions: [generator.rawblocks]``)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(RawBlockPreprocessor(md), "jx_raw_blocks", PRIORITY)
        md.treeprocessors.register(StashedParagraphs(md), "jx_stashed_paragraphs", TREE_PRIORITY)


def makeExtension(**kwargs: Any) -> RawBlocksExtension:  # noqa: N802 (Python-Markdown's entry point)
    """Entry point Python-Markdown calls for ``generator.rawblocks``."""
    return RawBlocksExtension(**kwargs)
