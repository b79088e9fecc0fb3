"""Fuzz-test plumbing: one property runs twice, briefly in the normal suite and long when opted in.

``quick`` tests (not marked) run a fixed small number of examples so the default suite
stays fast; ``@pytest.mark.fuzz`` tests take ``--fuzz-examples`` (``python3 tasks.py fuzz``
passes 10,000). Hypothesis' example database is off: a crash is saved as a file under
tests/cases/fuzz-regressions/ instead, where every run replays it.
"""

from __future__ import annotations

from typing import Any, Callable

import pytest
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


@pytest.fixture
def fuzz_examples(request: pytest.FixtureRequest) -> int:
    """Examples per property in the long run (``--fuzz-examples``)."""
    return int(request.config.getoption("--fuzz-examples"))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if CASES:
        detail = ", ".join(f"{name} {count:,}" for name, count in sorted(CASES.items()))
        terminalreporter.write_line(f"fuzz cases run: {sum(CASES.values()):,} ({detail})")
