"""Fuzz the validator (``generator.check``) with real projects mutated at the model level."""

from __future__ import annotations

import pytest
from fuzz_run import run_property
from fuzz_checks import check_validator_data
from fuzz_strategies import mutated_project_data

pytest.importorskip("generator.check")


def test_check_quick() -> None:
    run_property(check_validator_data, mutated_project_data(), 60)


@pytest.mark.fuzz
def test_check_fuzz(fuzz_examples: int) -> None:
    run_property(check_validator_data, mutated_project_data(), fuzz_examples)
