"""``build --shard I/K`` + ``build --merge``: the merged site is byte-identical to a one-process build;
bad usage and mismatched shards are clear errors (exit 1, no traceback, nothing written)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.commands.build import command
from generator.commands.synth import write_corpus
from generator.shard import key_of, unit_of

ROOT = Path(__file__).resolve().parent.parent
ENV = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "generator", "build", "--content", "corpus", *args]
    return subprocess.run(cmd, cwd=root, env=ENV, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build root (the repository's config with a site_url, so sitemaps list pages) and 3 shards of its corpus."""
    root = tmp_path_factory.mktemp("shardjob")
    (root / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text("utf-8") + "site_url: https://example.org/jx/\n", "utf-8")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    write_corpus(root / "corpus", 36, 2, 3)
    for i in (1, 2, 3):
        done = run(root, "--shard", f"{i}/3")
        assert done.returncode == 0, done.stderr
        assert f"built shard {i}/3" in done.stdout
    return root


@pytest.mark.slow
def test_merged_shards_equal_a_one_process_build(root: Path) -> None:
    done = run(root, "--site", "one")
    assert done.returncode == 0, done.stderr
    merged = subprocess.run([sys.executable, "-m", "generator", "build", "--merge", "shards/3", "shards/1", "shards/2",
                             "--site", "merged"], cwd=root, env=ENV, capture_output=True, text=True, timeout=300)
    assert merged.returncode == 0, merged.stderr
    one, two = tree(root / "one"), tree(root / "merged")
    assert sorted(one) == sorted(two) and [k for k in one if one[k] != two[k]] == []
    assert one["sitemap.xml"].count(b"<url>") > 36
    owned = [json.loads((root / "shards" / str(i) / "shard.json").read_text())["groups"] for i in (1, 2, 3)]
    groups = [g for o in owned for g in o]
    pages = [p.relative_to(root / "one").parts for p in (root / "one").rglob("*.html")]
    units = {key_of(parts[0], unit_of(parts)) for parts in pages if unit_of(parts) and parts[0] not in ("assets", "search")}
    assert len(set(groups)) == len(groups) and set(groups) == units
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(("merged", "one", "shards"))) == ["merged", "one", "shards"]


@pytest.mark.slow
def test_merge_refuses_shards_of_different_content(root: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(root, other, ignore=shutil.ignore_patterns("shards", "one", "merged", "site*"))
    first = sorted((other / "corpus").rglob("*.yaml"))[0]
    first.write_text(first.read_text("utf-8").replace("name: ", "name: 改", 1), "utf-8")
    assert run(other, "--shard", "2/3").returncode == 0
    (other / "site").mkdir()
    (other / "site" / "keep.html").write_text("old")
    args = ["--merge", str(root / "shards" / "1"), str(other / "shards" / "2"), str(root / "shards" / "3")]
    done = subprocess.run([sys.executable, "-m", "generator", "build", *args], cwd=other, env=ENV,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "different content, config or tools" in done.stderr
    assert "Traceback" not in done.stderr and tree(other / "site") == {"keep.html": b"old"}


@pytest.mark.parametrize(("args", "message"), [
    (["--shard", "3/2"], "I must be between 1 and K=2"),
    (["--shard", "0/2"], "I must be between 1 and K=2"),
    (["--shard", "two"], "expected I/K"),
    (["--shard", "1/2", "--jobs", "2"], "--shard and --jobs cannot be combined"),
    (["--shard", "1/2", "--incremental"], "--shard and --incremental cannot be combined"),
    (["--merge"], "--merge needs the shard folders"),
    (["shards/1"], "shard folders are read only with --merge"),
    (["--merge", "shards/1", "--shard", "1/2"], "--shard and --merge cannot be combined"),
])
def test_bad_usage_is_an_error_without_traceback(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(command, ["--content", str(tmp_path), *args])
    assert result.exit_code == 1 and message in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.slow
def test_merge_needs_every_shard_of_one_build(root: Path, tmp_path: Path) -> None:
    shards = root / "shards"
    cases = [([shards / "1", shards / "3"], "shard(s) 2/3 missing"),
             ([shards / "1", shards / "1", shards / "2"], "are both shard 1/3"),
             ([shards / "1", root / "corpus"], "is not a shard output (no shard.json)")]
    bad = tmp_path / "bad"
    shutil.copytree(shards / "2", bad)
    (bad / "shard.json").write_text(json.dumps({"shard": 2, "shards": 4, "fingerprint": "x", "groups": []}))
    cases.append(([shards / "1", bad], "is shard 2/4 but"))
    for dirs, message in cases:
        result = CliRunner().invoke(command, ["--merge", *map(str, dirs), "--site", str(tmp_path / "site")])
        assert result.exit_code == 1 and message in result.output, result.output
        assert not (tmp_path / "site").exists()
