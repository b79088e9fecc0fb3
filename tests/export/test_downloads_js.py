"""The download script's configuration comes from the Python modules, and its port tracks the parser.

The port itself (JS == Python on every value) is checked in the browser:
tests/browser/test_page_downloads.py.
"""

from __future__ import annotations

import json
import re
from importlib import resources

from generator.export import docx_form, docx_xml, downloads_js
from generator.export.rows import INDICATOR_COLUMNS
from generator.values import _OPERATORS, _VALUE

SOURCE = resources.files("generator").joinpath("assets", "js", "downloads.js").read_text("utf-8")


def test_the_script_gets_its_configuration_once() -> None:
    script = downloads_js.script().decode("utf-8")
    assert SOURCE.count(downloads_js.MARKER) == 1 and downloads_js.MARKER not in script
    start = SOURCE.index(downloads_js.MARKER)
    data = script[start: len(script) - (len(SOURCE) - start - len(downloads_js.MARKER))]
    config = json.loads(data.replace("<\\/", "</"))
    assert config == json.loads(json.dumps(downloads_js.config()))
    assert config["csv"]["header"] == [c.name for c in INDICATOR_COLUMNS]
    assert config["docx"]["xml"]["RUN"] == docx_xml.RUN and config["docx"]["xml"]["EXTRA_WIDTHS"] == docx_form.EXTRA_WIDTHS
    assert config["values"]["operators"] == _OPERATORS
    assert "</script" not in script.lower()


def test_the_port_is_of_this_parser() -> None:
    """A change to values.py's pattern must be ported to downloads.js (parse) too: this pins the pattern ported."""
    assert _VALUE.pattern == (
        "^(?P<op>" + "|".join(re.escape(k) for k in sorted(_OPERATORS, key=len, reverse=True)) + r")?\s*"
        r"(?P<num>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*"
        r"(?:\((?P<punit>[^()]*)\)|(?P<unit>[%‰A-Za-z\u4e00-\u9fff/]+(?:/[A-Za-z\u4e00-\u9fff]+)*))?\s*$"
    )


def test_the_scripts_whitespace_is_pythons() -> None:
    """PY_SPACE (what normalise splits on, what xml:space="preserve" looks for) is exactly str.isspace()."""
    source = re.search(r'var PY_SPACE = "([^"]*)";', SOURCE)
    assert source is not None
    js_class = re.compile("[" + source.group(1).encode().decode("unicode_escape") + "]")
    assert {c for c in range(0x110000) if js_class.match(chr(c))} == {c for c in range(0x110000) if chr(c).isspace()}
