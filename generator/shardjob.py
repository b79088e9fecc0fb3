"""``build --shard I/K`` and ``build --merge DIR...``: one shard per job (CI matrix), merged into one site.

A shard job runs the whole generator (YAML → Markdown: cheap next to MkDocs and
deterministic, so every job computes the same docs dir and the same partition
without passing it around), then MkDocs for its part only (``generator/shard.py``)
into a shard folder with a ``shard.json``: its number, the groups it owns and a
fingerprint of everything that shapes the pages (docs dir, mkdocs.yml,
overrides/, tool versions, build date). The merge refuses shards whose
fingerprints differ, so shards of different commits never make a mixed site. It
needs neither content/ nor the generator's data: only the shard folders.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from generator.build import CACHE, DOCS, _recover, _swap, data_epoch, generate, load_site, tool_env
from generator.postbuild import finish
from generator.problems import UserError
from generator.shard import base_settings, merge, partition, run_shards, settings_cache
from generator.transform import SiteData

MANIFEST = "shard.json"
"""Written into every shard folder (no leading dot: upload-artifact skips hidden files)."""


def parse_spec(text: str) -> tuple[int, int]:
    """``"2/4"`` → ``(2, 4)``; a ``UserError`` unless 1 ≤ I ≤ K."""
    i, slash, k = text.partition("/")
    if not (slash and i.strip().isdigit() and k.strip().isdigit()):
        raise UserError(f"--shard {text!r}: expected I/K, e.g. --shard 1/2 (shard I of K, counted from 1)")
    index, total = int(i), int(k)
    if not 1 <= index <= total:
        raise UserError(f"--shard {text}: I must be between 1 and K={total}")
    if total > 64:
        raise UserError(f"--shard {text}: at most 64 shards")
    return index, total


def fingerprint(docs: Path, config: Path, epoch: str) -> str:
    """Hash of every input of MkDocs: all shards of one site must agree on it."""
    from generator.incremental import settings_hashes, snapshot

    state = snapshot(docs) | settings_hashes(config, base_settings(config, docs, settings_cache(config))[1]) | {"\0epoch": epoch}
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()


def build_shard(content: Path, out: Path, config: Path, index: int, total: int) -> SiteData:
    """Generate the docs dir, build shard ``index`` of ``total`` into ``out`` (swapped in on success)."""
    if not config.is_file():
        raise UserError(f"MkDocs config {config} not found")
    root = config.resolve().parent
    docs = root / DOCS
    site = load_site(content, Path.cwd(), root / CACHE)
    generate(site, docs)
    env = tool_env()
    env.setdefault("SOURCE_DATE_EPOCH", str(data_epoch(site)))
    owned = partition(docs, total)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    _recover(out)
    work = Path(tempfile.mkdtemp(prefix=f"{out.name}.new-", dir=out.parent))
    try:
        try:
            (built,) = run_shards(config, docs, work, owned, [index - 1], env, settings_cache(config))
        except RuntimeError as exc:
            raise UserError(f"{exc}; {out} was left unchanged") from None
        manifest = {"shard": index, "shards": total, "groups": owned[index - 1],
                    "fingerprint": fingerprint(docs, config, env["SOURCE_DATE_EPOCH"])}
        (built / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", "utf-8")
        _swap(built, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return site


def read_manifests(dirs: list[Path]) -> list[tuple[Path, dict]]:
    """The shard folders with their manifests in shard order, checked to be exactly shards 1..K of one build."""
    found = []
    for folder in dirs:
        path = folder / MANIFEST
        try:
            data = json.loads(path.read_text("utf-8"))
            data["shard"], data["shards"], data["fingerprint"] = int(data["shard"]), int(data["shards"]), str(data["fingerprint"])
        except FileNotFoundError:
            raise UserError(f"{folder} is not a shard output (no {MANIFEST}); make one with build --shard I/K") from None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise UserError(f"{path}: not a valid shard manifest ({exc})") from None
        found.append((folder, data))
    first, head = found[0]
    by_index: dict[int, tuple[Path, dict]] = {}
    for folder, data in found:
        index, total = data["shard"], data["shards"]
        if total != head["shards"]:
            raise UserError(f"{folder} is shard {index}/{total} but {first} is one of {head['shards']} shards")
        if data["fingerprint"] != head["fingerprint"]:
            raise UserError(f"{folder} and {first} were built from different content, config or tools; "
                            "rebuild every shard from the same commit")
        if index in by_index:
            raise UserError(f"{by_index[index][0]} and {folder} are both shard {index}/{total}")
        by_index[index] = (folder, data)
    missing = [f"{i}/{head['shards']}" for i in range(1, head["shards"] + 1) if i not in by_index]
    if missing:
        raise UserError(f"shard(s) {', '.join(missing)} missing; --merge needs all {head['shards']} shard outputs")
    return [by_index[i] for i in sorted(by_index)]


def merge_shards(dirs: list[Path], site_dir: Path) -> int:
    """Merge the shard folders ``dirs`` into ``site_dir`` (swapped in only on success); the number of shards."""
    shards = read_manifests(dirs)
    site_dir = site_dir.resolve()
    if any(site_dir == folder.resolve() for folder, _ in shards):
        raise UserError(f"--site {site_dir} is one of the shard folders; merge into another folder")
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    _recover(site_dir)
    tmp = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}.new-", dir=site_dir.parent))
    os.rmdir(tmp)
    try:
        merge([folder for folder, _ in shards], [data["groups"] for _, data in shards], tmp, move=False)
        (tmp / MANIFEST).unlink()
        finish(tmp)  # the post-build step on the final merged site, just before the swap
        _swap(tmp, site_dir)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return len(shards)
