"""Replay every input that once crashed or corrupted data (tests/cases/fuzz-regressions/).

The suffix says which stage the case is for: ``.value`` → value parser (and its YAML
round trip), ``.yaml`` → project loader, ``.txt``/``.tsv``/``.csv``/``.docx``/``.xlsx``/``.pdf`` → importer,
``.check.yaml`` → validator, ``.render.yaml`` → pages and producers. Add a file here for every crash the fuzzer finds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fuzz_checks import check_import_bytes, check_load_bytes, check_value, check_value_yaml

CASES = Path(__file__).resolve().parents[1] / "cases" / "fuzz-regressions"
FILES = sorted(p for p in CASES.iterdir() if p.is_file() and p.name != "README.md")


def test_there_are_cases() -> None:
    assert FILES, f"no regression cases in {CASES}"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_regression(path: Path) -> None:
    data = path.read_bytes()
    if path.name.endswith(".render.yaml"):
        from fuzz_checks import check_render_bytes

        check_render_bytes(data)
    elif path.name.endswith(".check.yaml"):
        from fuzz_checks import check_validator_bytes

        check_validator_bytes(data)
    elif path.suffix == ".value":
        text = data.decode("utf-8")
        check_value(text)
        check_value_yaml(text)
    elif path.suffix in (".yaml", ".yml"):
        check_load_bytes(data, "case" + path.suffix)
    elif path.suffix in (".txt", ".tsv", ".text", ".csv", ".docx", ".xlsx", ".pdf"):
        check_import_bytes(data, "case" + path.suffix)
    else:
        pytest.fail(f"unknown regression case type: {path.name}")
