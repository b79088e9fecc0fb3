"""MkDocs hooks of the partial builds that ``build --incremental`` runs (``generator.incremental``),
never of a full build: they only make a partial build faster, its kept pages stay byte-equal.

- No static templates (404.html, sitemap.xml, scope.js): the site keeps the ones its full
  build made, and a partial build's are thrown away.
- Material's templates compiled once and kept in build/cache (``JX_PARTIAL_TEMPLATES``): a
  partial build renders a handful of pages, and compiling ~40 templates was a third of it.
- The nav pages MkDocs must see (a nav entry without its file fails ``--strict``) but whose
  HTML is not kept are read as empty pages: their titles come from the nav in mkdocs.yml,
  and the 10,000-row summary page need not be converted just to be discarded.
  ``JX_PARTIAL_KEEP`` lists (JSON) the docs paths whose HTML is kept.
"""

from __future__ import annotations

import json
import os
from typing import Any

_KEEP = frozenset(json.loads(os.environ.get("JX_PARTIAL_KEEP", "[]")))


def on_config(config: Any) -> Any:
    config.theme.static_templates.clear()
    return config


def on_env(env: Any, config: Any, files: Any) -> Any:
    folder = os.environ.get("JX_PARTIAL_TEMPLATES")
    if folder:
        from jinja2 import FileSystemBytecodeCache

        os.makedirs(folder, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(folder)
    return env


def on_page_read_source(page: Any, config: Any) -> str | None:
    return None if page.file.src_uri in _KEEP else ""
