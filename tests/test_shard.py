"""A site built as parallel shards is byte-identical to a one-process build (pages, search index, sitemaps)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.bench import generate_child
from generator.build import tool_env
from generator.commands.synth import write_corpus
from generator.shard import build_sharded, key_of, partition, shard_config, unit_of

ROOT = Path(__file__).resolve().parent.parent


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("shard")
    content = write_corpus(work / "content", 40, 3, 8)
    generate_child(str(content), str(work / "docs"))
    return work / "docs"


def config(tmp: Path, docs: Path, site_url: str | None) -> Path:
    """The repository's config with absolute paths (and a site_url, so sitemaps list pages)."""
    lines = [f"INHERIT: {ROOT / 'mkdocs.yml'}", f"docs_dir: {docs}", f"theme:\n  custom_dir: {ROOT / 'overrides'}"]
    if site_url:
        lines.append(f"site_url: {site_url}")
    path = tmp / "mkdocs.yml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("site_url", [None, "https://example.org/jx/"])
def test_two_shards_equal_one_build(docs: Path, tmp_path: Path, site_url: str | None) -> None:
    cfg = config(tmp_path, docs, site_url)
    one = tmp_path / "one"
    subprocess.check_call([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", str(cfg),
                           "-d", str(one)], env=dict(tool_env(), SOURCE_DATE_EPOCH="1700000000"))
    build_sharded(cfg, docs, tmp_path / "two", 2, env=dict(tool_env(), SOURCE_DATE_EPOCH="1700000000"))
    a, b = tree(one), tree(tmp_path / "two")
    assert sorted(a) == sorted(b)
    assert [k for k in a if a[k] != b[k]] == []
    if site_url:
        assert a["sitemap.xml"].count(b"<url>") > 40


def test_partition_is_balanced_and_complete(docs: Path) -> None:
    """Every page (a folder ``section/name/`` or a file ``section/name.md``) is in exactly one group;
    each section is split about evenly by bytes."""
    pages = [md.relative_to(docs).parts for md in docs.rglob("*.md")]
    units = [(parts[0], unit_of(parts), docs.joinpath(*parts).stat().st_size) for parts in pages if unit_of(parts)]
    assert any(len(parts) == 2 and parts[0] == "projects" for parts in pages)  # project pages are files
    assert any(len(parts) == 3 and parts[0] == "departments" for parts in pages)  # group pages are folders
    owned = partition(docs, 3)
    groups = [g for shard in owned for g in shard]
    assert len(groups) == len(set(groups))
    assert {key_of(section, name) for section, name, _ in units} == set(groups)
    assert owned == partition(docs, 3)
    size = {g: 0 for g in groups}
    for section, name, bytes_ in units:
        size[key_of(section, name)] += bytes_
    projects = [sum(size[g] for g in shard if g.startswith("projects/")) for shard in owned]
    biggest = max(size[g] for g in groups if g.startswith("projects/"))
    assert max(projects) - min(projects) <= biggest


@pytest.mark.slow
def test_build_command_with_jobs_gives_the_same_site(synthetic_root) -> None:  # type: ignore[no-untyped-def]
    root = synthetic_root(30, 2, 3)
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    for jobs in ("1", "2"):
        cmd = [sys.executable, "-m", "generator", "build", "--content", "corpus", "--site", f"site{jobs}", "--jobs", jobs]
        done = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    one, two = tree(root / "site1"), tree(root / "site2")
    assert sorted(one) == sorted(two) and [k for k in one if one[k] != two[k]] == []
    assert not list(root.glob(".*shards*")) and sorted(p.name for p in root.iterdir() if p.name.startswith("site")) == ["site1", "site2"]


@pytest.mark.parametrize("index", [0, 1, 2])
def test_exclude_rules_keep_exactly_the_owned_folders(index: int) -> None:
    """Shard 0 keeps everything but the others' pages; shard j > 0 only its own (odd names included)."""
    import pathspec.gitignore

    folders = ["projects/2023-abc", "projects/2023-b-x", "projects/2023-0x", "projects/2022-a", "projects/2023--z",
               "projects/abc", "projects/abcd-e", "projects/2023-a9", "departments/bao-shan", "departments/bao-x",
               "years/2023"]
    owned = [["projects/2022-a", "departments/bao-x"], ["projects/2023-a", "projects/abc-", "projects/2023--", "years/2023-"],
             ["projects/2023-0", "projects/2023-b", "projects/abcd-e", "departments/bao-s"]]
    assert sorted(g for o in owned for g in o) == sorted({key_of(*f.split("/")) for f in folders})
    rules = shard_config(Path("/m.yml"), Path("/d"), Path("/s"), index, owned, None).split("exclude_docs: |\n")[1]
    spec = pathspec.gitignore.GitIgnoreSpec.from_lines(line.strip() for line in rules.splitlines())
    for folder in folders:
        group = key_of(*folder.split("/"))
        # a page folder's files, or a page file and its downloads beside it
        for path in (f"{folder}/index.md", f"{folder}/x.yaml", f"{folder}.md", f"{folder}.yaml"):
            kept = not spec.match_file(path)
            assert kept == (group in owned[index] or (index == 0 and all(group not in o for o in owned[1:]))), path
    for path in ("index.md", "data/projects.csv", "years/index.md", "projects/index.md", "feed.xml"):
        assert spec.match_file(path) == (index > 0), path


def test_base_settings_are_kept_until_the_config_or_what_it_inherits_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache answers without loading the config (no MkDocs, no plugins); an edit of the config
    or of a file it INHERITs loads it again."""
    import mkdocs.config

    from generator.shard import base_settings

    (tmp_path / "docs").mkdir()
    for page in ("index.md", "a.md", "b.md"):
        (tmp_path / "docs" / page).write_text("# t\n")
    parent = tmp_path / "parent.yml"
    parent.write_text("site_name: t\nnav:\n  - index.md\n  - A: a.md\n")
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text("INHERIT: 'parent.yml'  # the shared settings\ndocs_dir: docs\n")
    cache = tmp_path / "cache" / "base.json"
    loads = []
    real = mkdocs.config.load_config
    monkeypatch.setattr(mkdocs.config, "load_config", lambda *a, **k: loads.append(1) or real(*a, **k))
    first = base_settings(cfg, tmp_path / "docs", cache)
    assert first == (["index.md", "a.md"], None) and len(loads) == 1
    assert base_settings(cfg, tmp_path / "docs", cache) == first and len(loads) == 1
    parent.write_text("site_name: t\nnav:\n  - index.md\n  - B: b.md\n")
    assert base_settings(cfg, tmp_path / "docs", cache) == (["index.md", "b.md"], None) and len(loads) == 2
    cfg.write_text(f"INHERIT: parent.yml\ndocs_dir: docs\ntheme:\n  name: mkdocs\n  custom_dir: {tmp_path}\n")
    assert base_settings(cfg, tmp_path / "docs", cache) == (["index.md", "b.md"], str(tmp_path)) and len(loads) == 3
    cache.write_text("{not json")
    assert base_settings(cfg, tmp_path / "docs", cache)[1] == str(tmp_path) and len(loads) == 4
