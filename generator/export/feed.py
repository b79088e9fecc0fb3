"""Atom feed of newly published or changed projects, newest first, dated from the data.

Each project is one entry whose id never changes (derived from the project id), so a
changed project updates its entry in a reader instead of adding a new one. Dates come
from ``updated`` (the git date of the project's file, see dates.py), never from the clock.
Text goes through ElementTree, which escapes it.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from generator.export.rows import money, titles
from generator.schema import Project

ATOM = "http://www.w3.org/2005/Atom"
LIMIT = 100


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def entry_id(project_id: str) -> str:
    """A stable Atom id for a project: a name-based UUID of its id."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'performance-targets:' + project_id)}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, attrs)
    if text is not None:
        node.text = text
    return node


def feed_items(projects: Iterable[Project], updated: Mapping[str, date], limit: int = LIMIT) -> list[Project]:
    """The projects the feed lists: the ``limit`` most recently updated, ties by year and id (not
    by name or anything else a project page shows, so ``generator.quick`` can keep their ids)."""
    return sorted(projects, key=lambda p: (updated.get(p.id, date(p.year, 1, 1)), p.year, p.id), reverse=True)[:limit]


def feed_xml(
    projects: Sequence[Project],
    updated: Mapping[str, date],
    page_url: Callable[[Project], str],
    feed_url: str = "feed.xml",
    limit: int = LIMIT,
) -> str:
    """The feed document: the ``limit`` most recently updated projects, ties by year and id.

    ``page_url`` gives each project's page URL (absolute, or relative to the feed's own URL);
    projects missing from ``updated`` are dated 1 January of their table year.
    """
    text = titles()["feed"]

    def when(p: Project) -> date:
        return updated.get(p.id, date(p.year, 1, 1))

    items = feed_items(projects, updated, limit)
    root = ET.Element("feed", {"xmlns": ATOM})
    _sub(root, "title", text["title"])
    _sub(root, "id", entry_id("feed"))
    _sub(root, "link", rel="self", href=feed_url)
    _sub(root, "updated", _stamp(when(items[0]) if items else date(1980, 1, 1)))
    _sub(_sub(root, "author"), "name", "generator")
    for project in items:
        entry = _sub(root, "entry")
        _sub(entry, "title", text["entry_title"].format(year=project.year, name=project.name))
        _sub(entry, "id", entry_id(project.id))
        _sub(entry, "link", rel="alternate", type="text/html", href=page_url(project))
        _sub(entry, "updated", _stamp(when(project)))
        total = money(project.funds.total) or text["no_total"]
        summary = text["summary"].format(department=project.department, implementer=project.implementer, total=total)
        _sub(entry, "summary", summary)
        if project.category:
            _sub(entry, "category", term=project.category)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_feed(path: Path, projects: Sequence[Project], updated: Mapping[str, date], page_url: Callable[[Project], str]) -> None:
    """Write ``feed_xml`` to ``path`` (UTF-8)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(feed_xml(projects, updated, page_url, feed_url=path.name), "utf-8")
