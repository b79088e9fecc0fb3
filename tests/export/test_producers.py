"""Producers add the open data, feed, charts and assets to the build output; no per-project CSV or DOCX file."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from datetime import date
from importlib import resources
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace

import docx as python_docx
from generator.export import docx_files, producers
from generator.schema import Project


class FakeOutput:
    """A stage dir and the files in it, by POSIX path relative to it."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def files(self) -> dict[str, bytes]:
        return {p.relative_to(self.root).as_posix(): p.read_bytes() for p in self.root.rglob("*") if p.is_file()}


def site_of(projects: list[Project], updated: dict[str, date] | None = None) -> SimpleNamespace:
    views = [SimpleNamespace(project=p, path=f"projects/{p.id}") for p in projects]
    return SimpleNamespace(projects=views, updated=updated or {})


def test_open_data_feed_charts_assets(multiyear: list[Project], tmp_path: Path) -> None:
    out = FakeOutput(tmp_path)
    site = site_of(multiyear, {"2023-she-bei-gou-zhi": date(2024, 1, 2)})
    for produce in (producers.open_data, producers.feed, producers.charts, producers.assets):
        produce(site, tmp_path)
    assert {"data/projects.csv", "data/indicators.csv", "data/projects.json", "data/projects.xlsx", "data/datapackage.json"} <= set(out.files)
    assert "projects/2023-she-bei-gou-zhi.yaml" in out.files
    feed = ET.fromstring(out.files["feed.xml"])
    links = [e.get("href") for e in feed.iter("{http://www.w3.org/2005/Atom}link") if e.get("rel") == "alternate"]
    assert links[0] == "projects/2023-she-bei-gou-zhi.html"
    assert {"charts/funds_by_department.svg", "assets/jx/js/tables.js", "assets/jx/js/downloads.js", "assets/jx/site.css"} <= set(out.files)
    assert not [f for f in out.files if f.endswith((".docx", "-indicators.csv"))]  # made by the page in the browser
    assert b"/*@CONFIG@*/" not in out.files["assets/jx/js/downloads.js"]


def test_site_css_is_every_stylesheet_once_in_cascade_order() -> None:
    css_dir = resources.files("generator").joinpath("assets", "css")
    names = sorted(item.name for item in css_dir.iterdir() if item.name.endswith(".css"))
    assert sorted(producers.STYLESHEETS) == names  # a new stylesheet must be listed (its place in the cascade)
    site_css = producers.assets.files(None)["assets/jx/site.css"]
    parts = [css_dir.joinpath(name).read_bytes().rstrip(b"\n") for name in producers.STYLESHEETS]
    positions = [site_css.index(part) for part in parts]
    assert positions == sorted(positions) and not any(k.startswith("assets/jx/css/") for k in producers.assets.files(None))


def test_docx_forms_are_dated_and_change_only_with_their_project(multiyear: list[Project]) -> None:
    updated = {"2022-zhi-gong-pei-xun": date(2024, 3, 1)}
    first = docx_files.docx_forms(multiyear, updated)
    assert sorted(first) == sorted(p.id for p in multiyear)
    with zipfile.ZipFile(BytesIO(first["2022-zhi-gong-pei-xun"])) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2024, 3, 1, 0, 0, 0)}
    assert python_docx.Document(BytesIO(first["2023-she-bei-gou-zhi"])).tables[0].cell(0, 1).text == '设备购置 "<b>&'
    changed = [p.model_copy(update={"name": "改名"}) if p.id == "2024-zhi-gong-pei-xun" else p for p in multiyear]
    second = docx_files.docx_forms(changed, updated)
    assert [pid for pid in first if first[pid] != second[pid]] == ["2024-zhi-gong-pei-xun"]
