"""``assets/jx/js/downloads.js``: the vendored download script with its configuration filled in.

The script (``generator/assets/js/downloads.js``) ports the CSV and DOCX exporters; the data it
must agree on with them is taken from the Python modules here, at build time, rather than copied
into the script: the CSV column names (``rows.INDICATOR_COLUMNS``), the form labels and checkbox
glyphs (``data/vocabulary.yaml``), the WordprocessingML constants (``docx_xml``, ``docx_form``)
and the value parser's operators and units (``values``, ``data/vocabulary.yaml``). A label or a
column changed in Python therefore changes the downloads too.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from generator.export import docx_form, docx_xml
from generator.export.form_labels import export_vocab
from generator.export.rows import INDICATOR_COLUMNS
from generator.labels import vocabulary
from generator.values import _OPERATORS, _TIME_UNITS

MARKER = "/*@CONFIG@*/null"
"""Where the script takes its configuration (one JSON object literal)."""
CSV_NAME = "{id}-indicators.csv"
DOCX_NAME = "{id}.docx"


def config() -> dict[str, Any]:
    """What downloads.js reads as ``C``."""
    vocab = export_vocab()
    xml = {
        name: getattr(docx_xml, name)
        for name in ("HEAD", "W", "FONTS", "LANG", "RUN", "TABLE_PROPS", "END", "SECTION", "A4", "MARGIN", "PORTRAIT", "LANDSCAPE", "STATIC")
    }
    xml.update(SQUEEZE=docx_form.SQUEEZE, BASE_WIDTHS=list(docx_form.BASE_WIDTHS), EXTRA_WIDTHS=docx_form.EXTRA_WIDTHS)
    return {
        "csv": {"header": [column.name for column in INDICATOR_COLUMNS], "name": CSV_NAME},
        "docx": {"name": DOCX_NAME, "labels": vocab["form"], "checked": vocab["checked"], "unchecked": vocab["unchecked"], "xml": xml},
        "values": {"operators": _OPERATORS, "count_units": sorted(vocabulary().count_units), "time_units": list(_TIME_UNITS)},
        "types": list(vocab["form"]["titles"]),
    }


@lru_cache(maxsize=1)
def script() -> bytes:
    """The finished script (UTF-8)."""
    source = resources.files("generator").joinpath("assets", "js", "downloads.js").read_text("utf-8")
    if source.count(MARKER) != 1:
        raise ValueError(f"generator/assets/js/downloads.js must hold {MARKER} exactly once")
    data = json.dumps(config(), ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return source.replace(MARKER, data).encode("utf-8")
