"""``python -m generator`` (generator/__main__.py): the process ends with the command's exit status
and everything it printed, although it skips Python's shutdown."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "cases" / "load" / "syntax-error" / "content"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_exit_status_and_output_are_the_commands() -> None:
    done = run("check", str(BAD.relative_to(ROOT)))
    inside = CliRunner().invoke(main, ["check", str(BAD.relative_to(ROOT))])
    assert done.returncode == inside.exit_code == 1
    assert (done.stdout, done.stderr) == (inside.stdout, inside.stderr)
    assert "YAML syntax error" in done.stdout + done.stderr


def test_success_and_usage_errors_keep_their_status() -> None:
    helped = run("--help")
    assert helped.returncode == 0 and helped.stdout.endswith("\n") and "build" in helped.stdout
    wrong = run("build", "--no-such-option")
    assert wrong.returncode == 2 and "No such option" in wrong.stderr
