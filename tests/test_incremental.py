"""``build --incremental`` after editing one project gives the same bytes as a fresh full build."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.bench import TARGET, raised_funds


ROOT = Path(__file__).resolve().parent.parent


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def build(root: Path, site: str, *extra: str, epoch: str | None = "1700000000") -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    cmd = [sys.executable, "-m", "generator", "build", "--content", "corpus", "--site", site, *extra]
    done = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done


@pytest.mark.slow
def test_incremental_rebuild_equals_full_build(synthetic_root) -> None:  # type: ignore[no-untyped-def]
    root = synthetic_root(30, 2, 4)
    build(root, "site")
    edited = sorted((root / "corpus").rglob("*.yaml"))[3]
    text = edited.read_text("utf-8")
    text = TARGET.sub(lambda m: m.group(0).replace(m.group("unit"), "立方千米"), text.replace("annual: ", "annual: 另增一句年度目标。", 1), count=1)
    attribute = "新增项目" if "\nattribute: 延续项目\n" in text else "延续项目"
    text = re.sub(r"^attribute: .*\n", "", text, flags=re.M)
    edited.write_text(re.sub(r"^(department: .*\n)", rf"\1attribute: {attribute}\n", text, count=1, flags=re.M), "utf-8")
    result = build(root, "site", "--incremental")
    assert "incremental:" in result.stderr
    assert "full generate: " in result.stderr  # 项目属性 is not among the quick path's fields
    build(root, "fresh")
    inc, full = tree(root / "site"), tree(root / "fresh")
    assert sorted(inc) == sorted(full)
    assert [k for k in inc if inc[k] != full[k]] == []
    assert not [p for p in root.iterdir() if p.name.startswith(".")]
    os.utime(edited)  # an unchanged rebuild is incremental too, with nothing to do
    assert "incremental: 0 changed" in build(root, "site", "--incremental").stderr
    with open(root / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write("\nsite_author: 测试\n")  # the config shapes every page: a full build again
    assert "incremental:" not in build(root, "site", "--incremental").stderr
    assert "incremental: 0 changed" in build(root, "site", "--incremental").stderr


@pytest.mark.slow
def test_overrides_and_config_elsewhere_are_watched_too(synthetic_root) -> None:  # type: ignore[no-untyped-def]
    """A config that INHERITs another and takes its theme overrides from another folder (as the
    benchmark's do): an edit of either is a full build, never a partial one over stale pages."""
    root = synthetic_root(12, 1, 6)
    shared = root / "shared"
    shared.mkdir()
    (root / "overrides").rename(shared / "overrides")
    (root / "mkdocs.yml").rename(shared / "mkdocs.yml")
    (shared / "mkdocs.yml").write_text((shared / "mkdocs.yml").read_text("utf-8").replace("docs_dir: build/docs\n", ""), "utf-8")
    (root / "mkdocs.yml").write_text(f"INHERIT: {shared / 'mkdocs.yml'}\ndocs_dir: build/docs\ntheme:\n  custom_dir: {shared / 'overrides'}\n", "utf-8")
    build(root, "site")
    assert "incremental: 0 changed" in build(root, "site", "--incremental").stderr
    main = shared / "overrides" / "main.html"
    main.write_text(main.read_text("utf-8") + "{#- edited -#}\n", "utf-8")
    assert "incremental:" not in build(root, "site", "--incremental").stderr
    with open(shared / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write("\nsite_author: 测试\n")
    assert "incremental:" not in build(root, "site", "--incremental").stderr
    build(root, "fresh")
    assert tree(root / "site") == tree(root / "fresh")
    assert "incremental: 0 changed" in build(root, "site", "--incremental").stderr


@pytest.mark.slow
def test_newer_data_date_makes_the_incremental_build_a_full_one(synthetic_root) -> None:  # type: ignore[no-untyped-def]
    """The build date comes from the data; when an edit moves it, the sitemap must match a full build."""
    root = synthetic_root(12, 1, 5)
    build(root, "site", epoch=None)
    edited = sorted((root / "corpus").rglob("*.yaml"))[0]
    text = edited.read_text("utf-8")
    start = next(line for line in text.splitlines() if line.startswith("start_date: "))
    edited.write_text(text.replace(start, "start_date: 2023-12-30"), "utf-8")
    result = build(root, "site", "--incremental", epoch=None)
    assert "incremental:" not in result.stderr
    build(root, "fresh", epoch=None)
    assert tree(root / "site") == tree(root / "fresh")


@pytest.mark.slow
def test_incremental_build_that_dies_while_moving_files_in_is_completed(synthetic_root, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A crash between the renames of a commit leaves a journal; the next build finishes the commit."""
    from generator import build as build_module
    from generator import incremental

    root = synthetic_root(12, 1, 6)
    build(root, "site")
    edited = sorted((root / "corpus").rglob("*.yaml"))[2]
    edited.write_text(edited.read_text("utf-8").replace("annual: ", "annual: 补一句。", 1), "utf-8")
    before = tree(root / "site")
    real_move, calls = incremental._move, []

    def dying_replace(src, dst):  # type: ignore[no-untyped-def]
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("simulated crash after the first rename")
        real_move(src, dst)

    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setattr(incremental, "_move", dying_replace)
    with pytest.raises(OSError, match="simulated crash"):
        build_module.build(Path("corpus"), root / "site", root / "mkdocs.yml", incremental=True)
    monkeypatch.setattr(incremental, "_move", real_move)
    half = tree(root / "site")
    assert half != before  # one file moved in, the rest still old
    stages = [p for p in root.iterdir() if p.name.startswith(".site.stage-")]
    assert len(stages) == 1 and (stages[0] / incremental.JOURNAL).is_file()
    build_module._recover(root / "site")  # what the next build does first
    assert not [p for p in root.iterdir() if p.name.startswith(".site.stage-")]
    build(root, "fresh")
    recovered, full = tree(root / "site"), tree(root / "fresh")
    assert [k for k in full if recovered.get(k) != full[k]] == []
    assert "incremental: 0 changed" in build(root, "site", "--incremental").stderr


@pytest.mark.slow
def test_goal_name_and_funds_edits_take_the_quick_path_to_the_same_site(synthetic_root) -> None:  # type: ignore[no-untyped-def]
    """Goal texts, a name and funds: the generator reads the edited files alone (``generator.quick``) and
    MkDocs builds the changed pages over a docs dir without the other project pages; same bytes
    as a full build, search index and sitemap included."""
    root = synthetic_root(30, 2, 8)
    build(root, "site")
    files = sorted((root / "corpus").rglob("*.yaml"))
    for edited in (files[1], files[-2]):
        edited.write_text(edited.read_text("utf-8").replace("\n  annual: ", "\n  annual: 改写：", 1), "utf-8")
    files[-2].write_text(files[-2].read_text("utf-8").replace("\nname: ", "\nname: 更正", 1), "utf-8")
    funded = next(p for p in files[2:-2] if raised_funds(p.read_text("utf-8")) is not None)
    funded.write_text(raised_funds(funded.read_text("utf-8"), by=2), "utf-8")  # type: ignore[arg-type]
    result = build(root, "site", "--incremental")
    assert "quick path: 3 edited project file(s)" in result.stderr
    assert "incremental: " in result.stderr
    build(root, "fresh")
    inc, full = tree(root / "site"), tree(root / "fresh")
    assert sorted(inc) == sorted(full)
    assert [k for k in inc if inc[k] != full[k]] == []
    assert not [p for p in root.iterdir() if p.name.startswith(".")]


MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)")


@pytest.mark.slow
def test_markdown_links_go_to_nav_pages_only(tmp_path: Path) -> None:
    """What the partial run's docs dir relies on (``incremental._partial_docs``): pages link to each
    other in raw HTML, and a Markdown link (which MkDocs resolves and, with --strict, must find)
    points at a nav page or a top-level file, which every partial run has. Checked on the seed
    content and a synthetic corpus."""
    import posixpath

    from generator.bench import generate_child
    from generator.commands.synth import write_corpus
    from generator.shard import base_settings

    nav = set(base_settings(ROOT / "mkdocs.yml", ROOT / "build" / "docs")[0])
    corpus = write_corpus(tmp_path / "corpus", 40, 2, 11)
    links = 0
    for content, docs in ((ROOT / "content", tmp_path / "seed"), (corpus, tmp_path / "synthetic")):
        generate_child(str(content), str(docs))
        for page in docs.rglob("*.md"):
            rel = page.relative_to(docs).as_posix()
            for target in MARKDOWN_LINK.findall(page.read_text("utf-8")):
                if target.startswith(("http://", "https://", "#", "mailto:")):
                    continue
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target.split("#", 1)[0]))
                assert resolved in nav or ("/" not in resolved and (docs / resolved).is_file()), (
                    f"{rel} links to {target}: neither a nav page nor a top-level file")
                links += 1
    assert links > 0  # the home page's links to the nav pages
