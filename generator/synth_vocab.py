"""The vocabulary of synthetic corpora: ``data/synth.yaml`` plus the real content's words.

Project names, numeric indicator rows and goal texts come from the content
directory (the seed); rows that ``check`` flags there are left out, so the
synthetic corpus stays clean. Everything is sorted so no set order leaks out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from generator.load import load_projects

_ROW = re.compile(r"^indicators\[(\d+)\]")


@dataclass(frozen=True)
class Bureau:
    """One kind of department with the words its projects use."""

    name: str
    units: tuple[str, ...]
    subjects: tuple[str, ...]
    activities: tuple[str, ...]
    topics: tuple[str, ...]
    aims: tuple[str, ...]


@dataclass(frozen=True, eq=False)  # hashed by identity: one per content directory
class Vocab:
    """Everything the generator draws from, in a fixed order."""

    raw: dict[str, Any]
    bureaus: tuple[Bureau, ...]
    seed_indicators: dict[str, tuple[tuple[str, str], ...]]  # 二级 → (name, value text) from content/
    seed_goals: tuple[tuple[str, str], ...]  # (total, annual) pairs from content/
    seed_names: frozenset[str]  # project names in content/


def _seed_vocab(content: Path | None) -> tuple[list[str], dict[str, list[tuple[str, str]]], list[tuple[str, str]]]:
    """Project names, indicator rows and goal texts of the real content (sorted, deduplicated)."""
    names: list[str] = []
    rows: dict[str, list[tuple[str, str]]] = {}
    goals: list[tuple[str, str]] = []
    if content is None or not content.is_dir():
        return names, rows, goals
    from generator.check import check_projects

    for item in load_projects(content).items:
        project = item.project
        names.append(project.name)
        if project.goals.total and project.goals.annual and project.goals.total != project.goals.annual:
            goals.append((project.goals.total, project.goals.annual))
        flagged = {int(m.group(1)) for p in check_projects([item]) if (m := _ROW.match(p.field))}
        for n, ind in enumerate(project.indicators):
            if n in flagged:  # the seed's own defects stay out of a corpus meant to be clean
                continue
            if ind.target is not None and ind.target.number is not None:  # numeric rows only: re-drawn safely
                rows.setdefault(ind.level2, []).append((ind.name, ind.target.text))
    return sorted(set(names)), {k: sorted(set(v)) for k, v in sorted(rows.items())}, sorted(set(goals))


@lru_cache(maxsize=4)
def load_vocab(content: Path | None) -> Vocab:
    """``data/synth.yaml`` merged with the vocabulary of the real content under ``content``."""
    raw = yaml.safe_load(resources.files("generator.data").joinpath("synth.yaml").read_text("utf-8"))
    names, rows, goals = _seed_vocab(content)
    bureaus = []
    for name, spec in raw["bureaus"].items():
        topics = list(spec["topics"])
        if content is not None and name == raw["seed_bureau"]:
            topics += [n for n in names if n not in topics]
        bureaus.append(Bureau(name, *(tuple(spec[k]) for k in ("units", "subjects", "activities")), tuple(topics), tuple(spec["aims"])))
    return Vocab(raw, tuple(bureaus), {k: tuple(v) for k, v in rows.items()}, tuple(goals), frozenset(names))
