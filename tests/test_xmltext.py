"""generator/xmltext.py writes (and reads back) exactly what xml.sax.saxutils does."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr, unescape

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import xmltext

texts = st.lists(st.sampled_from(list("ab&<>;\"'\n\r\t 中") + ["&amp;", "&lt;", "&gt;", "&quot;"]), max_size=12).map("".join)


@settings(max_examples=1000, deadline=None)
@given(texts)
def test_same_bytes_as_saxutils(text: str) -> None:
    assert xmltext.escape(text) == escape(text)
    assert xmltext.quoteattr(text) == quoteattr(text)
    assert xmltext.unescape(text) == unescape(text)
    assert xmltext.unescape(xmltext.escape(text)) == text


def test_no_import_of_urllib() -> None:
    """The reason for the module: a build process starts without urllib.request (and ssl)."""
    import subprocess
    import sys

    code = "import sys, generator.build, generator.quick; print('urllib.request' in sys.modules, 'ssl' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
