"""Fuzz the value parser: any text gives a Target that keeps the published text; width never matters."""

from __future__ import annotations

import pytest
from fuzz_run import run_property
from fuzz_checks import check_value, check_value_yaml
from fuzz_strategies import to_fullwidth, value_texts
from hypothesis import strategies as st

from generator.values import parse_value


def check_width(text: str) -> None:
    """A value typed with full-width digits, operators and spaces parses like its ASCII form."""
    ascii_form, wide = parse_value(text), parse_value(to_fullwidth(text))
    assert (wide.operator, wide.number, wide.unit) == (ascii_form.operator, ascii_form.number, ascii_form.unit)
    assert wide.text == to_fullwidth(text)


ascii_values = st.text(alphabet="0123456789.,%()=<>+-/ 人次名万元月", max_size=20)
TARGETS = [(check_value, value_texts), (check_width, ascii_values), (check_value_yaml, value_texts)]
IDS = ["parse", "width", "yaml"]


@pytest.mark.parametrize(("check", "strategy"), TARGETS, ids=IDS)
def test_values_quick(check, strategy) -> None:  # type: ignore[no-untyped-def]
    run_property(check, strategy, 60)


@pytest.mark.fuzz
@pytest.mark.parametrize(("check", "strategy"), TARGETS, ids=IDS)
def test_values_fuzz(check, strategy, fuzz_examples: int) -> None:  # type: ignore[no-untyped-def]
    run_property(check, strategy, fuzz_examples)
