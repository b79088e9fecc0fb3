"""Labels: 一级/二级 are canonical, truncated labels are noted, 二级 names are not used as 三级."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from generator.check.registry import Hit, indicator_rule
from generator.labels import LabelMatch, match_label, vocabulary
from generator.schema import Indicator

_TIER = {"level1": "一级", "level2": "二级"}


@indicator_rule("labels.normalised", "info", "A truncated, wrapped or aliased 一级/二级 label was normalised to its canonical name.")
def normalised(ind: Indicator) -> Iterator[Hit]:
    for key, printed in sorted((ind.published or {}).items()):
        canonical = getattr(ind, key)
        if printed != canonical:
            yield Hit(("published", key), f"{_TIER[key]} label printed as {printed!r} was read as {canonical}")


@indicator_rule("labels.unknown", "error", "一级 and 二级 labels are canonical names of data/vocabulary.yaml, and each 二级 sits under its own 一级.")
def unknown(ind: Indicator) -> Iterator[Hit]:
    v = vocabulary()
    if ind.level1 not in v.level1:
        guess = match_label(ind.level1, 1)
        hint = f"did you mean {guess.name}?" if guess else f"use one of {', '.join(v.level1)}"
        yield Hit(("level1",), f"unknown 一级 {ind.level1!r}; {hint}")
    if ind.level2 not in v.level2:
        guess = match_label(ind.level2, 2)
        hint = f"did you mean {guess.name}?" if guess else "use a 二级 name of data/vocabulary.yaml such as 数量指标 or 社会效益指标"
        yield Hit(("level2",), f"unknown 二级 {ind.level2!r}; {hint}")
    elif ind.level1 in v.level1:
        parent = v.level2[ind.level2][0]
        if parent != ind.level1:
            yield Hit(("level2",), f"二级 {ind.level2} belongs under {parent}, not {ind.level1}")


@lru_cache(maxsize=65536)
def _tier_label(name: str) -> LabelMatch | None:
    """The 二级 (or 一级) label ``name`` is, exactly or as an alias; None for ordinary names and mere prefixes."""
    match = match_label(name, 2) or match_label(name, 1)
    return match if match is not None and match.how != "prefix" else None


@indicator_rule("labels.level2-as-name", "warning", "A 三级 is not itself a 一级/二级 label (e.g. 三级 = 社会成本指标).")
def level2_as_name(ind: Indicator) -> Iterator[Hit]:
    match = _tier_label(ind.name)
    if match is not None:
        yield Hit(("name",), f"三级 {ind.name!r} is a tier label ({match.name}), not an indicator; name what is measured, e.g. 服务对象满意率 or 人均成本")
