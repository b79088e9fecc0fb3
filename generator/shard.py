"""Sharded MkDocs builds: k MkDocs processes in parallel, merged into the site one build would make.

MkDocs is single-threaded, so on k cores the project pages are split into k
shards. Every shard sees the whole docs dir, but ``exclude_docs`` drops the pages
it does not own: links to excluded pages still resolve (MkDocs only logs them at
INFO), so every page comes out byte-identical to a one-process build. Shard 0 owns
all non-project pages; every shard also builds the nav pages (each page carries
the nav), and the merge takes those from shard 0.

Shards are groups of project ids by year and first letter of the slug, so an
``exclude_docs`` list stays short; groups go to the least loaded shard (by bytes).
The merge rebuilds ``search/search_index.json`` (same JSON as Material writes, in
MkDocs' page order), the offline plugin's ``search_index.js``, and the sitemaps.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

PROJECTS = "projects"
_URL = re.compile(r"\s*<url>\s*<loc>(.*?)</loc>.*?</url>", re.S)


def base_settings(config: Path, docs: Path) -> tuple[list[str], str | None]:
    """Docs paths the nav of ``config`` points at (every shard builds them) and the theme's resolved custom_dir."""
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
    """Shard group of a project directory name: ``2023-lao-dong`` → ``2023-l``."""
    year, _, slug = project_dir.partition("-")
    return f"{year}-{slug[:1]}"


def partition(docs: Path, k: int) -> list[list[str]]:
    """Project groups owned by each of ``k`` shards, balanced by Markdown bytes (shard 0 also has the rest)."""
    sizes: dict[str, int] = {}
    other = 0
    for md in docs.rglob("*.md"):
        rel = md.relative_to(docs).parts
        size = md.stat().st_size
        if len(rel) == 3 and rel[0] == PROJECTS:
            sizes[group_of(rel[1])] = sizes.get(group_of(rel[1]), 0) + size
        else:
            other += size
    load = [other] + [0] * (k - 1)
    owned: list[list[str]] = [[] for _ in range(k)]
    for group, size in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        i = min(range(k), key=lambda j: (load[j], j))
        owned[i].append(group)
        load[i] += size
    return [sorted(g) for g in owned]


def shard_config(base: Path, docs: Path, site: Path, index: int, owned: list[list[str]], nav: list[str],
                 custom_dir: str | None) -> str:
    """YAML of the config of shard ``index``: the base config plus ``exclude_docs``."""
    if index == 0:
        rules = [f"/{PROJECTS}/{g}*/" for i, groups in enumerate(owned) if i for g in groups]
    else:
        rules = ["*.md"] + [f"!/{page}" for page in nav] + [f"!/{PROJECTS}/{g}*/**" for g in owned[index]]
    lines = [f"INHERIT: {base.resolve()}", f"docs_dir: {docs.resolve()}", f"site_dir: {site.resolve()}"]
    if custom_dir:  # absolute: the shard config lives elsewhere
        lines.append(f"theme:\n  custom_dir: {custom_dir}")
    lines.append("exclude_docs: |")
    return "\n".join(lines + [f"  {rule}" for rule in rules]) + "\n"


def _page_key(location: str) -> tuple[str, ...]:
    """MkDocs' documentation order (``Files`` sort) for a page URL such as ``projects/x/index.html``."""
    src = PurePosixPath((location.split("#", 1)[0] or "index.html").removesuffix(".html") + ".md")
    parts = src.parts
    return tuple(chr(2 if i < len(parts) - 1 else (src.stem != "index")) + p for i, p in enumerate(parts))


def _owned(location: str, groups: set[str]) -> bool:
    parts = location.split("#", 1)[0].split("/")
    return len(parts) == 3 and parts[0] == PROJECTS and group_of(parts[1]) in groups


def merge(shards: list[Path], owned: list[list[str]], site: Path) -> None:
    """Assemble ``site`` from the shard sites (shard 0 is moved, the others contribute their project pages)."""
    shutil.move(str(shards[0]), str(site))
    index_path = site / "search" / "search_index.json"
    index = json.loads(index_path.read_text("utf-8"))
    sitemap_path = site / "sitemap.xml"
    sitemap = sitemap_path.read_text("utf-8") if sitemap_path.exists() else None
    urls = dict((m.group(1), m.group(0)) for m in _URL.finditer(sitemap)) if sitemap else {}
    first = next(iter(urls), "")
    base = first[: first.rfind("/") + 1]  # site_url: the home page comes first
    for shard, groups in zip(shards[1:], owned[1:]):
        mine = set(groups)
        for page in (shard / PROJECTS).iterdir() if (shard / PROJECTS).is_dir() else ():
            if group_of(page.name) in mine:
                for file in page.rglob("*"):
                    if file.is_file():
                        (site / file.relative_to(shard)).parent.mkdir(parents=True, exist_ok=True)
                        shutil.copy2(file, site / file.relative_to(shard))
        other = json.loads((shard / "search" / "search_index.json").read_text("utf-8"))
        index["docs"] += [e for e in other["docs"] if _owned(e["location"], mine)]
        if sitemap:
            for m in _URL.finditer((shard / "sitemap.xml").read_text("utf-8")):
                if _owned(m.group(1).removeprefix(base), mine):
                    urls[m.group(1)] = m.group(0)
    index["docs"].sort(key=lambda e: _page_key(e["location"]))  # stable: sections keep their order
    data = json.dumps(index, separators=(",", ":"), default=str)
    index_path.write_text(data, "utf-8")
    if (site / "search" / "search_index.js").exists():
        (site / "search" / "search_index.js").write_text(f"var __index = {data}", "utf-8")
    if sitemap and urls:  # no site_url: MkDocs writes an empty sitemap, the same in every shard
        _write_sitemap(site, sitemap, urls, base)


def _write_sitemap(site: Path, first: str, urls: dict[str, str], base: str) -> None:
    blocks = list(_URL.finditer(first))
    head, tail = first[: blocks[0].start()], first[blocks[-1].end():]
    text = head + "".join(urls[loc] for loc in sorted(urls, key=lambda loc: _page_key(loc.removeprefix(base)))) + tail
    (site / "sitemap.xml").write_text(text, "utf-8")
    gz = site / "sitemap.xml.gz"
    if gz.exists():
        mtime = int.from_bytes(gz.read_bytes()[4:8], "little")
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
        nav, custom_dir = base_settings(config, docs)
        sites = [work / f"site-{i}" for i in range(k)]
        configs = []
        for i in range(k):
            path = work / f"mkdocs-shard-{i}.yml"
            path.write_text(shard_config(config, docs, sites[i], i, owned, nav, custom_dir), "utf-8")
            configs.append(path)
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f"]
        with ThreadPoolExecutor(k) as pool:
            done = list(pool.map(lambda c: subprocess.run(cmd + [str(c)], env=env, capture_output=True, text=True),
                                 configs))
        failed = [i for i, d in enumerate(done) if d.returncode]
        if failed:
            output = "\n".join(done[i].stdout + done[i].stderr for i in failed)
            raise RuntimeError(f"mkdocs build failed in shard(s) {failed}:\n{output[-4000:]}")
        merge(sites, owned, site)
    finally:
        shutil.rmtree(work, ignore_errors=True)
