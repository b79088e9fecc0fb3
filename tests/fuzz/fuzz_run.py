"""Run one property briefly (normal suite) or long (``-m fuzz``); counts the cases actually run.

Lives in its own module, not conftest.py: several test folders have a conftest, and
``from conftest import …`` would pick whichever was imported first.
"""

from __future__ import annotations

from typing import Any, Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

CASES: dict[str, int] = {}
"""Examples actually run per check function (reported at the end of the session)."""
SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much, HealthCheck.large_base_example]


def run_property(check: Callable[[Any], None], strategy: st.SearchStrategy[Any], examples: int) -> None:
    """Run ``check`` on ``examples`` values drawn from ``strategy``; hypothesis shrinks a failure."""

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=SLOW_OK, print_blob=True)
    @given(strategy)
    def prop(value: Any) -> None:
        CASES[check.__name__] = CASES.get(check.__name__, 0) + 1
        check(value)

    prop()
