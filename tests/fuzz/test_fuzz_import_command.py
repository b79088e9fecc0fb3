"""Fuzz ``python -m generator import`` end to end: it writes loadable YAML or refuses cleanly."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from fuzz_run import run_property
from fuzz_strategies import import_inputs

from generator.cli import main
from generator.load import load_projects


def check_import_command(data: bytes) -> None:
    work = Path(tempfile.mkdtemp(prefix="fuzz-import-"))
    try:
        src, out = work / "table.txt", work / "content"
        src.write_bytes(data)
        result = CliRunner().invoke(main, ["import", str(src), "--out", str(out)], catch_exceptions=False)
        assert "Traceback" not in result.output
        if result.exit_code == 1:
            assert result.output.strip().splitlines()[-1].startswith("Error: ")
            assert not out.exists()
            return
        assert result.exit_code == 0, result.output
        loaded = load_projects(out, out)
        assert loaded.problems == []
        assert loaded.items and all(out in item.path.parents for item in loaded.items)
    finally:
        shutil.rmtree(work)


def test_import_command_quick() -> None:
    run_property(check_import_command, import_inputs, 25)


@pytest.mark.fuzz
def test_import_command_fuzz(fuzz_examples: int) -> None:
    run_property(check_import_command, import_inputs, max(25, fuzz_examples // 5))
