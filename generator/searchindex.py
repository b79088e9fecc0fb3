"""The site's search index file, ``search/search_index.json``: Material's entries, written compactly.

In memory an index is Material's: ``{"config": …, "docs": [{"location", "title", "text"}, …]}``.
On disk (``dumps``) the docs are ``entries`` over a table of ``words``:

    {"config": …, "words": ["·", "居民满意度", …],
     "entries": [["projects/x.html", 17, [3, 0, 41, "年内完成…", …]], …]}

An entry is ``[location, title, text]`` (and a fourth item, the doc's other keys, when it has
any: Material's ``tags`` or ``boost``); the text is split at single spaces into tokens, and a
token (or a whole title) that occurs twice or more in the index is the number of its word, every
other run of tokens one string. ``text == " ".join(word or string for each part)``. A text holding
``<`` (Material's own entries may hold tags, whose attributes hold spaces) is one string.

Why: a project's search text is its year, department, 实施单位, category, the names of its
indicators and its annual goal, and all but the goal recur: at 10,000 projects 4,700 words
stand for ~140,000 indicator names and the rest, and the file shrinks from 7.7 to 3.6 MB
(0.81 → 0.63 MB gzipped). A browser receives the decompressed bytes and parses them before the
first result can show (the search worker, ``generator/assets/js/search-worker.js``, which reads
both forms), and the site has 4 MB less to host. The words are ordered by count, then by text, so
the bytes depend only on the set of entries: a full, incremental or sharded build writes the same
file (``generator.postbuild`` orders the entries by page).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

KEYS = ("location", "title", "text")
"""The keys an entry's first three items stand for."""
MIN_COUNT = 2
"""A token that occurs this often (or more) in the whole index becomes a word."""


def loads(text: str) -> dict[str, Any]:
    """An index in Material's form from either form of the file."""
    data = json.loads(text)
    if not isinstance(data, dict) or "entries" not in data:
        return data if isinstance(data, dict) else {"docs": []}
    words: list[str] = data.pop("words")
    word = lambda part: words[part] if isinstance(part, int) else part  # noqa: E731
    data["docs"] = [{"location": entry[0], "title": word(entry[1]), "text": " ".join(map(word, entry[2])), **(entry[3] if len(entry) > 3 else {})}
                    for entry in data.pop("entries")]
    return data


def read(path: Path) -> dict[str, Any]:
    """``loads`` of the file at ``path``."""
    return loads(path.read_text("utf-8"))


def _tokens(doc: dict[str, Any]) -> list[str]:
    text = str(doc.get("text", ""))
    return [text] if "<" in text else text.split(" ")


def dumps(index: dict[str, Any]) -> str:
    """The file's text for ``index`` (Material's form; its ``docs`` in the order given), UTF-8 ready."""
    docs = index.get("docs", [])
    tokens = [_tokens(doc) for doc in docs]
    titles = [str(doc.get("title", "")) for doc in docs]
    counts: Counter[str] = Counter(titles)
    for parts in tokens:
        counts.update(parts)
    words = sorted((w for w, n in counts.items() if n >= MIN_COUNT), key=lambda w: (-counts[w], w))
    number = {w: i for i, w in enumerate(words)}
    entries = []
    for doc, title, parts in zip(docs, titles, tokens):
        encoded: list[int | str] = []
        for part in parts:
            found = number.get(part)
            if found is not None:
                encoded.append(found)
            elif encoded and isinstance(encoded[-1], str):
                encoded[-1] += " " + part
            else:
                encoded.append(part)
        extra = {k: v for k, v in doc.items() if k not in KEYS}
        entries.append([doc["location"], number.get(title, title), encoded, *([extra] if extra else [])])
    rest = {k: v for k, v in index.items() if k != "docs"}
    return json.dumps({**rest, "words": words, "entries": entries}, ensure_ascii=False, separators=(",", ":"), default=str)
