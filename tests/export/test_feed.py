"""Atom feed: well-formed, newest first by the data's dates, stable ids, escaped text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from generator.export.feed import entry_id, feed_xml, write_feed
from generator.schema import Project

A = "{http://www.w3.org/2005/Atom}"


def url(project: Project) -> str:
    return f"projects/{project.id}.html"


def test_entries_newest_first_with_stable_ids(multiyear: list[Project]) -> None:
    updated = {"2022-zhi-gong-pei-xun": date(2024, 6, 1), "2023-she-bei-gou-zhi": date(2023, 5, 2)}
    root = ET.fromstring(feed_xml(multiyear, updated, url))
    entries = root.findall(f"{A}entry")
    assert [e.findtext(f"{A}updated") for e in entries] == [
        "2024-06-01T00:00:00Z", "2024-01-01T00:00:00Z", "2023-05-02T00:00:00Z", "2023-01-01T00:00:00Z"]
    assert [e.find(f"{A}link").get("href") for e in entries][:2] == ["projects/2022-zhi-gong-pei-xun.html", "projects/2024-zhi-gong-pei-xun.html"]
    assert root.findtext(f"{A}updated") == "2024-06-01T00:00:00Z"
    assert entries[2].findtext(f"{A}title") == '2023年 设备购置 "<b>&'  # escaped in XML, intact when parsed
    assert "测试单位二, 分部" in entries[2].findtext(f"{A}summary") and "50.00" in entries[2].findtext(f"{A}summary")
    ids = [e.findtext(f"{A}id") for e in entries]
    assert len(set(ids)) == 4 and entry_id("2022-zhi-gong-pei-xun") == ids[0]


def test_a_changed_project_keeps_its_entry_id_and_moves_up(multiyear: list[Project]) -> None:
    before = ET.fromstring(feed_xml(multiyear, {}, url, limit=1)).find(f"{A}entry")
    after = ET.fromstring(feed_xml(multiyear, {"2023-she-bei-gou-zhi": date(2025, 1, 9)}, url, limit=1)).find(f"{A}entry")
    assert before.findtext(f"{A}id") != after.findtext(f"{A}id") == entry_id("2023-she-bei-gou-zhi")
    assert "<b>" not in feed_xml(multiyear, {}, url)


def test_write_feed_is_deterministic(tmp_path: Path, multiyear: list[Project]) -> None:
    write_feed(tmp_path / "a" / "feed.xml", multiyear, {}, url)
    write_feed(tmp_path / "b" / "feed.xml", list(reversed(multiyear)), {}, url)
    assert (tmp_path / "a" / "feed.xml").read_bytes() == (tmp_path / "b" / "feed.xml").read_bytes()
