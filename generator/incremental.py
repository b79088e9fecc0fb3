"""Incremental MkDocs rebuilds that give the same bytes as a full build (``build --incremental``).

MkDocs' own ``--dirty`` drops unchanged pages from the search index, so it is not
used. Instead a manifest (hash of every file in the docs dir at the last build)
tells which pages changed; MkDocs then builds only those pages plus the nav
pages, from a docs dir that holds nothing else (``_partial_docs``). Their HTML,
the changed static files and the spliced search index are finished in a stage
dir (``rebuild``), and ``commit`` renames them over the site's files under a
journal that ``roll_forward`` completes after a crash. Pages added or removed
change the sitemap and maybe the nav, so they fall back to a full build (return
None), as do changes of mkdocs.yml, overrides/ or the tool versions (also in the
manifest).
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
import shutil
from pathlib import Path

from generator import searchindex
from generator.shard import base_settings, config_key, settings_cache
from generator.warmstart import MKDOCS_BUILD, TEMPLATE_CACHE, WarmMkDocs, messages, run_mkdocs

MANIFEST = "docs-manifest.json"


def snapshot(docs: Path, previous: dict[str, str] | None = None) -> dict[str, str]:
    """``size:mtime_ns:sha256`` of every file in ``docs`` by relative POSIX path.

    Files whose size and modification time match ``previous`` keep its hash without being
    read: the generator replaces a file (new mtime) whenever its bytes change, so at 10,000
    projects a rebuild stats ~30,000 files instead of hashing ~300 MB."""
    previous = previous or {}
    out: dict[str, str] = {}
    top = os.path.normpath(docs)
    skip = len(top) + 1
    for root, dirs, files in os.walk(top):
        dirs.sort()
        prefix = root[skip:].replace(os.sep, "/") + "/" if len(root) > len(top) else ""
        for name in sorted(files):
            path = os.path.join(root, name)
            rel = prefix + name  # os.path.relpath per file was most of the time at 20,000 files
            st = os.stat(path)
            stamp = f"{st.st_size}:{st.st_mtime_ns}:"
            known = previous.get(rel, "")
            if known.startswith(stamp):
                out[rel] = known
            else:
                with open(path, "rb") as f:
                    out[rel] = stamp + hashlib.sha256(f.read()).hexdigest()
    return out


def _content(entry: str) -> str:
    """The content hash of a snapshot entry (the stat part only decides whether to re-read)."""
    return entry.rsplit(":", 1)[-1]


def settings_hashes(config: Path, custom_dir: str | None) -> dict[str, str]:
    """Hashes of what shapes every page besides the docs: the config (and what it INHERITs), the
    theme overrides (``custom_dir``, as the config resolves it), the tool versions."""
    from importlib.metadata import version

    out = {"\0config": config_key(config),
           "\0tools": " ".join(version(p) for p in ("mkdocs", "mkdocs-material", "jieba"))}
    overrides = Path(custom_dir) if custom_dir else None
    for p in sorted(overrides.rglob("*")) if overrides is not None and overrides.is_dir() else ():
        if p.is_file():
            out[f"\0overrides/{p.relative_to(overrides).as_posix()}"] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def read_manifest(path: Path) -> dict[str, str]:
    """A saved manifest, or nothing when it is missing or unreadable (then every file is hashed)."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_manifest(docs: Path, config: Path, path: Path, previous: dict[str, str] | None = None) -> None:
    """Record the docs dir and settings a full build used (``previous``: an older manifest whose
    hashes are reused for files not touched since)."""
    _nav, custom_dir = base_settings(config, docs, settings_cache(config))
    path.write_text(json.dumps(snapshot(docs, previous) | settings_hashes(config, custom_dir), sort_keys=True), "utf-8")


def _partial_docs(docs: Path, into: Path, pages: list[str]) -> Path:
    """A docs dir for a partial build: links to ``pages`` (the nav pages and the pages being
    rebuilt) and to the top-level files of ``docs`` (``feed.xml``) only.

    Why: MkDocs walks, names and matches against ``exclude_docs`` every file of its docs dir
    before it drops the excluded ones: ~20,000 files at 10,000 projects, and still ~650 at
    1,000 when only the project pages were left out. Our pages link to each other in raw HTML,
    which MkDocs does not resolve; the Markdown links of the home page go to nav pages and to
    ``feed.xml``, which are always here (``tests/test_incremental.py`` holds every page to
    that); static files are staged from build/docs, not by MkDocs."""
    into.mkdir(parents=True)
    top = [entry.name for entry in os.scandir(docs) if entry.is_file()]
    for page in sorted(set(pages) | set(top)):
        source = docs / page
        if source.is_file():  # a nav entry without its file: MkDocs reports it, as a full build would
            target = into / page
            target.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(os.path.abspath(source), target)
    return into


def _html(md: str) -> str:
    return md[: -len(".md")] + ".html"  # use_directory_urls: false


def rebuild(config: Path, docs: Path, site: Path, stage: Path, manifest: Path,
            env: dict[str, str], warm: WarmMkDocs | None = None) -> tuple[list[str], int] | None:
    """Write into ``stage`` the final bytes of every file of ``site`` that a full build would
    change, and the new manifest. ``warm``: a MkDocs process started ahead for the partial run
    (``generator.warmstart``), else a new one is started.

    Returns the site-relative paths of those files (``commit`` moves them into ``site``) and the
    number of changed docs files, or None when a full build is needed. ``site`` is only read."""
    if not manifest.exists() or not (site / "search" / "search_index.json").exists():
        return None
    old = read_manifest(manifest)
    nav, custom_dir = base_settings(config, docs, settings_cache(config))
    new = snapshot(docs, old) | settings_hashes(config, custom_dir)
    if set(old) != set(new):
        return None
    changed = sorted(k for k in new if _content(new[k]) != _content(old[k]))
    if any(k.startswith("\0") for k in changed):  # config, theme or tools changed: every page may differ
        return None
    pages = [k for k in changed if k.endswith(".md")]
    work = stage.parent / f"{stage.name}.partial"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        if pages:
            # everything else is left out, static files too (they are staged below, not by MkDocs)
            built = sorted(set(nav) | set(pages))
            lines = [f"INHERIT: {config.resolve()}", f"docs_dir: {_partial_docs(docs, work / 'docs', built)}",
                     f"site_dir: {work / 'site'}", f"hooks:\n  - {Path(__file__).with_name('partial_hooks.py')}"]
            if custom_dir:
                lines.append(f"theme:\n  custom_dir: {custom_dir}")
            (work / "mkdocs.yml").write_text("\n".join(lines) + "\n")
            args = [*MKDOCS_BUILD, "-f", str(work / "mkdocs.yml")]
            env = dict(env, JX_PARTIAL_KEEP=json.dumps(pages), JX_PARTIAL_TEMPLATES=str(config.resolve().parent / TEMPLATE_CACHE))
            done = run_mkdocs(args, env, warm)
            if done.returncode:
                raise RuntimeError("mkdocs build failed:\n" + "\n".join(messages(done.stdout + done.stderr))[-4000:])
        staged = {_html(rel) if rel.endswith(".md") else rel for rel in changed}
        for rel in changed:
            target = stage / (_html(rel) if rel.endswith(".md") else rel)
            source = work / "site" / _html(rel) if rel.endswith(".md") else docs / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        index = "search/search_index.json"
        (stage / "search").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(site / index, stage / index)
        js = "search/search_index.js"
        if (site / js).is_file():
            shutil.copyfile(site / js, stage / js)
        if pages:
            _splice_index(stage, work / "site", {_html(p) for p in pages})
        from generator.postbuild import finish

        finish(stage, staged)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    manifest_new = stage / MANIFEST
    manifest_new.write_text(json.dumps(new, sort_keys=True), "utf-8")
    # only what differs from the site is moved in (the search files are staged on every rebuild)
    staged_files = sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file() and p != manifest_new)
    for rel in staged_files:
        if (site / rel).is_file() and filecmp.cmp(stage / rel, site / rel, shallow=False):
            (stage / rel).unlink()
    rels = sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file() and p != manifest_new)
    return rels, len(changed)


_move = os.replace
"""One atomic rename of a staged file over the site's (a name of its own so tests can fail it)."""
JOURNAL = ".jx-incremental.json"
"""Inside a stage dir once it is complete: the files to move into the site, in order."""


def commit(stage: Path, site: Path, rels: list[str], manifest: Path) -> None:
    """Move the staged files over ``site``'s (one rename each), then save the new manifest.

    Why not a copy of the site and a swap, as a full build does: a 10,000-project site is
    12,000 folders, and linking them into a copy took 3–4 s here for a one-page edit. The
    journal makes the few renames recoverable: written before the first rename, it lets
    ``roll_forward`` finish the job after a crash, so a site is never left half old, half new
    (only for the milliseconds of the renames themselves, while this process runs)."""
    journal = stage / JOURNAL
    data = json.dumps({"site": str(site.resolve()), "files": rels, "manifest": str(manifest)}, ensure_ascii=False)
    with open(journal, "w", encoding="utf-8") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    roll_forward(stage)


def roll_forward(stage: Path) -> None:
    """Finish a commit whose journal exists (idempotent), then remove the stage dir; a stage
    without a journal was never committed and is only removed."""
    journal = stage / JOURNAL
    if journal.is_file():
        data = json.loads(journal.read_text("utf-8"))
        site = Path(data["site"])
        for rel in data["files"]:
            source = stage / rel
            if source.is_file():  # not yet moved
                _move(source, site / rel)
        staged_manifest = stage / MANIFEST
        if staged_manifest.is_file():
            os.replace(staged_manifest, data["manifest"])
    shutil.rmtree(stage, ignore_errors=True)


def _splice_index(site: Path, partial: Path, urls: set[str]) -> None:
    """Replace Material's search entries of the rebuilt pages by the partial build's.

    Ordering the index and writing ``search_index.js`` are left to ``postbuild.finish``, which
    runs right after and owns the index's final form."""
    path = site / "search" / "search_index.json"
    index = searchindex.read(path)
    fresh = searchindex.read(partial / "search" / "search_index.json")
    page = lambda e: e["location"].split("#", 1)[0] or "index.html"  # noqa: E731
    index["docs"] = [e for e in index["docs"] if page(e) not in urls] + [e for e in fresh["docs"] if page(e) in urls]
    path.unlink()  # a hard link to the previous site's file: replace it, never write into it
    path.write_text(json.dumps(index, separators=(",", ":"), default=str), "utf-8")
