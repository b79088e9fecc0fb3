"""Sharded MkDocs builds: k MkDocs processes (or CI jobs), merged into the site one build would make.

MkDocs is single-threaded, so the pages are split into k shards. Every shard
sees the whole docs dir, but ``exclude_docs`` drops what it does not own: links
to excluded pages still resolve and the nav still lists excluded nav pages with
their URLs (MkDocs only logs them at INFO), so every page comes out
byte-identical to a one-process build.

What is split: the pages below a section, each with its downloads: page folders
``<section>/<name>/`` (``index.md`` and files: ``departments/``, ``quality/`` …) and
page files ``<section>/<name>.md`` with their ``<name>.*`` files (``projects/``). They go
in groups by the part of the name before its first '-' plus the next letter
(``projects/2023-lao-dong`` → ``projects/2023-l``), so an ``exclude_docs`` list
is one pattern per section and year (or name prefix). Every section is split
about evenly by Markdown bytes, so every shard gets the same mix of page kinds
and no per-kind cost constant is needed (project pages cost MkDocs 2-3× more
per byte than index pages today, and that ratio changes with the templates).
Shard 0 also owns everything else (nav pages, root files, data/, assets): a
head start of a few percent, which is left as it is (taking it off its share of
project pages would need the per-kind cost constant again).

The merge takes shard 0 whole and the owned folders of the others, and rebuilds
``search/search_index.json`` (every shard's entries; ``postbuild.finish`` orders them by page
and writes ``generator.searchindex``'s form), the offline plugin's ``search_index.js``, and the
sitemaps.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

from generator import searchindex
from generator.warmstart import MKDOCS_BUILD, messages

_SAFE = re.compile(r"[^\[\]*?!\\^/]+")
_URL = re.compile(r"\s*<url>\s*<loc>(.*?)</loc>.*?</url>", re.S)


SETTINGS_CACHE = Path("build") / "cache" / "mkdocs-base.json"
"""Where builds keep ``base_settings``' answer, relative to mkdocs.yml's folder (``settings_cache``)."""


def settings_cache(config: Path) -> Path:
    """``base_settings``' cache file of the builds of ``config``."""
    return config.resolve().parent / SETTINGS_CACHE


def base_settings(config: Path, docs: Path, cache: Path | None = None) -> tuple[list[str], str | None]:
    """Docs paths the nav of ``config`` points at and the theme's resolved custom_dir.

    ``cache``: a JSON file keeping them for the same config (its bytes and those of the files it
    INHERITs, its path, the MkDocs version). Why: loading the config imports MkDocs and every
    plugin (Material's search plugin imports jieba), ~0.4 s of a one-page rebuild's ~1.5 s."""
    key = config_key(config, paths=True) if cache is not None else ""
    try:
        kept = json.loads(cache.read_text("utf-8")) if cache is not None else {}
        if kept and kept["key"] == key:
            return list(kept["nav"]), kept["custom_dir"]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # missing or unreadable: load the config
    from mkdocs.config import load_config

    loaded = load_config(str(config), docs_dir=str(docs.resolve()))
    out: list[str] = []

    def walk(item: object) -> None:
        if isinstance(item, str) and item.endswith(".md"):
            out.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(loaded.nav)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps({"key": key, "nav": out, "custom_dir": loaded.theme.custom_dir}), "utf-8")
    return out, loaded.theme.custom_dir


_INHERIT = re.compile(r"^INHERIT:[ \t]*['\"]?([^'\"#\n]+?)['\"]?[ \t]*(?:#.*)?$", re.M)
"""MkDocs' ``INHERIT: path`` line (quoted or not, with or without a comment)."""


def config_key(config: Path, paths: bool = False) -> str:
    """A hash of the config files (INHERIT followed) and the MkDocs version; with ``paths``, of
    where they are too (``base_settings`` resolves custom_dir against them; shards built in
    other checkouts must agree, so their fingerprint leaves paths out)."""
    from importlib.metadata import version

    digest = hashlib.sha256(version("mkdocs").encode())
    seen: set[Path] = set()
    path: Path | None = config.resolve()
    while path is not None and path not in seen:
        seen.add(path)
        if paths:
            digest.update(str(path).encode() + b"\0")
        try:
            text = path.read_bytes()
        except OSError:
            break
        digest.update(text + b"\0")
        parent = _INHERIT.search(text.decode("utf-8", "replace"))
        path = (path.parent / parent.group(1)).resolve() if parent else None
    return digest.hexdigest()


def group_of(folder: str) -> str:
    """Shard group of a page folder name: ``2023-lao-dong`` → ``2023-l`` (``abc`` → ``abc-``)."""
    year, _, slug = folder.partition("-")
    return f"{year}-{slug[:1]}"


def unit_of(parts: tuple[str, ...] | list[str]) -> str | None:
    """The page name a docs or site path belongs to, or None for nav and root files (shard 0's).

    ``departments/x/index.md`` → ``x`` (a page folder); ``projects/x.md``, ``projects/x.yaml``,
    ``projects/x.html`` → ``x`` (a page file and its downloads); ``years/index.md`` → None."""
    if len(parts) == 3:
        return parts[1]
    if len(parts) == 2:
        stem = parts[1].partition(".")[0]
        return None if stem == "index" else stem
    return None


def key_of(section: str, folder: str) -> str:
    """The group of page ``<section>/<folder>``: ``projects/2023-l``."""
    if not (_SAFE.fullmatch(section) and _SAFE.fullmatch(folder)):
        raise ValueError(f"page folder {section}/{folder} has a character exclude_docs patterns cannot hold")
    return f"{section}/{group_of(folder)}"


def partition(docs: Path, k: int) -> list[list[str]]:
    """Folder groups owned by each of ``k`` shards: each section balanced by bytes (shard 0 also has the rest)."""
    sections: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    total = [0] * k
    for md in docs.rglob("*.md"):
        rel = md.relative_to(docs).parts
        name = unit_of(rel)
        if name is not None:
            sections[rel[0]][key_of(rel[0], name)] += md.stat().st_size
        else:
            total[0] += md.stat().st_size  # nav and root pages: shard 0
    owned: list[list[str]] = [[] for _ in range(k)]
    for section in sorted(sections):  # each on its own: bytes of one kind of page cost about the same
        load = [0] * k
        for group, size in sorted(sections[section].items(), key=lambda kv: (-kv[1], kv[0])):
            i = min(range(k), key=lambda j: (load[j], total[j], j))
            owned[i].append(group)
            load[i] += size
            total[i] += size
    return [sorted(g) for g in owned]


def group_patterns(groups: list[str]) -> list[str]:
    """gitignore patterns matching exactly the pages of ``groups`` (one per section and prefix): a
    pattern names the page folders and the page files with their downloads alike."""
    letters: dict[tuple[str, str], list[str]] = defaultdict(list)
    out = []
    for group in groups:
        section, _, name = group.partition("/")
        prefix, _, letter = name.partition("-")
        if letter:
            letters[section, prefix].append(letter)
        else:  # a name without '-': the group is that one page, a folder or a file (ids and slugs hold no '.')
            out += [f"/{section}/{prefix}", f"/{section}/{prefix}.*"]
    for (section, prefix), chars in sorted(letters.items()):
        chars = sorted(chars, key=lambda c: (c == "-", c))  # '-' last: literal in a class
        out.append(f"/{section}/{prefix}-[{''.join(chars)}]*")
    return out


def shard_config(base: Path, docs: Path, site: Path, index: int, owned: list[list[str]],
                 custom_dir: str | None) -> str:
    """YAML of the config of shard ``index``: the base config plus ``exclude_docs``."""
    if index == 0:
        rules = group_patterns([g for i, groups in enumerate(owned) if i for g in groups])
    else:
        # a re-included folder does not re-include its files: '/**' names them
        rules = ["*"] + [r for p in group_patterns(owned[index]) for r in (f"!{p}", f"!{p}/**")]
    lines = [f"INHERIT: {base.resolve()}", f"docs_dir: {docs.resolve()}", f"site_dir: {site.resolve()}"]
    if custom_dir:  # absolute: the shard config lives elsewhere
        lines.append(f"theme:\n  custom_dir: {custom_dir}")
    lines.append("exclude_docs: |")
    return "\n".join(lines + [f"  {rule}" for rule in rules]) + "\n"


def run_shards(config: Path, docs: Path, work: Path, owned: list[list[str]], indices: list[int],
               env: dict[str, str] | None = None, settings_cache: Path | None = None) -> list[Path]:
    """Build the shards ``indices`` into ``work/site-<i>`` in parallel; their site dirs.
    ``settings_cache``: ``base_settings``' cache file.

    Raises RuntimeError with MkDocs' output when one fails."""
    _nav, custom_dir = base_settings(config, docs, settings_cache)
    sites, configs = [], []
    for i in indices:
        sites.append(work / f"site-{i}")
        configs.append(work / f"mkdocs-shard-{i}.yml")
        configs[-1].write_text(shard_config(config, docs, sites[-1], i, owned, custom_dir), "utf-8")
    cmd = [sys.executable, "-m", "mkdocs", *MKDOCS_BUILD, "-f"]
    with ThreadPoolExecutor(len(configs)) as pool:
        done = list(pool.map(lambda c: subprocess.run(cmd + [str(c)], env=env, capture_output=True, text=True),
                             configs))
    failed = [indices[n] for n, d in enumerate(done) if d.returncode]
    if failed:
        output = "\n".join("\n".join(messages(d.stdout + d.stderr)) for d in done if d.returncode)
        raise RuntimeError(f"mkdocs build failed in shard(s) {[i + 1 for i in failed]}:\n{output[-4000:]}")
    return sites


def _page_key(location: str) -> tuple[str, ...]:
    """MkDocs' documentation order (``Files`` sort) for a page URL such as ``projects/x.html``."""
    src = PurePosixPath((location.split("#", 1)[0] or "index.html").removesuffix(".html") + ".md")
    parts = src.parts
    return tuple(chr(2 if i < len(parts) - 1 else (src.stem != "index")) + p for i, p in enumerate(parts))


def _owned(location: str, groups: set[str]) -> bool:
    parts = location.split("#", 1)[0].split("/")
    name = unit_of(parts)
    return name is not None and f"{parts[0]}/{group_of(name)}" in groups


def _take(src: Path, dst: Path, move: bool) -> None:
    """Put the tree or file ``src`` at ``dst`` (its folder exists): a rename when ``move``, else a
    copy (the shard stays intact)."""
    if move:
        src.rename(dst)
    elif src.is_dir():
        shutil.copytree(src, dst)
    else:
        shutil.copy2(src, dst)


def merge(shards: list[Path], owned: list[list[str]], site: Path, move: bool = True) -> None:
    """Assemble ``site`` (must not exist) from the shard sites: shard 0 whole, the others' owned folders.

    ``move`` renames instead of copying (fast; the shard dirs are used up). The search index gets
    every shard's entries unordered: ``postbuild.finish`` orders it and writes the final files."""
    site.parent.mkdir(parents=True, exist_ok=True)
    _take(shards[0], site, move)
    index_path = site / "search" / "search_index.json"
    index = searchindex.read(index_path)
    sitemap_path = site / "sitemap.xml"
    sitemap = sitemap_path.read_text("utf-8") if sitemap_path.exists() else None
    urls = dict((m.group(1), m.group(0)) for m in _URL.finditer(sitemap)) if sitemap else {}
    first = next(iter(urls), "")
    base = first[: first.rfind("/") + 1]  # site_url: the home page comes first
    for shard, groups in zip(shards[1:], owned[1:]):
        mine = set(groups)
        for section in sorted({g.split("/", 1)[0] for g in mine}):
            (site / section).mkdir(exist_ok=True)
            for entry in sorted((shard / section).iterdir()) if (shard / section).is_dir() else ():
                name = unit_of((section, entry.name))  # a page folder's name, or a page file's stem
                if name is not None and f"{section}/{group_of(name)}" in mine:
                    _take(entry, site / section / entry.name, move)
        other = searchindex.read(shard / "search" / "search_index.json")
        index["docs"] += [e for e in other["docs"] if _owned(e["location"], mine)]
        if sitemap:
            for m in _URL.finditer((shard / "sitemap.xml").read_text("utf-8")):
                if _owned(m.group(1).removeprefix(base), mine):
                    urls[m.group(1)] = m.group(0)
    # order and search_index.js: postbuild.finish, which every merged site goes through next
    _rewrite(index_path, json.dumps(index, separators=(",", ":"), default=str))
    if sitemap and urls:  # no site_url: MkDocs writes an empty sitemap, the same in every shard
        _write_sitemap(site, sitemap, urls, base)


def _rewrite(path: Path, text: str) -> None:
    """Replace a file (never write into it: it may be a hard link)."""
    path.unlink()
    path.write_text(text, "utf-8")


def _write_sitemap(site: Path, first: str, urls: dict[str, str], base: str) -> None:
    blocks = list(_URL.finditer(first))
    head, tail = first[: blocks[0].start()], first[blocks[-1].end():]
    text = head + "".join(urls[loc] for loc in sorted(urls, key=lambda loc: _page_key(loc.removeprefix(base)))) + tail
    _rewrite(site / "sitemap.xml", text)
    gz = site / "sitemap.xml.gz"
    if gz.exists():
        mtime = int.from_bytes(gz.read_bytes()[4:8], "little")
        gz.unlink()
        with open(gz, "wb") as f, gzip.GzipFile(fileobj=f, filename=str(gz), mode="wb", mtime=mtime) as out:
            out.write(text.encode("utf-8"))


def build_sharded(config: Path, docs: Path, site: Path, k: int, env: dict[str, str] | None = None,
                  settings_cache: Path | None = None) -> None:
    """Build ``docs`` into ``site`` (which must not exist) with ``k`` MkDocs processes in parallel
    (``settings_cache``: ``base_settings``' cache file, kept for the incremental rebuilds)."""
    work = site.parent / f".{site.name}.shards"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    try:
        owned = partition(docs, k)
        merge(run_shards(config, docs, work, owned, list(range(k)), env, settings_cache), owned, site)
    finally:
        shutil.rmtree(work, ignore_errors=True)
