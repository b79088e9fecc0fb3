"""generator.rawblocks: the same HTML as Python-Markdown's own raw-HTML handling, for every page kind.

Every generated page (seed content, the injection fixture with markup in every field, and a
synthetic corpus) and every hand-made case in tests/cases/rawblocks/ is converted twice, with
mkdocs.yml's extensions and with the same list minus ours; the outputs must be equal. A second
test checks the fast path is actually taken on generated pages, so a template change that
silently sends pages back through html.parser fails here rather than only in the benchmark.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from generator.build import generate, load_site
from generator.commands.synth import write_corpus
from generator.rawblocks import BLOCK_START, RawBlockPreprocessor, simple_block

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "cases" / "rawblocks"


def _extensions() -> tuple[list, dict]:  # type: ignore[type-arg]
    """mkdocs.yml's markdown_extensions as Python-Markdown arguments."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            (name, options), = entry.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(entry)
    assert "generator.rawblocks" in names, "mkdocs.yml no longer loads generator.rawblocks"
    return names, configs


EXTENSIONS, CONFIGS = _extensions()
STOCK = [e for e in EXTENSIONS if e != "generator.rawblocks"]


def convert(text: str, extensions: list[str]) -> str:
    return markdown.Markdown(extensions=extensions, extension_configs={k: v for k, v in CONFIGS.items() if k in extensions}).convert(text)


@pytest.fixture(scope="module")
def generated_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Markdown bodies (front matter removed, as MkDocs does) of every page of three corpora."""
    synthetic = write_corpus(tmp_path_factory.mktemp("synth") / "content", 60, 3, 7)
    pages: dict[str, str] = {}
    for name, content in (("seed", ROOT / "content"), ("injection", ROOT / "tests" / "cases" / "injection" / "content"),
                          ("synthetic", synthetic)):
        docs = tmp_path_factory.mktemp(f"docs-{name}")
        generate(load_site(content, content), docs)
        for md in sorted(docs.rglob("*.md")):
            pages[f"{name}:{md.relative_to(docs).as_posix()}"] = get_data(md.read_text("utf-8"))[0]
    return pages


def test_generated_pages_convert_identically(generated_pages: dict[str, str]) -> None:
    kinds = {key.split(":")[1].split("/")[0] for key in generated_pages}
    assert {"projects", "departments", "years", "categories", "quality", "summary", "index.md"} <= kinds
    differing = [key for key, text in generated_pages.items() if convert(text, EXTENSIONS) != convert(text, STOCK)]
    assert not differing, f"{len(differing)} page(s) differ, first {differing[:3]}"


def test_generated_pages_take_the_fast_path(generated_pages: dict[str, str]) -> None:
    """No raw block of a generated page is left for html.parser (the point of the extension)."""
    md = markdown.Markdown(extensions=STOCK, extension_configs=CONFIGS)
    slow: list[str] = []
    for key, text in generated_pages.items():
        md.reset()
        lines = RawBlockPreprocessor(md).run(text.split("\n"))
        left = [line for line in lines if (m := BLOCK_START.match(line)) and (m.group(1) is None or md.is_block_level(m.group(1)))]
        if left:
            slow.append(f"{key}: {left[0][:80]}")
    assert not slow, "\n".join(slow[:5])


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.glob("*.md")))
def test_hand_made_cases_convert_identically(case: str) -> None:
    text = (CASES / case).read_text("utf-8")
    assert convert(text, EXTENSIONS) == convert(text, STOCK)


@pytest.mark.parametrize(("block", "expected"), [
    ("<div><p>a</p></div>", True),
    ("<div><br><img src=x><rect x=1 /></div>", True),
    ("<!-- <div> -->\n<p>x</p>", True),
    ("<p>a</p>\n<nav><ol><li>b</li></ol></nav>", True),
    ("<DIV>a</div>", True),
    ("<div><p>a</div>", False),
    ("<div>", False),
    ("</div>", False),
    ("<div>a</div> tail", False),
    ("<div>a</div><p>b</p>", False),
    ("<div>a</div>\ntext", False),
    ("<div>a</div>\n<span>b</span>", False),
    ("<span>a</span>", False),
])
def test_simple_block(block: str, expected: bool) -> None:
    assert simple_block(block, markdown.Markdown().is_block_level) is expected
