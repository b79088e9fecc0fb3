"""Recognise what kind of table a grid is before reading it as a project.

Only project target tables (申报表 / 批复表 / 审批表) are imported. A 自评表
(实际完成值 / 得分 columns), a department-wide 整体支出 table (部门职责) and a grid
with no form labels at all are refused with a reason, so they never reach the
site as if they were targets. The words live in ``data/vocabulary.yaml``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any


from generator.labels import LabelMatch, match_label, raw_vocabulary, squeeze, vocabulary

_BRACKET = re.compile(r"[（(][^）)]*[）)]")

# Cell texts repeat endlessly in a large export (the same labels on every row): cache the folding.
sq = lru_cache(maxsize=1 << 16)(squeeze)


@lru_cache(maxsize=1 << 14)
def cached_label(text: str, tier: int) -> LabelMatch | None:
    """``labels.match_label`` memoised (its results are immutable)."""
    return match_label(text, tier)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def layout_vocab() -> dict[str, Any]:
    """The importer sections of the vocabulary, with keys squeezed for matching."""
    raw = raw_vocabulary()
    sq = lambda d: {squeeze(str(k)): v for k, v in d.items()}  # noqa: E731
    return {
        "table_types": raw["table_types"],
        "refuse": sq(raw["refuse_markers"]),
        "columns": sq(raw["indicator_columns"]),
        "panels": sq(raw["panel_labels"]),
        "operators": sq(raw["operator_words"]),
        "qualitative": frozenset(squeeze(w) for w in raw["qualitative_words"]),
        "directions": tuple(raw["directions"]),
        "flat": sq(raw["flat_columns"]),
        "money_units": raw["money_units"],
        "titles": frozenset(squeeze(t) for t in raw["table_titles"]),
        "header_fields": sq(raw["header_fields"]),
    }


def lookup(table: dict[str, Any], cell: str) -> Any:
    """``table[cell]`` matched squeezed, then with bracketed parts dropped (``分值(分)``)."""
    key = sq(cell)
    if key in table:
        return table[key]
    bare = _BRACKET.sub("", key)
    return table.get(bare) if bare else None


def table_type(title: str) -> str:
    """申报表 / 批复表 / 审批表 from a title; 申报表 when the title does not say."""
    for word, kind in layout_vocab()["table_types"].items():
        if word in title:
            return kind
    return "申报表"


# A title may follow a region and/or a year: 上海市闵行区2023年 / 佳县2022年度 / 2023年度.
_PREFIX = re.compile(r"(.{0,30}[省市区县州旗])?(?:本级|级)?(?:\d{4}年度?)?")


def _title_prefix(text: str) -> str | None:
    """What precedes a known title in ``text`` ("" for the bare title), or None when it is no title."""
    key = squeeze(text)
    for known in sorted(layout_vocab()["titles"], key=len, reverse=True):
        if key.endswith(known):
            return key[: -len(known)]
    return None


def is_title(text: str) -> bool:
    """True for a known title, bare or after a region and/or year (``上海市闵行区2023年…``)."""
    prefix = _title_prefix(text)
    return prefix is not None and (not prefix or _PREFIX.fullmatch(prefix) is not None)


def title_region(title: str) -> str | None:
    """The issuing region printed before a known title (``上海市闵行区2023年…目标表`` → 上海市闵行区)."""
    prefix = _title_prefix(title)
    m = _PREFIX.fullmatch(prefix) if prefix else None
    return m.group(1) if m and m.group(1) else None


def refusal(rows: list[list[str]], title: str = "") -> str | None:
    """Why this grid is not a project target table, or None when it is one."""
    vocab = layout_vocab()
    for word, reason in vocab["refuse"].items():
        if word in squeeze(title):
            return reason
    for row in rows:
        for cell in row:
            if cell.strip():
                reason = lookup(vocab["refuse"], cell)
                if reason:
                    return reason
    if not looks_like_form(rows):
        return "unrecognised layout: no 项目名称 / 三级指标 labels found"
    return None


def looks_like_form(rows: list[list[str]]) -> bool:
    """True when the grid carries target-table labels (project fields or an indicator header)."""
    return any(form_parts(rows))


def form_parts(rows: list[list[str]]) -> tuple[bool, bool]:
    """(has a 项目名称 label, has an indicator header): which halves of a form the grid holds."""
    vocab = layout_vocab()
    heads = vocabulary().indicator_headers
    has_field = has_tier3 = False
    for row in rows:
        for cell in row:
            key = sq(cell)
            if not key:
                continue
            if vocab["header_fields"].get(key) == "name" or vocab["flat"].get(key) == "name":
                has_field = True
            if key.startswith("三级指标") or (key in heads and key != "指标值"):
                has_tier3 = True
    return has_field, has_tier3


def is_refusal_marker(cell: str) -> bool:
    """True when one cell alone marks a non-target table (e.g. 得分)."""
    return bool(cell.strip()) and lookup(layout_vocab()["refuse"], cell) is not None
