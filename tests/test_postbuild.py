"""generator/postbuild.py: search entries move from the pages into one UTF-8 index; whitespace goes."""

from __future__ import annotations

import json
import os
from pathlib import Path

from generator import searchindex
from generator.postbuild import finish, finish_page

CONFIG = {"lang": ["en"], "separator": "[\\s]+", "pipeline": [], "fields": {}}


def entry(title: str, text: str) -> str:
    # as the project template writes it: Jinja's tojson escapes < > & ' (so "-->" cannot end the comment)
    data = json.dumps({"title": title, "text": text}).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f"<!-- jx-search {data} -->\n"


def page(title: str, text: str = "2023年度 · 某部门", body: str = "<p>正文</p>") -> str:
    return f"<html>\n    <body>\n      <h1>{title}</h1>\n      {body}\n{entry(title, text)}    </body>\n</html>\n"


def make_site(root: Path, pages: dict[str, str], docs: list[dict[str, str]] | None = None) -> Path:
    for rel, html in pages.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(html, "utf-8")
    (root / "search").mkdir(parents=True, exist_ok=True)
    (root / "search" / "search_index.json").write_text(json.dumps({"config": CONFIG, "docs": docs or []}), "utf-8")
    (root / "search" / "search_index.js").write_text("var __index = {}", "utf-8")
    return root


def index_of(site: Path) -> dict:
    return searchindex.read(site / "search" / "search_index.json")


def test_page_loses_its_entry_and_indentation() -> None:
    html, found = finish_page(page("法律援助办案补贴", "2023年度 · 闵行区总工会"))
    assert found == {"title": "法律援助办案补贴", "text": "2023年度 · 闵行区总工会"}
    assert html == "<html><body><h1>法律援助办案补贴</h1><p>正文</p></body></html>\n"


def test_whitespace_is_kept_where_it_shows() -> None:
    html, found = finish_page("<div>\n  <pre>  a\n    b</pre>\n</div>")
    assert found is None and html == "<div>\n  <pre>  a\n    b</pre>\n</div>"


def test_full_finish_writes_one_utf8_index_in_page_order(tmp_path: Path) -> None:
    site = make_site(tmp_path, {
        "projects/b.html": page("乙项目"),
        "projects/a.html": page("<script>alert(1)</script> & 甲", "残疾人 --> 就业"),
        "index.html": "<html>\n  <body>首页</body>\n</html>\n",
    })
    done = finish(site)
    index = index_of(site)
    assert index["config"] == CONFIG
    assert [d["location"] for d in index["docs"]] == ["projects/a.html", "projects/b.html"]
    first = index["docs"][0]
    # HTML-escaped like Material's own entries: no raw "<" of user data in the index
    assert first["title"] == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 甲" and first["text"] == "残疾人 --&gt; 就业"
    raw = (site / "search" / "search_index.json").read_text("utf-8")
    assert "乙项目" in raw and "\\u" not in raw  # UTF-8, not \uXXXX
    assert "jx-search" not in (site / "projects" / "a.html").read_text("utf-8")
    assert (site / "index.html").read_text("utf-8") == "<html><body>首页</body></html>\n"
    # file:// gets a stub without entries, not a second copy of the index
    stub = (site / "search" / "search_index.js").read_text("utf-8")
    assert stub.startswith("var __index = ") and json.loads(stub.split(" = ", 1)[1]) == {"config": CONFIG, "docs": []}
    assert (done.pages, done.entries, done.indexed) == (3, 2, 2)


def test_second_finish_changes_nothing(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"projects/a.html": page("甲"), "projects/b.html": page("乙")})
    finish(site)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    done = finish(site)
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert done.pages == 0 and done.indexed == 2


def test_changed_subset_gives_the_same_bytes_as_a_full_finish(tmp_path: Path) -> None:
    pages = {f"projects/{c}.html": page(f"项目{c}") for c in "abc"}
    full = make_site(tmp_path / "full", pages | {"projects/b.html": page("项目b（改）")})
    finish(full)
    # an incremental build: the previous finished site, one page rebuilt by MkDocs, its entry gone from the index
    inc = make_site(tmp_path / "inc", pages)
    finish(inc)
    (inc / "projects" / "b.html").write_text(page("项目b（改）"), "utf-8")
    index = index_of(inc)
    index["docs"] = [d for d in index["docs"] if d["location"] != "projects/b.html"]
    (inc / "search" / "search_index.json").write_text(json.dumps(index), "utf-8")
    done = finish(inc, {"projects/b.html", "data/projects.csv"})
    assert done.pages == 1 and done.entries == 1
    files = lambda root: {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}  # noqa: E731
    assert files(inc) == files(full)


def test_material_entries_keep_their_place(tmp_path: Path) -> None:
    material = [{"location": "about/index.html", "title": "关于", "text": "<p>说明</p>"},
                {"location": "about/index.html#more", "title": "更多", "text": "<p>细节</p>"}]
    site = make_site(tmp_path, {"projects/a.html": page("甲")}, material)
    finish(site)
    assert [d["location"] for d in index_of(site)["docs"]] == ["about/index.html", "about/index.html#more", "projects/a.html"]


def test_hard_linked_pages_are_replaced_not_written_in_place(tmp_path: Path) -> None:
    """An incremental build hard-links the previous site: finishing the new one must not change the old."""
    site = make_site(tmp_path / "new", {"projects/a.html": page("甲")})
    old = tmp_path / "old.html"
    os.link(site / "projects" / "a.html", old)
    finish(site)
    assert "jx-search" in old.read_text("utf-8")
    assert "jx-search" not in (site / "projects" / "a.html").read_text("utf-8")


def test_ideographic_space_is_not_indentation() -> None:
    html, _ = finish_page("<p>\n\u3000\u3000第一段</p>\n  <p>第二段</p>")
    assert html == "<p>\n\u3000\u3000第一段</p><p>第二段</p>"


def test_line_breaks_go_only_next_to_block_tags() -> None:
    # between inline elements (and inside text) a line break shows as a space: it stays
    html, _ = finish_page('<div class="x">\n<span>甲</span>\n<a href="#">乙</a>\n<em>丙</em>\n</div>\n<p>丁\n戊</p>\n')
    assert html == '<div class=x>\n<span>甲</span>\n<a href=#>乙</a>\n<em>丙</em></div><p>丁\n戊</p>\n'


def test_unused_material_frame_parts_go() -> None:
    frame = '<body>\n  <div data-md-component="announce">\n  </div>\n  <header></header>\n  <div class="md-dialog" data-md-component="dialog">\n    <div class="md-dialog__inner md-typeset"></div>\n  </div>\n</body>'
    html, _ = finish_page(frame)
    assert html == "<body><header></header></body>"
    announced = '<div data-md-component="announce">\n<aside class="md-banner">通知</aside>\n</div>'
    assert "md-banner" in finish_page(announced)[0]  # one with content stays


def test_optional_end_tags_go_where_the_next_tag_closes_them() -> None:
    table = "<table>\n<thead>\n<tr><th>甲</th><th>乙</th></tr>\n</thead>\n<tbody>\n<tr><td>1</td><td>2</td></tr>\n<tr><td>3</td><td><b>4</b></td></tr>\n</tbody>\n</table>"
    html, _ = finish_page(table)
    assert html == "<table><thead><tr><th>甲<th>乙</thead><tbody><tr><td>1<td>2<tr><td>3<td><b>4</b></tbody></table>"
    lists = '<ol><li><a href="#">一</a></li><li>二<ul><li>三</li></ul></li></ol><p>x</p><span>y</span>'
    assert finish_page(lists)[0] == '<ol><li><a href=#>一</a><li>二<ul><li>三</ul></ol><p>x</p><span>y</span>'
    # text between an end tag and the next tag would change the DOM: the end tag stays
    assert finish_page("<tr><td>1</td> <td>2</td></tr>")[0] == "<tr><td>1</td> <td>2</tr>"


def test_attribute_quotes_go_where_html_needs_none() -> None:
    tag = '<a href="../../a/index.html" title="甲 乙" data-x="a=b" class="jx-x" download>文字 x="y"</a><br class="b"/><img alt="" src="c.png" />'
    html, _ = finish_page(tag)
    assert html == '<a href=../../a/index.html title="甲 乙" data-x="a=b" class=jx-x download>文字 x="y"</a><br class="b"/><img alt="" src=c.png />'


def test_two_processes_give_the_bytes_of_one(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """From ``SPLIT_FROM`` pages, finish works in two processes (every other page each): the same
    files, index included, as one process."""
    from generator import postbuild

    monkeypatch.setattr(postbuild, "SPLIT_FROM", 4)
    pages = {f"projects/p{i:02d}.html": page(f"项目{i}", f"2023年度 · 部门{i % 3} · 指标 满意度") for i in range(11)}
    pages["index.html"] = "<html>\n  <body>首页</body>\n</html>\n"
    split_site = make_site(tmp_path / "two", pages)
    done = finish(split_site)
    monkeypatch.setenv("JX_WORKERS", "1")
    one_site = make_site(tmp_path / "one", pages)
    assert finish(one_site) == done and (done.pages, done.entries, done.indexed) == (12, 11, 11)
    files = lambda root: {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}  # noqa: E731
    assert files(split_site) == files(one_site)
