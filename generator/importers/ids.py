"""Stable ids and content paths for imported projects.

The id is an ASCII slug of year and name (pinyin), written into the YAML once and
never recomputed from an edited name, so URLs stay stable.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Mapping


MAX_SLUG = 60


_KNOWN: dict[str, str] = {}
"""Slugs handed in by ``remember_slugs``: looked up before pypinyin is imported."""


def remember_slugs(slugs: Mapping[str, str]) -> None:
    """Take ``slugify``'s results of an earlier run (``generator.quick`` keeps the site's group
    names' slugs): a quick rebuild then needs neither pypinyin (~0.4 s to import) nor its time."""
    _KNOWN.update(slugs)


def slugify(text: str) -> str:
    """ASCII slug: pinyin for Han characters, lower-case words joined by ``-``.

    Memoised: pypinyin takes ~0.1 ms a name, and a build or a preview session slugs the same
    department and implementer names again and again."""
    known = _KNOWN.get(text)
    return known if known is not None else _slugify(text)


@lru_cache(maxsize=65536)
def _slugify(text: str) -> str:
    from pypinyin import Style, lazy_pinyin  # here, not at import: ~0.4 s that a quick rebuild never needs

    words = lazy_pinyin(unicodedata.normalize("NFKC", text), style=Style.NORMAL, errors=lambda s: list(s))
    joined = "-".join(words).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", joined).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug or "project"


def project_id(year: int, name: str, taken: set[str]) -> str:
    """``<year>-<slug>``, with ``-2``, ``-3``… when the id is already taken."""
    base = f"{year}-{slugify(name)}"
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate


_UNSAFE = re.compile(r"[\x00-\x1f/\\:*?\"<>|]+")


def safe_component(text: str, limit: int = 80) -> str:
    """A single path component: no separators, no leading dots, bounded length."""
    cleaned = _UNSAFE.sub("_", unicodedata.normalize("NFC", text)).strip().lstrip(".").strip()
    return (cleaned[:limit].rstrip() or "_")


def content_path(year: int, department: str, name: str, project_id: str) -> PurePosixPath:
    """``<year>/<主管部门>/<项目名称>.yaml`` relative to the content directory."""
    return PurePosixPath(str(year), safe_component(department), safe_component(name) + ".yaml")
