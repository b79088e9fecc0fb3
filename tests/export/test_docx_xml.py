"""docx_xml: merged-cell grids and the minimal package read back with python-docx as laid out."""

from __future__ import annotations

from io import BytesIO

import docx

from generator.export.docx_xml import Grid, document, heading, package
from generator.importers.docx import table_grid


def test_merges_blanks_and_escaping_read_back() -> None:
    grid = Grid(3, 3)
    grid.put(0, 0, 2, "横 <&>")
    grid.put(1, 0, 0, "竖", r1=2, label=True)
    grid.put(1, 1, 1, "第一行\n第二行")
    grid.put(2, 2, 2, " 前后空格 ")
    doc = docx.Document(BytesIO(package(document(heading("标题", 32, bold=True) + grid.xml([1000, 2000, 3000])))))
    assert doc.paragraphs[0].text == "标题" and doc.paragraphs[0].runs[0].bold
    table = doc.tables[0]
    assert [c.width for c in table.columns] == [1000 * 635, 2000 * 635, 3000 * 635]  # twips → EMU
    assert table_grid(table) == [["横 <&>", "", ""], ["竖", "第一行\n第二行", ""], ["", "", "前后空格"]]
    assert table.cell(2, 0)._tc is table.cell(1, 0)._tc  # merged down
    assert table.cell(1, 2).text == "" and table.cell(2, 1).text == ""  # never filled: empty cells
    assert table.cell(2, 2).paragraphs[0].runs[0].text == " 前后空格 "  # spaces kept (xml:space)


def test_landscape_swaps_the_page() -> None:
    section = docx.Document(BytesIO(package(document("<w:p/>", landscape=True)))).sections[0]
    assert section.page_width > section.page_height and section.orientation == docx.enum.section.WD_ORIENT.LANDSCAPE
