"""WordprocessingML building blocks for the DOCX form: merged-cell tables, paragraphs, the package.

Only what Word and LibreOffice need: ``[Content_Types].xml``, the package relationship and
``word/document.xml``, as escaped XML strings. Fonts and sizes are set on every run rather
than in a styles part: deflate stores the repeated run properties almost for free, while a
styles part and its relationship cost ~0.6 KB per file. Without a styles part, paragraphs
have the applications' defaults (no spacing, single lines), as the form wants.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Sequence

from generator.export.stablezip import Entry, deflate, zip_bytes
from generator.xmltext import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
FONT = "SimSun"  # 宋体, as official forms are set
A4 = (11906, 16838)  # twips; official forms are printed on A4 with 2 cm margins
MARGIN = 1134
PORTRAIT, LANDSCAPE = A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN  # text widths

STATIC = {
    "[Content_Types].xml": f'{HEAD}<Types xmlns="{PKG}/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels": f'{HEAD}<Relationships xmlns="{PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>',
}
FONTS = f'<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{FONT}"/>'
LANG = '<w:lang w:eastAsia="zh-CN"/>'
RUN = f'<w:r><w:rPr>{FONTS}<w:sz w:val="20"/>{LANG}</w:rPr>'  # 10 pt, the form's text size
TABLE_PROPS = (
    '<w:tblW w:w="{width}" w:type="dxa"/><w:tblBorders>'
    + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + '</w:tblBorders><w:tblLayout w:type="fixed"/>'
    '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
)
END = '<w:p><w:pPr><w:spacing w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>'
"""The paragraph Word needs after the last table, too small to spill onto a page of its own."""
SECTION = (
    '<w:sectPr><w:pgSz w:w="{w}" w:h="{h}"{orient}/><w:pgMar w:top="{m}" w:right="{m}" w:bottom="{m}" w:left="{m}" '
    'w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>'
)
_LINES = re.compile(r"\r\n?|\n")


class Grid:
    """A table's cells by grid position: ``at[(row, col)]`` = (the ``w:tc`` XML, columns it spans)."""

    def __init__(self, rows: int, width: int) -> None:
        self.rows, self.width = rows, width
        self.at: dict[tuple[int, int], tuple[str, int]] = {}

    def put(self, r: int, c0: int, c1: int, text: str, r1: int | None = None, label: bool = False) -> None:
        """Merge rows r..r1 and columns c0..c1 into one cell holding ``text`` (``label`` cells are centred)."""
        cols, rows = c1 - c0 + 1, (r if r1 is None else r1) - r + 1
        self.at[(r, c0)] = (_cell(text, cols, rows, label), cols)
        if rows > 1:
            below = _cell("", cols, 0, False)
            for rr in range(r + 1, r + rows):
                self.at[(rr, c0)] = (below, cols)

    def xml(self, widths: Sequence[int]) -> str:
        """The ``w:tbl`` with these column widths; grid positions nobody filled become empty single cells."""
        out = [f'<w:tbl><w:tblPr>{TABLE_PROPS.format(width=sum(widths))}</w:tblPr><w:tblGrid>']
        out += [f'<w:gridCol w:w="{w}"/>' for w in widths]
        out.append("</w:tblGrid>")
        blank = (_cell("", 1, 1, False), 1)
        for r in range(self.rows):
            out.append("<w:tr>")
            c = 0
            while c < self.width:
                cell, cols = self.at.get((r, c), blank)
                out.append(cell)
                c += cols
            out.append("</w:tr>")
        out.append("</w:tbl>")
        return "".join(out)


@lru_cache(maxsize=512)  # labels and empty cells repeat in every form
def _cell(text: str, cols: int, rows: int, label: bool) -> str:
    """One ``w:tc``: ``rows`` > 1 starts a vertical merge, 0 continues one (the cell stays empty)."""
    props = f'<w:gridSpan w:val="{cols}"/>' if cols > 1 else ""
    if rows != 1:
        props += '<w:vMerge w:val="restart"/>' if rows else "<w:vMerge/>"
    body = _paragraphs(text, label) if rows else "<w:p/>"
    return f'<w:tc><w:tcPr>{props}<w:vAlign w:val="center"/></w:tcPr>{body}</w:tc>'


def _run(text: str) -> str:
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f"{RUN}<w:t{space}>{escape(text)}</w:t></w:r>"


def _paragraphs(text: str, centred: bool = False) -> str:
    """One paragraph per line of ``text`` (an empty cell still needs one paragraph)."""
    props = '<w:pPr><w:jc w:val="center"/></w:pPr>' if centred else ""
    return "".join(f"<w:p>{props}{_run(line)}</w:p>" if line else "<w:p/>" for line in _LINES.split(text or ""))


def heading(text: str, half_points: int, bold: bool = False, new_page: bool = False) -> str:
    """A centred heading paragraph (size in half-points, as WordprocessingML counts)."""
    brk = "<w:pageBreakBefore/>" if new_page else ""
    weight = "<w:b/>" if bold else ""
    return (
        f'<w:p><w:pPr>{brk}<w:spacing w:after="120"/><w:jc w:val="center"/></w:pPr>'
        f'<w:r><w:rPr>{FONTS}{weight}<w:sz w:val="{half_points}"/>{LANG}</w:rPr><w:t>{escape(text)}</w:t></w:r></w:p>'
    )


def document(body: str, landscape: bool = False) -> str:
    """``word/document.xml`` around ``body``, on A4 (portrait or landscape) with 2 cm margins."""
    w, h = (A4[1], A4[0]) if landscape else A4
    page = SECTION.format(w=w, h=h, orient=' w:orient="landscape"' if landscape else "", m=MARGIN)
    return f'{HEAD}<w:document xmlns:w="{W}"><w:body>{body}{END}{page}</w:body></w:document>'


@lru_cache(maxsize=1)
def _static_entries() -> tuple[Entry, ...]:
    """The parts every file shares, deflated once."""
    return tuple(deflate(name, text.encode("utf-8")) for name, text in STATIC.items())


def package(document_xml: str, when: date | None = None) -> bytes:
    """The .docx bytes; every ZIP entry is dated ``when`` (midnight), else 1980-01-01."""
    main = deflate("word/document.xml", document_xml.encode("utf-8"), 6)  # level 9: 2.5% smaller, twice the time
    return zip_bytes([*_static_entries(), main], when)
