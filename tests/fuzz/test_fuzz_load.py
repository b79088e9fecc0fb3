"""Fuzz the YAML loader with mutated project files, YAML-ish noise, wrong encodings and garbage."""

from __future__ import annotations

import pytest
from fuzz_run import run_property
from fuzz_checks import check_load_bytes, check_load_text
from fuzz_strategies import damaged_bytes, encoded_file, yaml_texts
from hypothesis import strategies as st

yaml_files = st.one_of(encoded_file(yaml_texts), damaged_bytes(encoded_file(yaml_texts)), st.binary(max_size=500))
TARGETS = [(check_load_text, yaml_texts), (check_load_bytes, yaml_files)]
IDS = ["text", "file"]


@pytest.mark.parametrize(("check", "strategy"), TARGETS, ids=IDS)
def test_load_quick(check, strategy) -> None:  # type: ignore[no-untyped-def]
    run_property(check, strategy, 80)


@pytest.mark.fuzz
@pytest.mark.parametrize(("check", "strategy"), TARGETS, ids=IDS)
def test_load_fuzz(check, strategy, fuzz_examples: int) -> None:  # type: ignore[no-untyped-def]
    run_property(check, strategy, fuzz_examples)
