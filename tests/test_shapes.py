"""``generator.shapes``: every aggregate file made from the projects' shapes is the same bytes as
the full build makes from the projects (the contract the quick path's funds and category edits
rest on), on the real content and on synthetic corpora."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from generator.build import load_site
from generator.commands.synth import write_corpus
from generator.export.producers import charts, feed
from generator.render import render_site
from generator.shapes import aggregate_files, shape_site, shapes_of

ROOT = Path(__file__).resolve().parent.parent


def full_aggregates(content: Path, base: Path) -> tuple[dict[str, str], object]:
    """The aggregate files as the build makes them (pages, charts, feed), and the site."""
    site = load_site(content, base)
    pages = render_site(site)
    files = {rel: text for rel, text in pages.items() if not rel.startswith("projects/")}
    for producer in (charts, feed):
        files.update(producer.files(site))  # type: ignore[attr-defined]
    return files, site


@pytest.mark.parametrize("corpus", ["content", "synthetic 60×3", "synthetic 200×5"])
def test_aggregates_from_shapes_are_the_full_builds(tmp_path: Path, corpus: str) -> None:
    if corpus == "content":
        content, base = ROOT / "content", ROOT
    else:
        projects, years = (int(n) for n in corpus.split()[1].split("×"))
        content, base = write_corpus(tmp_path / "content", projects, years, seed=projects), tmp_path
    want, site = full_aggregates(content, base)
    shapes = pickle.loads(pickle.dumps(shapes_of(v.project for v in site.projects)))  # as the quick state keeps them
    got = aggregate_files(shape_site(shapes.values(), site.updated))
    assert sorted(got) == sorted(want)
    assert [rel for rel in want if got[rel] != want[rel]] == []


def test_indicator_shapes_are_shared() -> None:
    site = load_site(ROOT / "content", ROOT)
    shapes = shapes_of(v.project for v in site.projects)
    indicators = [ind for shape in shapes.values() for ind in shape.indicators]
    assert len({id(i) for i in indicators}) == len(set(indicators)) < len(indicators)
