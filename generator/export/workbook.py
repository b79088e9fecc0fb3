"""The open-data workbook (.xlsx): projects and indicators sheets plus a field guide.

Written as SpreadsheetML text directly, not through openpyxl: openpyxl's per-cell objects
took ~15 s for 10,000 projects (140,000 indicator rows); string building takes a few
seconds. Cells are typed as their Table Schema says (numbers, dates as date serials with a
yyyy-mm-dd format, texts as shared strings, but inline where a rebuild replaces them: the
projects sheet and the indicators' target texts), the header row is frozen, and every ZIP entry and
document date is ``when``, so the bytes depend on the data only. Rows and cells carry no
``r`` references except after an empty cell (half the zipped size). openpyxl and LibreOffice
Calc read it back in the tests; Excel opens it.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Sequence

from generator.export.rows import INDICATOR_COLUMNS, PROJECT_COLUMNS, Column, titles
from generator.export.parts import bounds_of, replace_blocks
from generator.export.stablezip import Entry, deflate, deflate_piece, deflate_pieces, join_pieces, read_entries, zip_bytes
from generator.xmltext import escape, quoteattr, unescape

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0
_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system (after its 1900 leap-year bug)

STYLES = (
    f'{HEAD}<styleSheet xmlns="{NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


class Strings(dict[str, int]):
    """The shared-string table: each distinct text once, cells refer to it by index.

    Why: tiers, units, ids and department names repeat on every row; shared strings make the
    zipped workbook ~30% smaller than inline strings."""

    mark: int | None = None
    """Set by ``sheet_xml`` to the row being written (``firsts``); None: not recorded."""
    firsts: dict[str, int]
    """Text → the ``mark`` when it was added (only texts added while a mark was set)."""

    def __init__(self) -> None:
        super().__init__()
        self.firsts = {}

    def cell(self, ref: str, value: str, style: str = "") -> str:
        index = self.get(value)
        if index is None:
            index = self[value] = len(self)
            if self.mark is not None:
                self.firsts[value] = self.mark
        return f'<c{ref} t="s"{style}><v>{index}</v></c>'

    def xml(self) -> str:
        items = "".join(f'<si><t xml:space="preserve">{escape(_ILLEGAL.sub("", text))}</t></si>' for text in self)
        return f'{HEAD}<sst xmlns="{NS}" uniqueCount="{len(self)}">{items}</sst>'


class Inline:
    """Strings written into the cell itself (``t="inlineStr"``), for the projects sheet.

    Why not shared there: its texts are mostly the project's own (name, goals), and a sheet
    whose rows stand alone lets ``generator.quick`` replace one project's row without
    renumbering the shared strings of every other cell."""

    def cell(self, ref: str, value: str, style: str = "") -> str:
        return f'<c{ref} t="inlineStr"{style}><is><t xml:space="preserve">{escape(_ILLEGAL.sub("", value))}</t></is></c>'


_INLINE = Inline()
INLINE_INDICATOR_COLUMNS = ("name", "text", "unit", "long_term_text", "long_term_unit", "explanation", "standard")
"""Indicator columns written as inline strings: the names, target texts and units, the indicator
cells an officer's corrections change most, and the free texts, so that ``replace_rows`` can
replace a project's rows while every shared string keeps its number (a new shared text would
renumber every later cell). Shared stay the texts of a closed vocabulary: project ids, tiers,
operators, directions (at 10,000 projects the names cost +0.19 MB of workbook, the units and
free texts +0.04 MB)."""


def _cell(ref: str, value: str, kind: str, strings: Strings | Inline) -> str:
    """One non-empty cell typed as its column (``kind`` is the Table Schema type, or ``inline``
    for a string written into the cell)."""
    if kind == "inline":
        return _INLINE.cell(ref, value)
    if kind in ("integer", "number"):
        return f"<c{ref}><v>{value.rstrip('0').rstrip('.') if '.' in value else value}</v></c>"  # CSV text is plain decimal
    if kind == "date":
        return f'<c{ref} s="1"><v>{(date.fromisoformat(value) - _EPOCH).days}</v></c>'
    return strings.cell(ref, value)


def _row(values: Sequence[str], kinds: Sequence[str], strings: Strings | Inline) -> str:
    """One ``<row>`` without any reference: an empty value between two others is an empty
    ``<c/>``, empty values at the end leave no cell.

    Why: rows and cells without ``r`` follow on from the previous one (ECMA-376 §18.3.1.4,
    §18.3.1.73). Per-cell references such as ``AB1234`` change on every row and were half the
    zipped workbook; without any, a row's XML does not depend on where it stands, so
    ``replace_rows`` can put in or take out rows without touching the others."""
    out = []
    gap = 0
    for value, kind in zip(values, kinds):
        if value == "":
            gap += 1
            continue
        if gap:
            out.append("<c/>" * gap)
            gap = 0
        out.append(_cell("", value, kind, strings))
    return "<row>" + "".join(out) + "</row>"


def sheet_xml(header: Sequence[str], kinds: Sequence[str], rows: Iterable[Sequence[str]], strings: Strings | Inline,
              bounds: list[int] | None = None, marks: bool = False) -> str:
    """One worksheet: a bold, frozen header row, then the typed rows (texts go into ``strings``).

    ``bounds``, when given, receives where each row begins and where the last one ends;
    ``marks``: ``strings.firsts`` gets the row (0-based, after the header) where each text is
    first used."""
    parts = [
        f'{HEAD}<worksheet xmlns="{NS}"><sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>',
        "<row>" + "".join(strings.cell("", h, ' s="2"') for h in header) + "</row>",
    ]
    shared = strings if marks and isinstance(strings, Strings) else None
    for number, row in enumerate(rows):
        if shared is not None:
            shared.mark = number
        parts.append(_row(row, kinds, strings))
    if shared is not None:
        shared.mark = None
    if bounds is not None:
        bounds += bounds_of(len(parts[0]) + len(parts[1]), map(len, parts[2:]))
    parts.append("</sheetData></worksheet>")
    return "".join(parts)


def _package(sheets: list[tuple[str, str]], strings: Strings, when: date) -> dict[str, str]:
    """Every part of the package except the worksheets' own XML."""
    stamp = f"{when.isoformat()}T00:00:00Z"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(sheets) + 1)
    )
    names = "".join(f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"/>' for i, (name, _) in enumerate(sheets, 1))
    return {
        "[Content_Types].xml": f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f'{overrides}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
        "_rels/.rels": f'{HEAD}<Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
        'Target="docProps/core.xml"/></Relationships>',
        "docProps/core.xml": f'{HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>generator</dc:creator>'
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>',
        "xl/workbook.xml": f'{HEAD}<workbook xmlns="{NS}" xmlns:r="{REL}"><sheets>{names}</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'{HEAD}<Relationships xmlns="{PKG_REL}">{rels}'
        f'<Relationship Id="rId{len(sheets) + 1}" Type="{REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{len(sheets) + 2}" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/styles.xml": STYLES,
        "xl/sharedStrings.xml": strings.xml(),
    }


def _sheet(columns: Sequence[Column], rows: Iterable[Sequence[str]], strings: Strings | Inline, bounds: list[int] | None = None,
           marks: bool = False) -> str:
    return sheet_xml([c.name for c in columns], column_kinds(columns), rows, strings, bounds, marks)


def column_kinds(columns: Sequence[Column]) -> list[str]:
    """Each column's cell kind: its Table Schema type, or ``inline`` (``INLINE_INDICATOR_COLUMNS``)."""
    return ["inline" if columns is INDICATOR_COLUMNS and c.name in INLINE_INDICATOR_COLUMNS else c.type for c in columns]


PROJECTS_SHEET, INDICATORS_SHEET = "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"
SHEET_COLUMNS = {PROJECTS_SHEET: PROJECT_COLUMNS, INDICATORS_SHEET: INDICATOR_COLUMNS}


@dataclass
class Pieces:
    """How a worksheet is deflated (``stablezip.deflate_pieces``): the rows where its pieces
    begin (the first piece also holds the sheet's head, the last its tail) and, once deflated,
    each piece's compressed length, CRC-32 and size (UTF-8 bytes)."""

    cuts: list[int]
    lengths: list[int] = field(default_factory=list)
    crcs: list[int] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)


def _split(xml: str, bounds: list[int], cuts: list[int]) -> list[bytes]:
    """A worksheet's XML cut before the rows ``cuts[1:]``, each piece UTF-8."""
    at = [0] + [bounds[row] for row in cuts[1:]] + [len(xml)]
    return [xml[a:b].encode("utf-8") for a, b in zip(at, at[1:])]


def workbook_bytes(project_rows: list[list[str]], indicator_rows: Iterable[list[str]], when: date,
                   bounds: dict[str, list[int]] | None = None, firsts: dict[str, int] | None = None,
                   pieces: dict[str, Pieces] | None = None) -> bytes:
    """The .xlsx file with sheets projects, indicators and fields; ``when`` stamps the file.

    ``bounds``, when given, receives per worksheet (``PROJECTS_SHEET``, ``INDICATORS_SHEET``)
    where each row is in its XML (for ``replace_rows``); ``firsts`` each shared text of the
    indicators sheet → the row where it is first used (the table's order follows from those);
    ``pieces``, per worksheet, where its deflate pieces begin (with ``bounds``; their lengths are
    filled in)."""
    guide = [
        [table, col.name, col.type, titles()[table].get(col.name, {}).get("title", ""), titles()[table].get(col.name, {}).get("description", "")]
        for table, columns in (("projects", PROJECT_COLUMNS), ("indicators", INDICATOR_COLUMNS))
        for col in columns
    ]
    strings = Strings()
    sheets = [
        ("projects", _sheet(PROJECT_COLUMNS, project_rows, Inline(), None if bounds is None else bounds.setdefault(PROJECTS_SHEET, []))),
        ("indicators", _sheet(INDICATOR_COLUMNS, indicator_rows, strings, None if bounds is None else bounds.setdefault(INDICATORS_SHEET, []),
                              marks=firsts is not None)),
        ("fields", sheet_xml(["table", "name", "type", "title", "description"], ["string"] * 5, guide, strings)),
    ]
    if firsts is not None:
        firsts.update(strings.firsts)
    parts = _package(sheets, strings, when)
    order = ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
             "xl/sharedStrings.xml"]
    entries = [(name, parts[name]) for name in order] + [(f"xl/worksheets/sheet{i}.xml", xml) for i, (_, xml) in enumerate(sheets, 1)]
    members = []
    for name, text in entries:
        split = (pieces or {}).get(name)
        if split is None or bounds is None:
            members.append(deflate(name, text.encode("utf-8"), 6))
            continue
        chunks = _split(text, bounds[name], split.cuts)
        member, split.lengths[:], split.crcs[:] = deflate_pieces(name, chunks, 6)
        split.sizes[:] = map(len, chunks)
        members.append(member)
    return zip_bytes(members, when)


def replace_rows(workbook: bytes, bounds: dict[str, list[int]], blocks: dict[str, dict[int, tuple[int, list[list[str]]]]],
                 when: date, pieces: dict[str, Pieces] | None = None, owners: dict[str, dict[int, int]] | None = None) -> bytes:
    """``workbook`` (made by ``workbook_bytes`` with these ``bounds``) with blocks of rows replaced:
    per worksheet, first row (0-based) → (how many rows, the new rows, as many or not);
    ``bounds`` is updated in place. A worksheet deflated in ``pieces`` (as the last build cut
    and deflated it: updated in place) is inflated and deflated again only in the pieces that
    hold a replaced block, ``owners[sheet][first row]`` (a block of no rows where a piece
    begins could belong to the piece before it).

    The new rows' shared strings must already be in the table, in the order the table has them
    (``generator.quick`` checks that); a new one is ``LookupError``, and nothing is changed.
    The other members are copied as they are, still compressed: the same bytes as
    ``workbook_bytes`` of the new rows."""
    entries = read_entries(workbook)
    names = [e.name for e in entries]
    strings = Strings()
    if INDICATORS_SHEET in blocks:  # the projects sheet has no shared strings
        strings = _shared(zlib.decompress(entries[names.index("xl/sharedStrings.xml")].data, -15).decode("utf-8"))
    known = len(strings)
    sheets = {}
    for sheet, changes in blocks.items():
        kinds = column_kinds(SHEET_COLUMNS[sheet])
        table = _INLINE if sheet == PROJECTS_SHEET else strings
        sheets[sheet] = {n: (count, [_row(values, kinds, table) for values in rows]) for n, (count, rows) in changes.items()}
    if len(strings) != known:  # before any bound moves
        raise LookupError("a new row needs a shared string the workbook does not have")
    for sheet, new_blocks in sheets.items():
        number = names.index(sheet)
        split = (pieces or {}).get(sheet)
        if split is None:
            xml = replace_blocks(zlib.decompress(entries[number].data, -15).decode("utf-8"), bounds[sheet], new_blocks)
            entries[number] = deflate(sheet, xml.encode("utf-8"), 6)
        else:
            entries[number] = _replace_in_pieces(entries[number], bounds[sheet], new_blocks, split, (owners or {}).get(sheet, {}))
    return zip_bytes(entries, when)


def _replace_in_pieces(entry: Entry, bounds: list[int], blocks: dict[int, tuple[int, list[str]]], split: Pieces,
                       owners: dict[int, int]) -> Entry:
    """``replace_rows`` of one worksheet deflated in ``split``: each piece with a block inflated,
    its rows replaced (``replace_blocks`` on the piece alone) and deflated again; the others
    copied. ``bounds`` and ``split`` (cuts, lengths, CRCs, sizes) are updated in place."""
    cuts, count = split.cuts, len(split.cuts)
    rows = len(bounds) - 1
    ends = cuts[1:] + [rows]
    mine: dict[int, dict[int, tuple[int, list[str]]]] = {}
    for start, block in blocks.items():
        k = owners[start]
        if not cuts[k] <= start <= start + block[0] <= ends[k]:
            raise ValueError(f"rows {start}+{block[0]} are not in piece {k}")
        mine.setdefault(k, {})[start - cuts[k]] = block
    new_bounds: list[int] = []
    compressed: list[bytes] = []
    at = chars = moved = 0  # compressed offset; characters and rows more than before
    for k in range(count):
        lo, hi, length = cuts[k], ends[k], split.lengths[k]
        old = entry.data[at:at + length]
        at += length
        cuts[k] = lo + moved
        if k not in mine:
            new_bounds.extend(b + chars for b in bounds[lo:hi])
            compressed.append(old)
            continue
        start = 0 if k == 0 else bounds[lo]
        text = zlib.decompressobj(-15).decompress(old).decode("utf-8")  # a piece inflates alone
        local = [b - start for b in bounds[lo:hi + 1]]
        new = replace_blocks(text, local, mine[k])
        new_bounds.extend(b + start + chars for b in local[:-1])
        chars += len(new) - len(text)
        moved += len(local) - 1 - (hi - lo)
        data = new.encode("utf-8")
        compressed.append(deflate_piece(data, k == count - 1, 6))
        split.lengths[k], split.crcs[k], split.sizes[k] = len(compressed[-1]), zlib.crc32(data), len(data)
    new_bounds.append(bounds[rows] + chars)
    bounds[:] = new_bounds
    return join_pieces(entry.name, compressed, split.crcs, split.sizes)


_SHARED = re.compile(r'<si><t xml:space="preserve">(.*?)</t></si>', re.S)


def _shared(xml: str) -> Strings:
    """The shared-string table of ``Strings.xml`` read back; ``LookupError`` when two entries read
    back the same (texts that differed only in characters XML cannot hold)."""
    strings = Strings()
    for number, match in enumerate(_SHARED.finditer(xml)):
        strings[unescape(match.group(1))] = number
        if len(strings) != number + 1:
            raise LookupError("the shared-string table cannot be read back exactly")
    return strings
