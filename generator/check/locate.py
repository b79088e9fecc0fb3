"""Line and column of a field path in one YAML file, composing the node tree once per file."""

from __future__ import annotations

from typing import Any

from generator.yamlio import Locator

__all__ = ["Locator", "field_path"]


def field_path(loc: tuple[Any, ...]) -> str:
    """``("indicators", 3, "target")`` → ``indicators[3].target``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out
