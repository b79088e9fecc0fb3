"""Build the PDF fixtures of tests/cases/pdf/ from project YAML: DOCX forms → LibreOffice → PDF.

    python tests/importers/pdf_fixtures.py          # rebuild every fixture PDF (needs soffice, chromium)
    python tests/importers/pdf_fixtures.py newer    # rebuild one case

Each case folder holds ``projects/*.yaml`` (the truth: what the import must give
back) or, for the seed case, reads content/. ``blocks`` below says what else goes
into the document (budget tables, text, a 自评表) and in which template the target
tables are drawn. The PDFs are committed, so the normal test run needs no LibreOffice;
tests compare imported YAML, never PDF bytes.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT  # noqa: F401 - kept for landscape experiments
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases" / "pdf"
sys.path.insert(0, str(ROOT))

from generator.load import load_projects  # noqa: E402
from generator.schema import Project  # noqa: E402

FONT = "Noto Sans CJK SC"
WIDTHS = [Cm(1.5), Cm(2.6), Cm(3.0), Cm(3.6), Cm(2.8), Cm(3.0)]
CATEGORIES = ["专项资金", "经常性项目", "一次性项目"]


def _set_font(doc: Document) -> None:  # type: ignore[valid-type]
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(9)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.0)


def _cell(table, r: int, c: int, text: str, c2: int | None = None, r2: int | None = None, center: bool = False):  # type: ignore[no-untyped-def]
    """Write ``text`` into cell (r, c), merged right to c2 and down to r2 first."""
    cell = table.cell(r, c)
    if c2 is not None or r2 is not None:
        cell = cell.merge(table.cell(r if r2 is None else r2, c if c2 is None else c2))
    for p in cell.paragraphs[1:]:
        p._element.getparent().remove(p._element)
    para = cell.paragraphs[0]
    para.text = ""
    for i, line in enumerate(text.split("\n")):
        if i:
            para = cell.add_paragraph()
        para.add_run(line)
        if center:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return cell


def _new_table(doc, rows: int, widths=WIDTHS, split_rows: bool = False):  # type: ignore[no-untyped-def]
    """A ruled table; rows are kept whole on a page unless ``split_rows`` (Word's default)."""
    table = doc.add_table(rows=rows, cols=len(widths))
    table.style = "Table Grid"
    table.autofit = False
    for row in table.rows:
        if not split_rows:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, width in zip(row.cells, widths):
            cell.width = width
    return table


def _money(value: Decimal | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "元":
        return f"{value * 10000:,.2f}"
    return f"{value:.2f}"


def _title(doc, text: str, year_line: str | None) -> None:  # type: ignore[no-untyped-def]
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.font.size = Pt(16)
    run.bold = True
    if year_line:
        q = doc.add_paragraph(year_line)
        q.alignment = WD_ALIGN_PARAGRAPH.CENTER


def add_target_table(doc, project: Project, template: str = "minhang", split_rows: bool = False) -> None:  # type: ignore[no-untyped-def]
    """The official form: header rows, funds block, goals, indicator tree with merged tier cells.

    ``minhang``: the 2023 闵行 layout (checkbox 项目类别, 万元).
    ``shanghai``: the newer 申报表 (项目性质 text, 项目类别 such as 特定目标类, 元, 实施期/本年度 goals,
    a 年度(/项目)指标值 column).
    """
    newer = template == "shanghai"
    unit = project.funds.source_unit
    if newer:
        _title(doc, "项目支出绩效目标申报表", f"（{project.year}年度）")
    else:
        _title(doc, "财政项目支出绩效目标表", f"({project.year}年度)")
    inds = project.indicators
    head = 5 if newer else 3
    n_rows = head + 4 + 2 + 1 + len(inds)
    t = _new_table(doc, n_rows, split_rows=split_rows)
    r = 0
    if newer:
        _cell(t, r, 0, "项目名称", c2=1)
        _cell(t, r, 2, project.name, c2=5)
        r += 1
        _cell(t, r, 0, "项目性质", c2=1)
        _cell(t, r, 2, project.category or "", c2=3)
        _cell(t, r, 4, "项目类别")
        _cell(t, r, 5, project.project_class or "")
        r += 1
    else:
        _cell(t, r, 0, "项目名称", c2=1)
        _cell(t, r, 2, project.name, c2=3)
        _cell(t, r, 4, "项目类别")
        boxes = " ".join(f"{c} {'☑' if c == project.category else '□'}" for c in CATEGORIES)
        _cell(t, r, 5, boxes)
        r += 1
    _cell(t, r, 0, "主管部门", c2=1)
    _cell(t, r, 2, project.department, c2=3)
    _cell(t, r, 4, "实施单位")
    _cell(t, r, 5, project.implementer)
    r += 1
    _cell(t, r, 0, "计划开始日期", c2=1)
    _cell(t, r, 2, str(project.start_date or ""), c2=3)
    _cell(t, r, 4, "计划完成日期")
    _cell(t, r, 5, str(project.end_date or ""))
    r += 1
    if newer:
        _cell(t, r, 0, "项目负责人", c2=1)
        _cell(t, r, 2, "", c2=5)
        r += 1
    f = project.funds
    _cell(t, r, 0, f"项目资金\n（{unit}）", r2=r + 3)
    rows = [
        ("项目资金总额", f.total, "年度资金申请总额", f.annual_total),
        ("其中：财政资金", f.fiscal, "其中：当年财政拨款", f.annual_fiscal),
        ("", None, "上年结转资金", f.annual_carryover),
        ("其他资金", f.other, "其他资金", f.annual_other),
    ]
    for i, (l1, v1, l2, v2) in enumerate(rows):
        _cell(t, r + i, 1, l1)
        _cell(t, r + i, 2, _money(v1, unit))
        _cell(t, r + i, 3, l2, c2=4)
        _cell(t, r + i, 5, _money(v2, unit))
    r += 4
    g = project.goals
    total_head, annual_head = ("实施期绩效目标", "本年度绩效目标") if newer else ("项目总目标", "年度总体目标")
    period = f"（{g.total_period}）" if g.total_period else ""
    _cell(t, r, 0, "项目\n绩效\n目标", r2=r + 1)
    _cell(t, r, 1, total_head + period, c2=3)
    _cell(t, r, 4, annual_head, c2=5)
    _cell(t, r + 1, 1, g.total or "", c2=3)
    _cell(t, r + 1, 4, g.annual or "", c2=5)
    r += 2
    _cell(t, r, 0, "绩效\n指标", r2=n_rows - 1)
    value_head = "年度(/项目)指标值" if newer else "年度指标值"
    for c, text in ((1, "一级指标"), (2, "二级指标")):
        _cell(t, r, c, text)
    _cell(t, r, 3, "三级指标", c2=4)
    _cell(t, r, 5, value_head)
    r += 1
    start = r
    for i, ind in enumerate(inds):
        _cell(t, r + i, 3, ind.name, c2=4)
        _cell(t, r + i, 5, ind.target.text if ind.target else "")
    for col, key in ((1, lambda x: x.level1), (2, lambda x: (x.level1, x.level2))):
        i = 0
        while i < len(inds):
            j = i
            while j + 1 < len(inds) and key(inds[j + 1]) == key(inds[i]):
                j += 1
            ind = inds[i]
            label = (ind.published or {}).get("level1" if col == 1 else "level2") or (ind.level1 if col == 1 else ind.level2)
            _cell(t, start + i, col, label, r2=start + j if j > i else None)
            i = j + 1


def add_budget_table(doc, title: str, rows: list[list[str]]) -> None:  # type: ignore[no-untyped-def]
    """A ruled budget table (收支总表 and the like): not a target table."""
    _title(doc, title, None)
    doc.add_paragraph("单位：万元")
    widths = [Cm(15.0 / len(rows[0]))] * len(rows[0])
    t = _new_table(doc, len(rows), widths)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            _cell(t, r, c, text)


def add_text(doc, paragraphs: list[str]) -> None:  # type: ignore[no-untyped-def]
    for text in paragraphs:
        doc.add_paragraph(text)


def page_break(doc) -> None:  # type: ignore[no-untyped-def]
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def add_self_evaluation(doc, name: str) -> None:  # type: ignore[no-untyped-def]
    """A 项目支出绩效自评表: 实际完成值 / 得分 columns; must be skipped."""
    _title(doc, "项目支出绩效自评表", "（2022年度）")
    rows = [
        ["项目名称", name, "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分"],
        ["产出指标", "数量指标", "培训人次", "≥100(人次)", "120人次", "10"],
        ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥85%", "90%", "10"],
    ]
    widths = [Cm(2.5)] * 6
    t = _new_table(doc, len(rows), widths)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text or r != 0:
                _cell(t, r, c, text)


def write_docx(blocks: list[tuple], path: Path) -> None:
    """Blocks: ("target", project, template) / ("budget", title, rows) / ("text", [..]) / ("self", name) / ("break",)."""
    doc = Document()
    _set_font(doc)
    for i, block in enumerate(blocks):
        kind = block[0]
        if kind == "target":
            if i:
                page_break(doc)
            add_target_table(doc, *block[1:])
        elif kind == "budget":
            add_budget_table(doc, block[1], block[2])
        elif kind == "text":
            add_text(doc, block[1])
        elif kind == "self":
            add_self_evaluation(doc, block[1])
        elif kind == "break":
            page_break(doc)
    doc.save(str(path))


def to_pdf(docx: Path, pdf: Path) -> None:
    """Convert with LibreOffice into ``pdf`` (soffice writes <stem>.pdf into a directory)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is needed to rebuild the PDF fixtures")
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(docx)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.move(str(Path(tmp) / (docx.stem + ".pdf")), pdf)


def write_html(projects: list[Project], path: Path) -> None:
    """The official form as an HTML table (rowspan/colspan), one per page: Chromium prints it."""
    e = lambda x: html.escape("" if x is None else str(x))  # noqa: E731
    m = lambda v: "" if v is None else f"{v:.2f}"  # noqa: E731
    style = "table{border-collapse:collapse;width:100%;font:10pt 'Noto Sans CJK SC'} td{border:1px solid #000;padding:2px}"
    out = [f"<!doctype html><html><head><meta charset='utf-8'><style>{style}</style></head><body>"]
    for k, p in enumerate(projects):
        f, g, inds = p.funds, p.goals, p.indicators
        brk = " style='page-break-before:always'" if k else ""
        boxes = " ".join(f"{c} {'☑' if c == p.category else '□'}" for c in CATEGORIES)
        out.append(f"<h2{brk} align=center>财政项目支出绩效目标表</h2><p align=center>({p.year}年度)</p><table>")
        out.append(f"<tr><td colspan=2>项目名称<td colspan=2>{e(p.name)}<td>项目类别<td>{boxes}")
        out.append(f"<tr><td colspan=2>主管部门<td colspan=2>{e(p.department)}<td>实施单位<td>{e(p.implementer)}")
        out.append(f"<tr><td colspan=2>计划开始日期<td colspan=2>{p.start_date}<td>计划完成日期<td>{p.end_date}")
        out.append(f"<tr><td rowspan=4>项目资金（万元）<td>项目资金总额<td>{m(f.total)}<td colspan=2>年度资金申请总额<td>{m(f.annual_total)}")
        out.append(f"<tr><td>其中：财政资金<td>{m(f.fiscal)}<td colspan=2>其中：当年财政拨款<td>{m(f.annual_fiscal)}")
        out.append(f"<tr><td><td><td colspan=2>上年结转资金<td>{m(f.annual_carryover)}")
        out.append(f"<tr><td>其他资金<td>{m(f.other)}<td colspan=2>其他资金<td>{m(f.annual_other)}")
        out.append(f"<tr><td rowspan=2>项目绩效目标<td colspan=3>项目总目标（{g.total_period}）<td colspan=2>年度总体目标")
        out.append(f"<tr><td colspan=3>{e(g.total)}<td colspan=2>{e(g.annual)}")
        out.append(f"<tr><td rowspan={len(inds) + 1}>绩效指标<td>一级指标<td>二级指标<td colspan=2>三级指标<td>年度指标值")
        for i, ind in enumerate(inds):
            row = "<tr>"
            for tier, key in ((1, lambda x: x.level1), (2, lambda x: (x.level1, x.level2))):
                if i == 0 or key(inds[i - 1]) != key(ind):
                    span = next((j for j in range(i + 1, len(inds)) if key(inds[j]) != key(ind)), len(inds)) - i
                    label = (ind.published or {}).get(f"level{tier}") or (ind.level1 if tier == 1 else ind.level2)
                    row += f"<td rowspan={span}>{e(label)}"
            out.append(row + f"<td colspan=2>{e(ind.name)}<td>{e(ind.target.text if ind.target else '')}")
        out.append("</table>")
    path.write_text("".join(out) + "</body></html>", "utf-8")


def html_to_pdf(page: Path, pdf: Path) -> None:
    """Print with headless Chromium (a second PDF producer: Skia, open-ended split tables, radicals)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise RuntimeError("Chromium is needed to rebuild the chromium PDF fixture")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp}",
             f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri()],
            check=True, capture_output=True, timeout=180,
        )


def case_projects(case: str) -> list[Project]:
    """The projects a case's PDF is built from (and must import back to)."""
    root = ROOT / "content" if case in ("seed", "chromium") else CASES / case / "projects"
    loaded = load_projects(root)
    if loaded.problems:
        raise RuntimeError("\n".join(p.format_text() for p in loaded.problems))
    projects = [item.project for item in loaded.items]
    return sorted(projects, key=lambda p: (p.source.table if p.source and p.source.table else 0, p.id))


BUDGET_ROWS = [
    ["项目", "2022年预算数", "2023年预算数", "增减"],
    ["一般公共预算拨款收入", "1,234.56", "1,300.00", "65.44"],
    ["政府性基金预算拨款收入", "0.00", "0.00", "0.00"],
    ["合计", "1,234.56", "1,300.00", "65.44"],
]


def case_blocks(case: str) -> list[tuple]:
    """What goes into each case's document, in order."""
    projects = case_projects(case)
    if case == "seed" or case == "split":
        return [("target", p, "minhang") for p in projects]
    if case == "rowsplit":  # long goals: the goal row itself breaks over the page
        return [("text", ["部门预算编制说明。"] * 30)] + [("target", p, "minhang", True) for p in projects]
    if case == "newer":
        return [("target", p, "shanghai") for p in projects]
    if case == "multidoc":
        blocks: list[tuple] = [
            ("text", ["2023年部门预算公开说明", "一、部门主要职能", "负责全区职工的组织、宣传、教育工作。" * 12]),
            ("break",),
            ("budget", "部门收支总表", BUDGET_ROWS),
            ("break",),
            ("budget", "部门财政拨款收支总表", BUDGET_ROWS),
            ("break",),
            ("self", "上年度职工培训项目"),
            ("break",),
        ]
        blocks += [("target", p, "minhang" if i % 2 == 0 else "shanghai") for i, p in enumerate(projects)]
        return blocks
    raise KeyError(case)


CASE_NAMES = ("seed", "chromium", "split", "rowsplit", "newer", "multidoc")


def build(case: str, folder: Path | None = None) -> Path:
    """Write <folder>/<case>.pdf; the folder defaults to tests/cases/pdf/<case>/."""
    folder = folder or CASES / case
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / f"{case}.pdf"
    if case == "chromium":  # the seed tables printed by Chromium instead of LibreOffice
        with tempfile.TemporaryDirectory() as tmp:
            page = Path(tmp) / "seed.html"
            write_html(case_projects(case), page)
            html_to_pdf(page, pdf)
        return pdf
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / f"{case}.docx"
        write_docx(case_blocks(case), docx)
        to_pdf(docx, pdf)
    return pdf


def build_scanned(path: Path) -> None:
    """An image-only PDF (no text layer), as a scanner makes."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (595, 842), 255)
    draw = ImageDraw.Draw(image)
    for y in range(100, 700, 40):
        draw.line((60, y, 535, y), fill=0, width=2)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "PDF", resolution=72.0)


if __name__ == "__main__":
    names = sys.argv[1:] or list(CASE_NAMES)
    for name in names:
        if name == "scanned":
            build_scanned(CASES / "scanned" / "scanned.pdf")
        else:
            print(build(name))
