"""The lean page frame (overrides/lean.html) gives the same pages as Material's own frame.

main.html renders project and group pages through lean.html, Material's base.html, header.html
and footer partials written out for this site's settings. Here the same docs are built twice:
with the repository's overrides, and with lean.html replaced by ``{% extends "base.html" %}``
(Material's frame with the same blocks from main.html). After the post-build step every page
must be byte-identical, hostile titles included, so a change of mkdocs.yml or a Material
upgrade that the written-out frame does not follow fails here.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.bench import generate_child
from generator.build import tool_env
from generator.postbuild import finish_page

ROOT = Path(__file__).resolve().parent.parent
CONTENT = [ROOT / "content", ROOT / "tests" / "cases" / "injection" / "content"]
MATERIAL_FRAME = '{% extends "base.html" %}\n'
"""lean.html for the reference build: main.html's blocks in Material's frame."""


def build(work: Path, docs: Path, overrides: Path, name: str) -> Path:
    """``mkdocs build --strict`` of ``docs`` with the repository's config and ``overrides``; the raw site."""
    config = work / f"{name}.yml"
    site = work / name
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {docs}\ntheme:\n  custom_dir: {overrides}\n", "utf-8")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config), "-d", str(site)]
    done = subprocess.run(cmd, env=tool_env(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return site


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(lean, material): the same docs built with the repository's overrides and with Material's frame."""
    work = tmp_path_factory.mktemp("frame")
    content = work / "content"
    for i, source in enumerate(CONTENT):
        shutil.copytree(source, content / str(i))
    generate_child(str(content), str(work / "docs"))
    material = work / "overrides-material"
    shutil.copytree(ROOT / "overrides", material)
    (material / "lean.html").write_text(MATERIAL_FRAME, "utf-8")
    return build(work, work / "docs", ROOT / "overrides", "lean"), build(work, work / "docs", material, "material")


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in sorted(site.rglob("*.html"))}


def test_lean_frame_gives_materials_pages(sites: tuple[Path, Path]) -> None:
    lean, material = pages(sites[0]), pages(sites[1])
    assert lean.keys() == material.keys()
    framed = [rel for rel in lean if lean[rel] != material[rel]]  # raw output differs where lean.html rendered
    assert {rel.split("/")[0] for rel in framed} >= {"projects", "years", "departments", "categories"}
    assert not [rel for rel in framed if rel.count("/") < 2 and not rel.startswith("projects/")], "nav pages and 404 keep Material's frame"
    for rel in framed:
        assert finish_page(lean[rel])[0] == finish_page(material[rel])[0], rel


def test_hostile_titles_are_escaped_in_the_frame(sites: tuple[Path, Path]) -> None:
    """The injection project's name reaches <title>, the header and og:title escaped, never as markup."""
    page = finish_page(pages(sites[0])["projects/2023-injection.html"])[0]
    frame = page[: page.index("<article")]
    assert "<script>window" not in frame and "<img" not in frame
    assert frame.count("N1 &lt;script&gt;window.__pwned=&#34;N1&#34;") >= 3  # title, header, og:title


def test_scope_script_carries_materials_config(sites: tuple[Path, Path]) -> None:
    """scope.js is rendered once per build: Material's strings for the site language and the features."""
    script = (sites[0] / "assets" / "jx" / "js" / "scope.js").read_text("utf-8")
    assert "{{" not in script and "{%" not in script
    assert json.loads(re.search(r"features:(\[.*?\])", script).group(1)) == ["navigation.top", "search.highlight", "content.tooltips"]
    translations = json.loads(re.search(r"translations:(\{.*?\})", script).group(1))
    assert translations["search.result.none"] == "没有找到符合条件的结果"
    assert "__config" not in pages(sites[0])["projects/2023-can-ji-ren-jiu-ye-bao-zhang-jin.html"]
