"""Warm cache for rebuilds: per project file, its rule findings.

Why: after one file is edited, the other 9,999 need not be checked again; the rules are
about half a file's load cost. (Parsed data is not cached: pickling 10,000 files' Decimals
would cost a cold build more than parsing saves a rebuild.) An entry is used only when the
file's text (SHA-1), its displayed path, the code and data of the generator, and the rule
settings (checks.yaml) are all the same; anything unreadable is ignored, never an error:
the cache can always be deleted.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path
from generator.problems import Problem

FORMAT = 1
Entry = tuple[bytes, list[Problem]]
"""(SHA-1 of the file text, findings) by displayed path."""


def digest(text: str) -> bytes:
    """The key of one file's content."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).digest()


SOURCES = (".py", ".yaml", ".yml", ".json", ".txt")
"""The package files a file's data and findings depend on (its code and data, not templates)."""


def fingerprint(base: Path | None, suffixes: tuple[str, ...] | None = SOURCES, tag: str = str(FORMAT)) -> str:
    """Everything besides a file's bytes that its data and findings depend on.

    The generator's own sources and data files (a code change invalidates the cache), the
    Python version, and checks.yaml where the build reads it (``base`` or the current dir).
    ``suffixes`` None takes every file of the package (templates and assets too: what
    ``generator.quick`` writes depends on them); ``tag`` names the cache and its format.
    """
    package = Path(__file__).resolve().parent
    import pydantic

    h = hashlib.sha1(f"{tag} {sys.version} {pydantic.VERSION}".encode())
    wanted = (lambda p: "__pycache__" not in p.parts) if suffixes is None else (lambda p: p.suffix in suffixes)
    for path in sorted(p for p in package.rglob("*") if wanted(p) and p.is_file()):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    checks = (base or Path.cwd()) / "checks.yaml"
    h.update(checks.read_bytes() if checks.is_file() else b"-")
    return h.hexdigest()


@dataclass
class LoadCache:
    """Entries read from the previous build, and the ones this build will save."""

    key: str
    old: dict[str, Entry] = field(default_factory=dict)
    new: dict[str, Entry] = field(default_factory=dict)

    def get(self, display: str, sha: bytes) -> list[Problem] | None:
        """Cached findings of a file with this path and content, or None."""
        entry = self.old.get(display)
        if entry is None or entry[0] != sha:
            return None
        return entry[1]


def open_cache(path: Path, base: Path | None) -> LoadCache:
    """The cache at ``path`` when it was written by this code with these settings; else an empty one."""
    key = fingerprint(base)
    try:
        with open(path, "rb") as handle:
            stored_key, entries = pickle.load(handle)
        if stored_key == key and isinstance(entries, dict):
            return LoadCache(key, entries)
    except Exception:  # noqa: BLE001 - missing, truncated, corrupt or foreign: start empty
        pass
    return LoadCache(key)


def save_cache(path: Path, cache: LoadCache) -> None:
    """Write ``cache.new`` atomically (a temp file renamed over the old one); failures are ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as handle:
            pickle.dump((cache.key, cache.new), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
