"""``bench``: build synthetic sites of N projects and print one table of times and sizes."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import click

from generator.bench import run
from generator.problems import UserError


def _sizes(text: str, option: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise UserError(f"{option} takes numbers separated by commas, not {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise UserError(f"{option} needs at least one positive number")
    return sizes


@click.command("bench")
@click.option("--sizes", default="1000,10000", show_default=True, help="Corpus sizes, comma-separated.")
@click.option("--smoke", is_flag=True, help="Tiny run (N=30, baseline included) to check the benchmark itself works.")
@click.option("--seed", type=int, default=1, show_default=True, help="Seed of the synthetic corpora.")
@click.option("--baseline-max", type=int, default=1000, show_default=True,
              help="Largest N that also builds the naive baseline (it grows as O(n²)).")
@click.option("--jobs", "jobs_text", default=",".join(dict.fromkeys(["1", str(os.cpu_count() or 1)])),
              show_default=True, help="`build --jobs` values to run, comma-separated (the first is also rebuilt incrementally).")
@click.option("--work", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Keep corpora and sites here (default: a temporary directory, deleted afterwards).")
def command(sizes: str, smoke: bool, seed: int, baseline_max: int, jobs_text: str, work: Path | None) -> None:
    """Time synthetic builds at each size against a naive Material baseline and print one table.

    Not a test: run it on a quiet machine. The 10,000 run takes a few minutes.
    """
    numbers = [30] if smoke else _sizes(sizes, "--sizes")
    jobs = _sizes(jobs_text, "--jobs")
    if smoke:
        baseline_max = 30
    tmp = None if work else Path(tempfile.mkdtemp(prefix="jx-bench-"))
    try:
        click.echo(run(numbers, seed, work or tmp, baseline_max, jobs))  # type: ignore[arg-type]
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
