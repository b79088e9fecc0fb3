"""Fuzz the text importer with mutated seed tables in every encoding, damaged bytes and garbage."""

from __future__ import annotations

import pytest
from fuzz_run import run_property
from fuzz_checks import check_import_bytes
from fuzz_strategies import import_inputs


def test_import_quick() -> None:
    run_property(check_import_bytes, import_inputs, 80)


@pytest.mark.fuzz
def test_import_fuzz(fuzz_examples: int) -> None:
    run_property(check_import_bytes, import_inputs, fuzz_examples)
