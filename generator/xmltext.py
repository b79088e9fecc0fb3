"""Text into XML (SVG charts, DOCX, XLSX) and back: ``xml.sax.saxutils``' three functions, same bytes.

Why not import them from there: ``xml.sax.saxutils`` imports ``urllib.request``, and with it
``http.client``, ``email`` and ``ssl``: ~20 ms of the start of every build process, a one-edit
incremental build included. ``tests/test_xmltext.py`` holds these to the standard library's.
"""

from __future__ import annotations

from html import escape as _html_escape


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` escaped (``xml.sax.saxutils.escape`` without extra entities)."""
    return _html_escape(text, quote=False)


def quoteattr(text: str) -> str:
    """An attribute value with its quotes, as ``xml.sax.saxutils.quoteattr`` writes it: line
    breaks and tabs as character references, single quotes around a value holding ``"``."""
    data = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"{}"'.format(data.replace('"', "&quot;"))


def unescape(text: str) -> str:
    """``escape`` undone (``xml.sax.saxutils.unescape`` without extra entities)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
