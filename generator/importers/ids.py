"""Stable ids and content paths for imported projects.

The id is an ASCII slug of year and name (pinyin), written into the YAML once and
never recomputed from an edited name, so URLs stay stable.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import PurePosixPath


MAX_SLUG = 60


@lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """ASCII slug: pinyin for Han characters, lower-case words joined by ``-``.

    Memoised: pypinyin takes ~0.1 ms a name, and a build or a preview session slugs the same
    department and implementer names again and again."""
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
