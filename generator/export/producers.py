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
from generator.export.downloads_js import script as downloads_script
from generator.export.feed import feed_xml
from generator.export.opendata import open_data_files
from generator.schema import Project
from generator.transform import page_url

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
    """data/*.csv|json|xlsx, datapackage.json and projects/<id>.yaml."""
    return open_data_files(_projects(site), _updated(site), getattr(site, "sources", None), getattr(site, "layout", None))


@in_memory
def feed(site: Any) -> Mapping[str, str | bytes]:
    """feed.xml at the site root, linking the project pages relative to it."""
    paths = {view.project.id: view.path for view in site.projects}
    return {"feed.xml": feed_xml(_projects(site), _updated(site), lambda p: page_url(paths[p.id]))}


@in_memory
def charts(site: Any) -> Mapping[str, str | bytes]:
    """The overview charts as standalone SVG files too (charts/<id>.svg), for reuse and download."""
    return {f"charts/{chart.id}.svg": chart.svg for chart in site_charts(_projects(site))}


STYLESHEETS = ("jx.css", "tables.css", "features.css", "print.css", "icons.css")
"""generator/assets/css/*, in cascade order: one file (``assets/jx/site.css``) on every page, not five links."""


@in_memory
def assets(site: Any) -> Mapping[str, str | bytes]:
    """The vendored scripts (generator/assets/js/* → assets/jx/js/*; downloads.js with its
    configuration filled in, ``downloads_js``) and the stylesheets concatenated into
    ``assets/jx/site.css`` (no CDN; one request and one <link> a page)."""
    root = resources.files("generator").joinpath("assets")
    files: dict[str, str | bytes] = {}
    for item in sorted(root.joinpath("js").iterdir(), key=lambda t: t.name):
        if item.name.endswith(".js"):
            files[f"{ASSETS}/js/{item.name}"] = downloads_script() if item.name == "downloads.js" else item.read_bytes()
    css = root.joinpath("css")
    files[f"{ASSETS}/site.css"] = b"".join(css.joinpath(name).read_bytes().rstrip(b"\n") + b"\n" for name in STYLESHEETS)
    return files


# No per-project CSV or DOCX producer: the project page makes them in the browser
# (generator/assets/js/downloads.js; generator/export/downloads.py says why and how).
