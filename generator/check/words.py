"""Word lists and thresholds from ``data/check_rules.yaml``, and the name/value tests built on them."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from generator.schema import Indicator, Target

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    """The parsed rules data file."""
    text = resources.files("generator.data").joinpath("check_rules.yaml").read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # the C reader: ~10x faster, same data


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """NFKC width folding without whitespace: the form names and values are matched in."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=None)
def words(section: str, key: str) -> tuple[str, ...]:
    """A word list from the data file, folded (cached: rules call this per indicator)."""
    return tuple(fold(str(w)) for w in data()[section][key])


@lru_cache(maxsize=None)
def word_set(section: str, key: str) -> frozenset[str]:
    """``words`` as a set, for exact-match tests (a unit, a grade, a placeholder)."""
    return frozenset(words(section, key))


@lru_cache(maxsize=1)
def _cost_labels() -> tuple[frozenset[str], frozenset[str]]:
    """The 一级 and 二级 labels that file an indicator under 成本."""
    rules = data()["completeness"]
    return frozenset(rules["cost_level1"]), frozenset(rules["cost_level2"])


@lru_cache(maxsize=None)
def _vague_words() -> tuple[str, ...]:
    return tuple(sorted(words("values", "vague") + words("values", "vague_fillers"), key=len, reverse=True))


@lru_cache(maxsize=65536)
def has_any(text: str, section: str, key: str) -> bool:
    """True when ``text`` contains one of the listed words."""
    folded = fold(text)
    return any(w in folded for w in words(section, key))


@lru_cache(maxsize=65536)
def is_rate_name(name: str) -> bool:
    """A name that asks for a share: 完成率, 覆盖率, 比例, 满意度 (not 效率)."""
    folded = fold(name)
    for word in words("names", "rate_exclude"):
        folded = folded.replace(word, "")
    return any(w in folded for w in words("names", "rate"))


@lru_cache(maxsize=65536)
def is_growth_name(name: str) -> bool:
    return has_any(name, "names", "growth")


@lru_cache(maxsize=65536)
def is_count_name(name: str) -> bool:
    """A name that asks for a count: 慰问企业数, 参与人数, 活动次数 (not 指数, 分数)."""
    folded = fold(name)
    if is_rate_name(name) or any(folded.endswith(w) for w in words("names", "count_not_endings")):
        return False
    for word in words("names", "count_exclude"):
        folded = folded.replace(word, "")
    if any(w in folded for w in words("names", "count_strong")):
        return True
    return any(folded.endswith(w) for w in words("names", "count_endings"))


def is_percent(target: Target) -> bool:
    return target.unit is not None and _is_percent_unit(target.unit)


@lru_cache(maxsize=65536)
def _is_percent_unit(unit: str) -> bool:
    return fold(unit) in word_set("units", "percent")


@lru_cache(maxsize=65536)
def is_count_unit(unit: str | None) -> bool:
    return unit is not None and fold(unit) in word_set("units", "count")


@lru_cache(maxsize=65536)
def is_money_unit(unit: str | None) -> bool:
    return unit is not None and fold(unit) in word_set("units", "money")


@lru_cache(maxsize=65536)
def is_grade(text: str) -> bool:
    """A qualitative grade such as 优 / 良好 / 达标 / 全覆盖."""
    return fold(text) in word_set("values", "grades")


@lru_cache(maxsize=65536)
def is_placeholder(text: str) -> bool:
    return fold(text) in word_set("completeness", "placeholders") or not fold(text)


def is_cost(ind: Indicator) -> bool:
    """An indicator filed under a 成本 一级 or 二级."""
    level1, level2 = _cost_labels()
    return ind.level1 in level1 or ind.level2 in level2


def is_negative(ind: Indicator) -> bool:
    """A 反向 indicator: marked so, or named after an adverse event (投诉, 事故)."""
    return ind.direction == "反向" or has_any(ind.name, "names", "negative")  # compound words, see the data file


@lru_cache(maxsize=65536)
def vague_only(text: str) -> bool:
    """True when ``text`` is nothing but vague verbs and fillers (提升, 健全且有效)."""
    rest = fold(text)
    if not rest:
        return False
    for word in _vague_words():
        rest = rest.replace(word, "")
    return rest == ""
