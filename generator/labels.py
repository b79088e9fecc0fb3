"""Map published 一级/二级 labels (wrapped, truncated, aliased) to canonical names.

Why: extracted tables cut labels (``服务对象满意度指``, ``服务对象满``, ``可持续影响``)
and insert spaces (``满意度 指标``); the site and validator need one name per tier.
The vocabulary lives in ``data/vocabulary.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml

_SPACE = re.compile(r"\s+")
_BRACKET = re.compile(r"[（(][^）)]*[）)]")
MIN_PREFIX = 4


@dataclass(frozen=True)
class Vocabulary:
    """Canonical labels and their variants."""

    level1: dict[str, tuple[str, ...]]
    level2: dict[str, tuple[str, tuple[str, ...]]]  # name -> (parent, aliases)
    section_markers: frozenset[str]
    indicator_headers: frozenset[str]
    count_units: frozenset[str]
    categories: tuple[str, ...]


@lru_cache(maxsize=1)
def raw_vocabulary() -> dict[str, Any]:
    """``data/vocabulary.yaml`` as parsed YAML, read once per process for every module that needs a part."""
    text = resources.files("generator.data").joinpath("vocabulary.yaml").read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # the C reader: ~10x faster, same data


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The label vocabulary shipped with the package."""
    raw = raw_vocabulary()
    return Vocabulary(
        level1={k: tuple(v) for k, v in raw["level1"].items()},
        level2={k: (v["parent"], tuple(v["aliases"])) for k, v in raw["level2"].items()},
        section_markers=frozenset(raw["section_markers"]),
        indicator_headers=frozenset(squeeze(h) for h in raw["indicator_headers"]),
        count_units=frozenset(raw["count_units"]),
        categories=tuple(raw["categories"]),
    )


def squeeze(text: str) -> str:
    """Fold width (NFKC) and drop all whitespace: the form used for label matching."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class LabelMatch:
    """A published label resolved to its canonical name."""

    tier: Literal[1, 2]
    name: str
    how: Literal["exact", "alias", "prefix"]
    parent: str = ""


@lru_cache(maxsize=2)
def _candidates(tier: int) -> tuple[tuple[str, str, str], ...]:
    """(variant, canonical, kind) triples for one tier (computed once: checks call this per indicator)."""
    v = vocabulary()
    out: list[tuple[str, str, str]] = []
    if tier == 1:
        for name, aliases in v.level1.items():
            out.append((name, name, "exact"))
            out.extend((squeeze(a), name, "alias") for a in aliases)
    else:
        for name, (_parent, aliases) in v.level2.items():
            out.append((name, name, "exact"))
            out.extend((squeeze(a), name, "alias") for a in aliases)
    return tuple(out)


def match_label(text: str, tier: Literal[1, 2]) -> LabelMatch | None:
    """Resolve ``text`` as a label of ``tier``, or None when it is not one.

    Exact names and listed aliases match first (brackets such as
    ``数量指标(或建筑规模指标)`` are dropped); a truncated label matches when it is
    a prefix of exactly one canonical name and at least four characters long.
    """
    key = squeeze(text)
    if not key:
        return None
    debracketed = _BRACKET.sub("", key)
    v = vocabulary()
    for variant, name, kind in _candidates(tier):
        if key == variant or debracketed == variant:
            how: Literal["exact", "alias", "prefix"] = "exact" if kind == "exact" and key == name else "alias"
            return LabelMatch(tier, name, how, v.level2[name][0] if tier == 2 else "")
    if len(key) >= MIN_PREFIX:
        hits = {name for variant, name, _k in _candidates(tier) if variant.startswith(key) and len(variant) > len(key)}
        if len(hits) == 1:
            name = hits.pop()
            return LabelMatch(tier, name, "prefix", v.level2[name][0] if tier == 2 else "")
    return None


def parent_of(level2: str) -> str:
    """The canonical 一级 of a canonical 二级 name."""
    return vocabulary().level2[level2][0]


def is_level2_name(text: str) -> bool:
    """True when ``text`` is (a variant of) a 二级 label: used to flag misuse as a 三级."""
    return match_label(text, 2) is not None
