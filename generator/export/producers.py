"""Build producers for the transparency features: ``(site, out_dir) -> None`` each.

They read the site view model (``site.projects`` are page views with ``.project`` and
``.path``; ``site.updated`` maps project id → last-updated date) and write files under
``out_dir`` (a fresh stage dir the build syncs into the docs dir). Listed in
``generator.build.PRODUCERS``.
"""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Mapping

from generator.charts import site_charts
from generator.export.docx_files import available, docx_forms
from generator.export.feed import feed_xml
from generator.export.opendata import open_data_files
from generator.extras import docx_path
from generator.schema import Project

ASSETS = "assets/jx"
"""Where the vendored JS/CSS go in the docs dir (mkdocs.yml lists them)."""


def _projects(site: Any) -> list[Project]:
    return [view.project for view in site.projects]


def _updated(site: Any) -> Mapping[str, date]:
    return getattr(site, "updated", None) or {}


def _put(out_dir: Path, rel: str, content: str | bytes) -> None:
    path = out_dir / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


def in_memory(files: Callable[[Any], Mapping[str, str | bytes]]) -> Callable[[Any, Path], None]:
    """A producer ``(site, out_dir)`` writing ``files(site)``, with ``.files`` for ``build.generate``.

    Why both: ``generate`` takes the files straight from memory (no staging dir to write and read
    back: 30,000 files at 10k projects); the ``(site, out_dir)`` form keeps the producer contract."""

    def produce(site: Any, out_dir: Path) -> None:
        for rel, content in files(site).items():
            _put(out_dir, rel, content)

    produce.__name__ = produce.__qualname__ = files.__name__
    produce.__doc__ = files.__doc__
    produce.files = files  # type: ignore[attr-defined]
    return produce


@in_memory
def open_data(site: Any) -> Mapping[str, str | bytes]:
    """data/*.csv|json|xlsx, datapackage.json, projects/<id>/<id>.yaml and -indicators.csv."""
    return open_data_files(_projects(site), _updated(site), getattr(site, "sources", None))


@in_memory
def feed(site: Any) -> Mapping[str, str | bytes]:
    """feed.xml at the site root, linking the project pages relative to it."""
    paths = {view.project.id: view.path for view in site.projects}
    return {"feed.xml": feed_xml(_projects(site), _updated(site), lambda p: f"{paths[p.id]}index.html")}


@in_memory
def charts(site: Any) -> Mapping[str, str | bytes]:
    """The overview charts as standalone SVG files too (charts/<id>.svg), for reuse and download."""
    return {f"charts/{chart.id}.svg": chart.svg for chart in site_charts(_projects(site))}


@in_memory
def assets(site: Any) -> Mapping[str, str | bytes]:
    """The vendored table script and the CSS (no CDN): generator/assets/** → assets/jx/**."""
    root = resources.files("generator").joinpath("assets")
    files: dict[str, str | bytes] = {}
    for folder in ("js", "css"):
        for item in sorted(root.joinpath(folder).iterdir(), key=lambda t: t.name):
            if item.name.endswith((".js", ".css")):
                files[f"{ASSETS}/{folder}/{item.name}"] = item.read_bytes()
    return files


@in_memory
def docx(site: Any) -> Mapping[str, str | bytes]:
    """projects/<id>/<id>.docx: the filled-in official form, when the DOCX writer is available."""
    if not available():
        return {}
    return {docx_path(pid): content for pid, content in docx_forms(_projects(site), _updated(site)).items()}


PRODUCERS = [open_data, feed, charts, assets, docx]
