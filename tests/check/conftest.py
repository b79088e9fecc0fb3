"""Fixtures of the check tests: rule cases are overlays on one clean project (tests/cases/check/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from generator.load import Loaded, load_text

CASES = Path(__file__).resolve().parent.parent / "cases" / "check"
CLEAN = CASES / "clean.yaml"


def overlay(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """Merge ``patch`` into ``base``: mappings merge, ``indicators-`` removes by name, ``indicators+`` appends."""
    out = dict(base)
    for key, value in patch.items():
        if key == "indicators-":
            out["indicators"] = [i for i in out["indicators"] if i["name"] not in value]
        elif key == "indicators+":
            out["indicators"] = list(out["indicators"]) + list(value)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


def case_text(path: Path | None) -> str:
    """YAML text of the clean project with the case at ``path`` applied (None: the clean project)."""
    base = yaml.safe_load(CLEAN.read_text("utf-8"))
    data = overlay(base, yaml.safe_load(path.read_text("utf-8"))) if path else base
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096)


def loaded(text: str, name: str) -> Loaded:
    """A ``Loaded`` item for YAML text (the case must load without problems)."""
    project, problems = load_text(text, name)
    assert problems == [], [p.format_text() for p in problems]
    assert project is not None
    return Loaded(project, Path(name), text)


@pytest.fixture
def case_item() -> Callable[[Path | None], Loaded]:
    def make(path: Path | None) -> Loaded:
        name = f"{path.parent.name}/{path.stem}.yaml" if path else "clean.yaml"
        return loaded(case_text(path), name)

    return make
