"""Fuzz-test plumbing: one property runs twice, briefly in the normal suite and long when opted in.

``quick`` tests (not marked) run a fixed small number of examples so the default suite
stays fast; ``@pytest.mark.fuzz`` tests take ``--fuzz-examples`` (``python3 tasks.py fuzz``
passes 10,000). Hypothesis' example database is off: a crash is saved as a file under
tests/cases/fuzz-regressions/ instead, where every run replays it. The runner is in
fuzz_run.py, oracles in fuzz_checks.py, inputs in fuzz_strategies.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from fuzz_run import CASES


@pytest.fixture
def fuzz_examples(request: pytest.FixtureRequest) -> int:
    """Examples per property in the long run (``--fuzz-examples``)."""
    return int(request.config.getoption("--fuzz-examples"))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if CASES:
        detail = ", ".join(f"{name} {count:,}" for name, count in sorted(CASES.items()))
        terminalreporter.write_line(f"fuzz cases run: {sum(CASES.values()):,} ({detail})")
