"""Fuzz generator.rawblocks: random mixes of raw HTML and Markdown convert exactly as without it."""

from __future__ import annotations

import pytest
from fuzz_checks import check_rawblocks
from fuzz_run import run_property
from fuzz_strategies import markup_page


def test_rawblocks_quick() -> None:
    run_property(check_rawblocks, markup_page(), 150)


@pytest.mark.fuzz
def test_rawblocks_fuzz(fuzz_examples: int) -> None:
    run_property(check_rawblocks, markup_page(), fuzz_examples)
