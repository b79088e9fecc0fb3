"""MkDocs hooks of the partial builds that ``build --incremental`` runs (``generator.incremental``),
never of a full build: they only make a partial build faster, its kept pages stay byte-equal.

- No static templates (404.html, sitemap.xml, scope.js): the site keeps the ones its full
  build made, and a partial build's are thrown away.
- Material's templates compiled once and kept in build/cache (``JX_PARTIAL_TEMPLATES``): a
  partial build renders a handful of pages, and compiling ~40 templates was a third of it.
  The cache is set on every environment the theme makes, from the first: Material's search
  plugin makes one in its own ``on_config`` to translate its labels, so this hook's
  ``on_config`` runs before the plugins' (``event_priority``).
- The theme's static files are not listed: MkDocs walks every file of Material's folder
  (~14,500, its icons) to copy them, and the site keeps the ones its full build copied. No
  page depends on that list (the ``url`` filter does not look files up).
- The nav pages MkDocs must see (a nav entry without its file fails ``--strict``) but whose
  HTML is not kept are read as empty pages: their titles come from the nav in mkdocs.yml,
  and the 10,000-row summary page need not be converted just to be discarded.
  ``JX_PARTIAL_KEEP`` lists (JSON) the docs paths whose HTML is kept.
"""

from __future__ import annotations

import json
import os
from typing import Any

from mkdocs.plugins import event_priority

_KEEP = frozenset(json.loads(os.environ.get("JX_PARTIAL_KEEP", "[]")))


@event_priority(100)  # before the search plugin's on_config, which makes the first environment
def on_config(config: Any) -> Any:
    config.theme.static_templates.clear()
    folder = os.environ.get("JX_PARTIAL_TEMPLATES")
    cache = None
    if folder:
        from jinja2 import FileSystemBytecodeCache

        os.makedirs(folder, exist_ok=True)
        cache = FileSystemBytecodeCache(folder)
    make = config.theme.get_env

    def get_env() -> Any:
        env = make()
        if cache is not None:
            env.bytecode_cache = cache
        env.list_templates = _no_static_files
        return env

    config.theme.get_env = get_env
    return config


def _no_static_files(*_args: Any, **_kwargs: Any) -> list[str]:
    """``Environment.list_templates`` for ``Files.add_files_from_theme``: nothing to copy."""
    return []


def on_page_read_source(page: Any, config: Any) -> str | None:
    return None if page.file.src_uri in _KEEP else ""
