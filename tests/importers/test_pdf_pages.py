"""The PDF page walk (``pdf.collect``) on hand-made blocks: which tables start, continue or are skipped."""

from __future__ import annotations

from generator.importers.form import read_form
from generator.importers.pdf import Block, collect

TITLE = ["财政项目支出绩效目标表", "(2023年度)"]
HEADER = [
    ["项目名称", "职工书屋", "项目类别", "经常性项目"],
    ["主管部门", "闵行区总工会", "实施单位", "上海市闵行区总工会"],
]
GOALS = [["项目绩效目标", "项目总目标（2023年-2023年）", "", "年度总体目标"]]
INDICATORS = [
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值"],
    ["", "产出指标", "数量指标", "新建职工书屋数", "=4.00(家)"],
]
MORE = [["", "满意度指标", "服务对象满意度指标", "职工满意度", "≥85.00(%)"]]


def table(page: int, rows: list[list[str]], above: list[str], first: bool = True) -> Block:
    return Block(page, [list(r) for r in rows], list(above), first)


def trailing(page: int, lines: list[str] = ()) -> Block:  # type: ignore[assignment]
    return Block(page, None, list(lines), False)


def test_continuation_under_a_running_header_is_merged() -> None:
    running = "闵行区总工会2023年单位预算"
    blocks = [
        table(1, HEADER + GOALS + [["", "建设书屋", "", "新建4家"]] + INDICATORS, [running] + TITLE),
        trailing(1, ["第 1 页"]),
        table(2, MORE, [running]),
        trailing(2),
    ]
    tables, problems = collect("x.pdf", blocks)
    assert [t.pages for t in tables] == [[1, 2]]
    form = read_form(tables[0])
    assert [i.name for i in form.fields["indicators"]] == ["新建职工书屋数", "职工满意度"]
    assert form.fields["year"] == 2023 and form.problems == []


def test_title_at_the_bottom_of_the_previous_page() -> None:
    blocks = [
        Block(1, None, ["一、部门主要职能", *TITLE], True),
        table(2, HEADER + INDICATORS, []),
        trailing(2),
    ]
    tables, problems = collect("x.pdf", blocks)
    assert len(tables) == 1 and tables[0].year == 2023 and tables[0].pages == [2]


def test_goal_row_broken_over_the_page_break_is_glued() -> None:
    blocks = [
        table(1, HEADER + GOALS + [["", "加强职工", "", "新建"]], TITLE),
        trailing(1),
        table(2, [["", "文化阵地建设", "", "书屋4家"]] + INDICATORS, []),
        trailing(2),
    ]
    tables, _ = collect("x.pdf", blocks)
    goals = read_form(tables[0]).fields["goals"]
    assert (goals.total, goals.annual) == ("加强职工文化阵地建设", "新建书屋4家")


def test_untitled_budget_table_after_a_finished_form_is_skipped() -> None:
    budget = [["项目", "2023年预算数"], ["一般公共预算拨款收入", "1,300.00"]]
    blocks = [
        table(1, HEADER + INDICATORS, TITLE),
        trailing(1, ["注：本表金额单位为万元。"]),
        table(2, budget, []),
        trailing(2),
    ]
    tables, problems = collect("x.pdf", blocks)
    assert [t.pages for t in tables] == [[1]]
    assert [(p.line, p.level) for p in problems] == [(2, "info")]


def test_form_part_that_cannot_be_attached_is_a_warning() -> None:
    blocks = [table(1, MORE + INDICATORS, ["部门收支总表"]), trailing(1)]
    tables, problems = collect("x.pdf", blocks)
    assert tables == [] and [p.level for p in problems] == ["warning"]


def test_self_evaluation_columns_are_refused_even_under_a_target_title() -> None:
    rows = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分"], ["产出指标", "数量指标", "培训人次", "100", "120", "10"]]
    blocks = [table(1, rows, TITLE), trailing(1), table(2, MORE, []), trailing(2)]
    tables, problems = collect("x.pdf", blocks)
    assert tables == []
    assert "自评表" in problems[0].message and problems[0].level == "info"


def test_scanned_page_among_text_pages_is_a_warning() -> None:
    blocks = [table(1, HEADER + INDICATORS, TITLE), trailing(1), Block(2, None, [], True, image_only=True)]
    tables, problems = collect("x.pdf", blocks)
    assert len(tables) == 1
    assert [(p.line, p.level) for p in problems] == [(2, "warning")] and "OCR" in problems[0].message


def test_runs_of_skipped_pages_are_one_line() -> None:
    blocks = [Block(n, None, [f"第{n}段说明文字"], True) for n in range(1, 6)]
    blocks += [table(6, HEADER + INDICATORS, TITLE), trailing(6)]
    tables, problems = collect("x.pdf", blocks)
    assert len(tables) == 1
    assert [(p.line, p.field) for p in problems] == [(1, "pages 1-5")]


def test_second_ruled_block_right_below_the_form_continues_it() -> None:
    blocks = [table(1, HEADER + GOALS, TITLE), table(1, INDICATORS + MORE, [], first=False), trailing(1)]
    tables, problems = collect("x.pdf", blocks)
    assert [len(t.rows) for t in tables] == [len(HEADER + GOALS + INDICATORS + MORE)] and problems == []


def test_continuation_of_a_skipped_self_evaluation_is_skipped_too() -> None:
    evaluation = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分"]]
    blocks = [
        table(1, evaluation, ["项目支出绩效自评表"]),
        trailing(1),
        table(2, INDICATORS, []),  # would look like a form part on its own
        trailing(2),
    ]
    tables, problems = collect("x.pdf", blocks)
    assert tables == []
    assert [(p.line, p.level) for p in problems] == [(1, "info"), (2, "info")]
    assert "page 1" in problems[1].message


def test_text_page_between_ends_the_form() -> None:
    blocks = [table(1, HEADER + INDICATORS, TITLE), trailing(1), Block(2, None, ["附件说明"], True), table(3, MORE, []), trailing(3)]
    tables, problems = collect("x.pdf", blocks)
    assert [t.pages for t in tables] == [[1]]
    assert [p.level for p in problems] == ["info", "info"]  # the text page, the untitled table
