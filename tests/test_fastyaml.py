"""The fast YAML reader gives exactly what PyYAML gives (types, key order, Decimal digits), or steps aside."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from yamlsame import same

from generator.fastyaml import parse
from generator.yamlio import load_data

ROOT = Path(__file__).resolve().parent.parent


def agrees(text: str) -> None:
    """``parse`` is None, or PyYAML reads ``text`` without error to the same data."""
    fast = parse(text)
    if fast is None:
        return
    assert same(fast, load_data(text)), text


def test_every_project_file_in_the_repository_reads_the_same() -> None:
    files = sorted((ROOT / "content").rglob("*.yaml")) + sorted((ROOT / "tests" / "cases").rglob("*.y*ml"))
    fast = 0
    for path in files:
        text = path.read_bytes().decode("utf-8-sig", "replace")
        agrees(text)
        fast += parse(text) is not None
    assert fast >= len(list((ROOT / "content").rglob("*.yaml")))


CASES = [
    "a: 1\nb: 1.50\nc: -0.0\nd: '1'\ne: \"x y\"\nf: null\ng: ~\nh:\ni: yes\nj: Off\nk: 2023-01-01\nl: =5\n",
    "a: x #c\n", "a: x # c\n", "a: 'x' # c\n", "a: b: c\n", "a: [1, 2]\n", "a: []\nb: {}\n", "a: {}\n",
    "t: {text: =100.00(%), operator: '=', number: 100, unit: '%'}\n", "t: {text: a, b}\n", "t: {text: 'a, b'}\n",
    "t: {text: a,b}\n", "t: {a: 1, }\n", "t: {a: 1\n", "t: {a: {b: 1}}\n", "t: {a: 'it''s'}\n", "t: {on: 1}\n",
    "s:\n- a\n- b\nn: 1\n", "s:\n  - a\n  - b\n", "s:\n- a: 1\n  b: 2\n- c: 3\n", "s:\n-   a: 1\n    b: 2\n",
    "s:\n- - a\n", "s:\n-\n  a: 1\n", "s:\n- a\n  b\n", "s:\n  - a\n  b: 1\n",
    "g: |\n  one\n\n  two\n\n\nn: 1\n", "g: |-\n  one\n  two\nn: 1\n", "g: |+\n  one\n", "g: >\n  one\n",
    "g: |\n   one\n  two\n", "g: |\n  one\n   two\n", "g: |\n  # not a comment\n", "g: |\n\n  x\n", "g: |\n  x\n  \n  y\n",
    "g: |\nn: 1\n", "g: |2\n   x\n", "# c\na: 1\n# d\n", "---\na: 1\n", "a: 1\n...\n", "a: &x 1\nb: *x\n", "a: !!str 1\n",
    "a: 0x1F\n", "a: 1_000\n", "a: 1:30\n", "a: .5\n", "a: 1e3\n", "a: 1.5e3\n", "a: .inf\n", "a: 0o7\n", "a: 07\n",
    "a: -\n", "a: -x\n", "a: ?x\n", "a: :x\n", "a: x:y\n", "a: x:\n", "on: 1\n", "null: 1\n", "<<: {}\n", "a:\tb\n",
    "a: 1\n  b: 2\n", " a: 1\n", "a: 1\nb:\n  c: 2\n d: 3\n", "a: x\r\nb: y\n", "a: x\u2028y\n", "a: \ufeffx\n", "a: \x7f\n",
    "a: \"x\\ty\"\n", "a: 'x\n  y'\n", "a: x\n  y\n", "a: 1\na: 2\n", "a: '  sp  '\n", "a:  x  \n", "a: 中文（全角）：x\n",
]


@pytest.mark.parametrize("text", CASES)
def test_tricky_documents_read_the_same_or_fall_back(text: str) -> None:
    agrees(text)


def test_the_subset_is_read_without_pyyaml() -> None:
    """What ``dump_project`` writes must take the fast path, or there is no speed-up."""
    assert parse("g: |\n  one\n\n  two\n\n\nn: 1\n") == {"g": "one\n\ntwo\n", "n": 1}
    assert parse("g: |-\n  one\n  two\nn: 1\n") == {"g": "one\ntwo", "n": 1}
    assert parse("t: {text: =100.00(%), operator: '=', number: 100, unit: '%'}\n") == {
        "t": {"text": "=100.00(%)", "operator": "=", "number": 100, "unit": "%"}
    }
    assert parse("s:\n- a: 1\n  b: 2.50\n- c: null\n") == {"s": [{"a": 1, "b": Decimal("2.50")}, {"c": None}]}
    assert all(parse(path.read_text("utf-8")) is not None for path in (ROOT / "content").rglob("*.yaml"))


def test_cached_lines_give_each_document_its_own_values() -> None:
    """Lines are analysed once and cached; a caller changing what it got must not change the next parse."""
    text = "t: {text: a, number: 1.50}\ns:\n- {x: 1}\n- y\nl: []\n"
    agrees(text)
    first = parse(text)
    first["t"]["text"] = "changed"
    first["s"][0]["x"] = 2
    first["l"].append(1)
    assert parse(text) == {"t": {"text": "a", "number": Decimal("1.50")}, "s": [{"x": 1}, "y"], "l": []}


def test_a_line_reads_the_same_in_every_context() -> None:
    """The same cached line as a literal block's text, a mapping entry and a sequence item."""
    for text in ("g: |\n  - a: 1\n  b: 2\n", "s:\n  - a: 1\n    b: 2\n", "g: |-\n  a: 1\nh:\n  a: 1\n", "a: 1\n  - a: 1\n"):
        agrees(text)
