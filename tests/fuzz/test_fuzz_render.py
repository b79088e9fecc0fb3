"""Fuzz transform, render and every build producer (pages, quality, open data, DOCX/XLSX) with mutated projects."""

from __future__ import annotations

import pytest
from fuzz_checks import check_render_data
from fuzz_run import run_property
from fuzz_strategies import mutated_project_data


def test_render_quick() -> None:
    run_property(check_render_data, mutated_project_data(), 20)


@pytest.mark.fuzz
def test_render_fuzz(fuzz_examples: int) -> None:
    run_property(check_render_data, mutated_project_data(), max(20, fuzz_examples // 10))
