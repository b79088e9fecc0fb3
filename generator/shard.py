"""Sharded MkDocs builds: k MkDocs processes (or CI jobs), merged into the site one build would make.

MkDocs is single-threaded, so the project pages are split into k shards. Every
shard sees the whole docs dir, but ``exclude_docs`` drops what it does not own:
links to excluded pages still resolve and the nav still lists excluded nav pages
with their URLs (MkDocs only logs them at INFO), so every page comes out
byte-identical to a one-process build. Shard 0 owns every non-project file (nav
and index pages, data/, assets); shard j > 0 builds only its project folders
(page and downloads), so it pays no nav page, no static copy, no search entry
twice.

Shards are groups of project ids by year and first letter of the slug
(``2023-lao-dong`` → ``2023-l``), so an ``exclude_docs`` list is one pattern per
year. Groups go to the least loaded shard by expected MkDocs cost (``PAGE_COST``
per page + Markdown bytes, project pages weighted by ``PROJECT_WEIGHT``). The merge rebuilds
``search/search_index.json`` (same JSON as Material writes, in MkDocs' page
order), the offline plugin's ``search_index.js``, and the sitemaps.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

PROJECTS = "projects"
PAGE_COST = 5000
PROJECT_WEIGHT = 2.6
"""Expected MkDocs CPU of a page, in units of one byte of an index page: ``PAGE_COST`` + its Markdown
bytes (× ``PROJECT_WEIGHT`` for a project page, whose text goes through jieba). Fitted to shards
measured at 1,000 and 10,000 projects: about 1.8 ms per page, plus 0.35 ms per KB of an index page
and 0.92 ms per KB of a project page."""
_URL = re.compile(r"\s*<url>\s*<loc>(.*?)</loc>.*?</url>", re.S)


def base_settings(config: Path, docs: Path) -> tuple[list[str], str | None]:
    """Docs paths the nav of ``config`` points at and the theme's resolved custom_dir."""
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
    return out, loaded.theme.custom_dir


def group_of(project_dir: str) -> str:
    """Shard group of a project directory name: ``2023-lao-dong`` → ``2023-l`` (``abc`` → ``abc-``)."""
    year, _, slug = project_dir.partition("-")
    return f"{year}-{slug[:1]}"


def partition(docs: Path, k: int) -> list[list[str]]:
    """Project groups owned by each of ``k`` shards, balanced by expected cost (shard 0 also has the rest)."""
    cost: dict[str, float] = defaultdict(float)
    other = 0.0
    for md in docs.rglob("*.md"):
        rel = md.relative_to(docs).parts
        size = md.stat().st_size
        if len(rel) == 3 and rel[0] == PROJECTS:
            cost[group_of(rel[1])] += PAGE_COST + size * PROJECT_WEIGHT
        else:
            other += PAGE_COST + size
    load = [other] + [0] * (k - 1)
    owned: list[list[str]] = [[] for _ in range(k)]
    for group, size in sorted(cost.items(), key=lambda kv: (-kv[1], kv[0])):
        i = min(range(k), key=lambda j: (load[j], j))
        owned[i].append(group)
        load[i] += size
    return [sorted(g) for g in owned]


def group_patterns(groups: list[str]) -> list[str]:
    """gitignore patterns matching exactly the project folders of ``groups`` (one per year)."""
    letters: dict[str, list[str]] = defaultdict(list)
    out = []
    for group in groups:
        year, _, letter = group.partition("-")
        if letter:
            letters[year].append(letter)
        else:  # an id without '-': its folder is the year part itself
            out.append(f"/{PROJECTS}/{year}/")
    for year, chars in sorted(letters.items()):
        chars = sorted(chars, key=lambda c: (c == "-", c))  # '-' last: literal in a class
        out.append(f"/{PROJECTS}/{year}-[{''.join(chars)}]*/")
    return out


def shard_config(base: Path, docs: Path, site: Path, index: int, owned: list[list[str]],
                 custom_dir: str | None) -> str:
    """YAML of the config of shard ``index``: the base config plus ``exclude_docs``."""
    if index == 0:
        rules = group_patterns([g for i, groups in enumerate(owned) if i for g in groups])
    else:
        rules = ["*"] + [f"!{p}**" for p in group_patterns(owned[index])]
    lines = [f"INHERIT: {base.resolve()}", f"docs_dir: {docs.resolve()}", f"site_dir: {site.resolve()}"]
    if custom_dir:  # absolute: the shard config lives elsewhere
        lines.append(f"theme:\n  custom_dir: {custom_dir}")
    lines.append("exclude_docs: |")
    return "\n".join(lines + [f"  {rule}" for rule in rules]) + "\n"


def run_shards(config: Path, docs: Path, work: Path, owned: list[list[str]], indices: list[int],
               env: dict[str, str] | None = None) -> list[Path]:
    """Build the shards ``indices`` into ``work/site-<i>`` in parallel; their site dirs.

    Raises RuntimeError with MkDocs' output when one fails."""
    _nav, custom_dir = base_settings(config, docs)
    sites, configs = [], []
    for i in indices:
        sites.append(work / f"site-{i}")
        configs.append(work / f"mkdocs-shard-{i}.yml")
        configs[-1].write_text(shard_config(config, docs, sites[-1], i, owned, custom_dir), "utf-8")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f"]
    with ThreadPoolExecutor(len(configs)) as pool:
        done = list(pool.map(lambda c: subprocess.run(cmd + [str(c)], env=env, capture_output=True, text=True),
                             configs))
    failed = [indices[n] for n, d in enumerate(done) if d.returncode]
    if failed:
        output = "\n".join(d.stdout + d.stderr for d in done if d.returncode)
        raise RuntimeError(f"mkdocs build failed in shard(s) {[i + 1 for i in failed]}:\n{output[-4000:]}")
    return sites


def _page_key(location: str) -> tuple[str, ...]:
    """MkDocs' documentation order (``Files`` sort) for a page URL such as ``projects/x/index.html``."""
    src = PurePosixPath((location.split("#", 1)[0] or "index.html").removesuffix(".html") + ".md")
    parts = src.parts
    return tuple(chr(2 if i < len(parts) - 1 else (src.stem != "index")) + p for i, p in enumerate(parts))


def _owned(location: str, groups: set[str]) -> bool:
    parts = location.split("#", 1)[0].split("/")
    return len(parts) == 3 and parts[0] == PROJECTS and group_of(parts[1]) in groups


def _take(src: Path, dst: Path, move: bool) -> None:
    """Put the tree ``src`` at ``dst``: a rename when ``move``, else a copy (the shard stays intact)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    if move:
        src.rename(dst)
    else:
        shutil.copytree(src, dst)


def merge(shards: list[Path], owned: list[list[str]], site: Path, move: bool = True) -> None:
    """Assemble ``site`` (must not exist) from the shard sites: shard 0 whole, the others' project folders.

    ``move`` renames instead of copying (fast; the shard dirs are used up)."""
    _take(shards[0], site, move)
    index_path = site / "search" / "search_index.json"
    index = json.loads(index_path.read_text("utf-8"))
    sitemap_path = site / "sitemap.xml"
    sitemap = sitemap_path.read_text("utf-8") if sitemap_path.exists() else None
    urls = dict((m.group(1), m.group(0)) for m in _URL.finditer(sitemap)) if sitemap else {}
    first = next(iter(urls), "")
    base = first[: first.rfind("/") + 1]  # site_url: the home page comes first
    for shard, groups in zip(shards[1:], owned[1:]):
        mine = set(groups)
        for page in sorted((shard / PROJECTS).iterdir()) if (shard / PROJECTS).is_dir() else ():
            if group_of(page.name) in mine:
                _take(page, site / PROJECTS / page.name, move)
        other = json.loads((shard / "search" / "search_index.json").read_text("utf-8"))
        index["docs"] += [e for e in other["docs"] if _owned(e["location"], mine)]
        if sitemap:
            for m in _URL.finditer((shard / "sitemap.xml").read_text("utf-8")):
                if _owned(m.group(1).removeprefix(base), mine):
                    urls[m.group(1)] = m.group(0)
    index["docs"].sort(key=lambda e: _page_key(e["location"]))  # stable: sections keep their order
    data = json.dumps(index, separators=(",", ":"), default=str)
    _rewrite(index_path, data)
    if (site / "search" / "search_index.js").exists():
        _rewrite(site / "search" / "search_index.js", f"var __index = {data}")
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


def build_sharded(config: Path, docs: Path, site: Path, k: int, env: dict[str, str] | None = None) -> None:
    """Build ``docs`` into ``site`` (which must not exist) with ``k`` MkDocs processes in parallel."""
    work = site.parent / f".{site.name}.shards"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    try:
        owned = partition(docs, k)
        merge(run_shards(config, docs, work, owned, list(range(k)), env), owned, site)
    finally:
        shutil.rmtree(work, ignore_errors=True)
