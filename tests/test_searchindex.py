"""generator/searchindex.py: the search index file holds Material's entries, recurring words once."""

from __future__ import annotations

import json
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import searchindex

CONFIG = {"lang": ["en"], "separator": "[\\s]+", "pipeline": [], "fields": {}}


def doc(location: str, title: str, text: str, **extra: object) -> dict[str, object]:
    return {"location": location, "title": title, "text": text, **extra}


DOCS = [
    doc("projects/a.html", "法律援助", "2023年度 · 闵行区总工会 · 专项资金 · 接待法律咨询职工人数 职工满意度 · 年内完成法律援助30件"),
    doc("projects/b.html", "法律援助", "2022年度 · 闵行区总工会 · 专项资金 · 职工满意度 · 完成  两个空格 "),
    doc("projects/c.html", "劳模慰问", "2023年度 · 闵行区总工会 · 经常性项目 · 职工满意度 · &lt;b&gt; &amp; 照常"),
    doc("about/index.html", "关于", '<p class="a b">说明 说明</p>'),
    doc("about/index.html#more", "", "", boost=2, tags=["x"]),
]


def test_round_trip_gives_the_same_index() -> None:
    index = {"config": CONFIG, "docs": DOCS}
    assert searchindex.loads(searchindex.dumps(index)) == index


def test_recurring_tokens_and_titles_are_written_once() -> None:
    data = json.loads(searchindex.dumps({"config": CONFIG, "docs": DOCS}))
    assert data["config"] == CONFIG and "docs" not in data
    words = data["words"]
    assert words[:4] == ["·", "", "职工满意度", "闵行区总工会"]  # by count, then by text (code points)
    assert "法律援助" in words and "2023年度" in words and "接待法律咨询职工人数" not in words
    first = data["entries"][0]
    assert first[0] == "projects/a.html" and first[1] == words.index("法律援助")
    # tokens that occur once are one string, runs of them joined by their space
    assert "接待法律咨询职工人数" in first[2] and "年内完成法律援助30件" in first[2]
    # a text with a tag (Material's own entries) is one string: its attributes hold spaces
    assert data["entries"][3][2] == ['<p class="a b">说明 说明</p>']
    assert data["entries"][4][3] == {"boost": 2, "tags": ["x"]}


def test_the_words_do_not_depend_on_the_order_of_the_entries() -> None:
    shuffled = DOCS[:]
    random.Random(3).shuffle(shuffled)
    words = lambda docs: json.loads(searchindex.dumps({"docs": docs}))["words"]  # noqa: E731
    assert words(shuffled) == words(DOCS)


def test_materials_own_form_is_read_as_it_is() -> None:
    index = {"config": CONFIG, "docs": DOCS}
    assert searchindex.loads(json.dumps(index)) == index


def test_recurring_words_make_the_file_smaller() -> None:
    names = " ".join(f"指标名称{i}" for i in range(12))
    docs = [doc(f"projects/p{i}.html", f"项目{i}", f"2023年度 · 某区某局 · {names} · 目标{i}") for i in range(200)]
    index = {"config": CONFIG, "docs": docs}
    plain = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode()
    assert len(searchindex.dumps(index).encode()) < len(plain) / 2.5


texts = st.lists(st.sampled_from(["·", "", "甲", "乙 丙", "&amp;", "<i>", "a b", "Ab", " "]), max_size=8).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "甲", "乙", "1"]), texts), max_size=12))
def test_any_index_round_trips(items: list[tuple[str, str]]) -> None:
    index = {"config": CONFIG, "docs": [doc(f"p/{i}.html", title, text) for i, (title, text) in enumerate(items)]}
    assert searchindex.loads(searchindex.dumps(index)) == index
