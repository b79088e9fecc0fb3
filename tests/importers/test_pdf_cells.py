"""Cell helpers of the PDF reader: no PDF needed, plain strings and char dicts."""

from __future__ import annotations

import pytest

from generator.importers.pdf_cells import (
    apply_unit_line,
    drop_private,
    fix_chars,
    fix_symbol_fonts,
    is_year_line,
    join_lines,
    title_of,
    year_of,
)


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        ("阶段\n性项\n目", "阶段性项目"),
        ("服务对象满意度\n指标", "服务对象满意度指标"),
        ("=20000.00\n(元/家)", "=20000.00(元/家)"),
        ("约100-\n200人/场", "约100-200人/场"),
        ("Word\nExcel", "Word Excel"),
        ("目标：\n1.完成培训\n2.完成考核", "目标：\n1.完成培训\n2.完成考核"),
        ("（1）培训\n（2）考核", "（1）培训\n（2）考核"),
        ("总额\n1.5万元", "总额1.5万元"),
        ("  \n", ""),
        (None, ""),
    ],
)
def test_join_lines(cell: str | None, text: str) -> None:
    assert join_lines(cell) == text


@pytest.mark.parametrize(
    ("lines", "title", "other"),
    [
        (["财政项目支出绩效目标表", "(2023年度)"], "财政项目支出绩效目标表", None),
        (["2024年度项目支出绩效目标申报表"], "2024年度项目支出绩效目标申报表", None),
        (["项目支出绩效自评表"], None, "项目支出绩效自评表"),
        (["部门收支总表", "单位：万元"], None, "部门收支总表"),
        ([], None, None),
    ],
)
def test_title_of(lines: list[str], title: str | None, other: str | None) -> None:
    assert title_of(lines) == (title, other)


def test_year_of_and_year_lines() -> None:
    assert year_of(["财政项目支出绩效目标表", "(2023年度)"]) == 2023
    assert year_of(["2024年度项目支出绩效目标申报表"]) == 2024
    assert year_of(["（２０２５年）"]) == 2025
    assert year_of(["部门收支总表"]) is None
    assert is_year_line("（2023年度）") and not is_year_line("2023年度工作计划")


def test_private_fields_are_blanked_and_listed() -> None:
    rows = [["项目负责人", "张三", "联系电话", "12345678"], ["项目名称", "职工书屋", "", ""]]
    assert drop_private(rows) == ["项目负责人", "联系电话"]
    assert rows == [["", "", "", ""], ["项目名称", "职工书屋", "", ""]]


def test_unit_line_above_the_table_gives_funds_their_unit() -> None:
    rows = [["项目资金", "项目资金总额", "10000.00"]]
    apply_unit_line(rows, ["财政项目支出绩效目标表", "单位：元"])
    assert rows[0][0] == "项目资金(元)"
    labelled = [["项目资金（万元）", "项目资金总额", "1.00"]]
    apply_unit_line(labelled, ["单位：元"])  # the label's own unit wins
    assert labelled[0][0] == "项目资金（万元）"


def test_wingdings_checkboxes_become_glyphs() -> None:
    chars = [
        {"text": "\uf0fe", "fontname": "ABCDEF+Wingdings-Regular"},
        {"text": "¨", "fontname": "Wingdings"},
        {"text": "R", "fontname": "Wingdings2"},
        {"text": "£", "fontname": "BCDEFG+Wingdings 2"},
        {"text": "R", "fontname": "SimSun"},
    ]
    fix_symbol_fonts(chars)
    assert [c["text"] for c in chars] == ["☑", "□", "☑", "□", "R"]


def test_radicals_from_the_text_layer_become_ideographs() -> None:
    chars = [{"text": c, "fontname": "NotoSansCJKsc"} for c in "主管部⻔闵⾏区总⼯会⻓效"]
    fix_chars(chars)
    assert "".join(c["text"] for c in chars) == "主管部门闵行区总工会长效"
