"""完整性: every 一级 present, every row filled, 成本 from 2022 on, goals present and distinct."""

from __future__ import annotations

from typing import Iterator

from generator.check.registry import Hit, indicator_rule, rule
from generator.check.words import data, fold, is_cost, is_placeholder
from generator.schema import Indicator, Project


@rule("completeness.level1-missing", "warning", "Each of 产出指标, 效益指标 and 满意度指标 has at least one indicator.")
def level1_missing(project: Project) -> Iterator[Hit]:
    present = {ind.level1 for ind in project.indicators}
    for name in data()["completeness"]["required_level1"]:
        if name not in present:
            yield Hit(("indicators",), f"no {name}: a target table needs at least one {name} row with a measurable value")


@rule("completeness.cost-missing", "warning", "From 2022 on a 成本 indicator is expected (财预〔2021〕101号).")
def cost_missing(project: Project) -> Iterator[Hit]:
    rules = data()["completeness"]
    if project.year < int(rules["cost_required_from"]) or not project.indicators:
        return
    if not any(is_cost(ind) for ind in project.indicators):
        yield Hit(
            ("indicators",),
            f"no 成本指标 in a {project.year} table; since {rules['cost_required_from']} ({rules['cost_citation']}) a cost indicator "
            "is expected, e.g. 成本指标 / 经济成本指标 / 人均补贴标准 ≤300.00(元/人)",
        )


@indicator_rule("completeness.level2-empty", "warning", "Every 二级 has at least one real 三级 (not a placeholder such as 无 or /).")
def level2_empty(ind: Indicator) -> Iterator[Hit]:
    if is_placeholder(ind.name):
        yield Hit(("name",), f"{ind.level2} has no 三级 (name is {ind.name!r}); name a measurable indicator or delete the row")


@rule("completeness.level2-missing", "info", "产出指标 has each of its 二级 groups 数量指标, 质量指标 and 时效指标.")
def level2_missing(project: Project) -> Iterator[Hit]:
    for level1, wanted in data()["completeness"]["required_level2"].items():
        present = {ind.level2 for ind in project.indicators if ind.level1 == level1 and not is_placeholder(ind.name)}
        if present:
            for level2 in wanted:
                if level2 not in present:
                    yield Hit(("indicators",), f"{level1} has no {level2}; add at least one measurable {level2} row (e.g. {_EXAMPLES.get(level2, '≥95.00(%)')})")


_EXAMPLES = {"数量指标": "培训人数 ≥500.00(人)", "质量指标": "考核合格率 ≥95.00(%)", "时效指标": "补贴发放及时性 每季度末前"}


@indicator_rule("completeness.value-missing", "warning", "Every 三级 has a value.")
def value_missing(ind: Indicator) -> Iterator[Hit]:
    if is_placeholder(ind.name):
        return  # reported by completeness.level2-empty
    if ind.target is None or is_placeholder(ind.target.text):
        yield Hit(("target",), f"{ind.name} has no target value; give one such as ≥95.00(%) or =12.00(次)")


@rule("completeness.goal-missing", "warning", "年度总体目标 is filled, and a multi-year project has a 项目总目标.")
def goal_missing(project: Project) -> Iterator[Hit]:
    goals = project.goals
    if not (goals.annual or "").strip():
        yield Hit(("goals", "annual"), "年度总体目标 is empty; state what the year's money buys, with numbers (e.g. 慰问5家企业、200名职工)")
    multi = project.start_date and project.end_date and project.start_date.year < project.end_date.year
    if multi and not (goals.total or "").strip():
        yield Hit(("goals", "total"), f"a multi-year project ({project.start_date} – {project.end_date}) needs a 项目总目标 for the whole period")


@rule("completeness.goal-copied", "warning", "年度总体目标 is not a copy of 项目总目标.")
def goal_copied(project: Project) -> Iterator[Hit]:
    goals = project.goals
    if goals.total and goals.annual and fold(goals.total) == fold(goals.annual):
        yield Hit(("goals", "annual"), "年度总体目标 is identical to 项目总目标; the annual goal should say what this year delivers (a part of the total goal, with this year's numbers)")


@rule("completeness.targets-copied", "warning", "A multi-year project's annual targets are not all copies of its 实施期 targets.")
def targets_copied(project: Project) -> Iterator[Hit]:
    pairs = [(ind.target, ind.long_term_target) for ind in project.indicators if ind.target is not None and ind.long_term_target is not None]
    multi = project.start_date and project.end_date and project.start_date.year < project.end_date.year
    if multi and len(pairs) >= 2 and all(fold(a.text) == fold(b.text) for a, b in pairs):
        yield Hit(
            ("indicators",),
            f"all {len(pairs)} annual targets equal the 实施期 (multi-year) targets; a year of a "
            f"{project.start_date.year}–{project.end_date.year} project should deliver a part (e.g. 实施期 ≥3000人次, 年度 ≥1000人次)",  # type: ignore[union-attr]
        )
