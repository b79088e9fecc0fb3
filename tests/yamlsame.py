"""Strict equality of loaded YAML data, shared by the fast-YAML tests and their fuzz test.

A helper module, not conftest.py: tests/ is on sys.path (its conftest puts it there), and
``from conftest import …`` would pick whichever conftest was imported first.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any


def same(a: Any, b: Any) -> bool:
    """Equal values of the same types, dict keys in the same order, Decimals with the same digits."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return [(type(k), k) for k in a] == [(type(k), k) for k in b] and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, Decimal):
        return a.as_tuple() == b.as_tuple()
    return bool(a == b)
