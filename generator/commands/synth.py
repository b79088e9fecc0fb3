"""``synth``: write a synthetic corpus of N projects as YAML into a directory (never content/)."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import time
from pathlib import Path

import click

from generator.importers.ids import content_path
from generator.problems import UserError
from generator.synth import Plan, load_vocab, make_project, plan_corpus
from generator.yamlio import dump_project

REPO_CONTENT = Path(__file__).resolve().parents[2] / "content"
MARKER = ".synth"  # marks a directory synth made, so a later run may replace it


def _content_roots() -> list[Path]:
    return sorted({REPO_CONTENT.resolve(), Path("content").resolve()})


def check_out(out: Path) -> Path:
    """The resolved output directory, or UserError when writing there could touch real content."""
    target = out.resolve()
    for root in _content_roots():
        if target == root or root in target.parents:
            raise UserError(f"refusing to write synthetic data into {root} (choose a directory outside content/)")
        if target in root.parents:
            raise UserError(f"refusing to write into {target}: it contains {root}")
    if target.exists():
        if not target.is_dir():
            raise UserError(f"{target} exists and is not a directory")
        if any(target.iterdir()) and not (target / MARKER).exists():
            raise UserError(f"{target} is not empty and was not made by synth; choose a new or empty directory")
    return target


def _write_chunk(args: tuple[Path, list[Plan], int, Path | None]) -> int:
    out, plans, seed, content = args
    vocab = load_vocab(content)
    for plan in plans:
        project = make_project(plan, seed, vocab)
        path = out / content_path(project.year, project.department, project.name, project.id)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_project(project), "utf-8")
    return len(plans)


def write_corpus(out: Path, n: int, years: int, seed: int, content: Path | None = REPO_CONTENT,
                 last_year: int = 2023, jobs: int | None = None) -> Path:
    """Replace ``out`` with a fresh corpus; project bodies are made in ``jobs`` processes."""
    target = check_out(out)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    content = content.resolve() if content is not None and content.is_dir() else None
    vocab = load_vocab(content)
    plans = plan_corpus(n, years, seed, vocab, last_year)
    jobs = max(1, min(jobs or os.cpu_count() or 1, 8, len(plans) // 500 or 1))
    size = -(-len(plans) // jobs)
    chunks = [(target, plans[i:i + size], seed, content) for i in range(0, len(plans), size)]
    if jobs == 1:
        for chunk in chunks:
            _write_chunk(chunk)
    else:
        methods = multiprocessing.get_all_start_methods()
        with multiprocessing.get_context("fork" if "fork" in methods else "spawn").Pool(jobs) as pool:
            pool.map(_write_chunk, chunks)
    (target / MARKER).write_text(f"synth --projects {n} --years {years} --seed {seed} --last-year {last_year}\n", "utf-8")
    return target


@click.command("synth")
@click.option("--projects", "n", type=click.IntRange(1), default=1000, show_default=True, help="Number of projects.")
@click.option("--years", type=click.IntRange(1, 50), default=3, show_default=True, help="Table years to spread them over.")
@click.option("--last-year", type=click.IntRange(1990, 2100), default=2023, show_default=True, help="The latest table year.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed: the same seed gives the same files.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Directory to write (outside content/).")
@click.option("--jobs", type=click.IntRange(1), default=None, help="Worker processes (default: CPU count).")
def command(n: int, years: int, last_year: int, seed: int, out: Path, jobs: int | None) -> None:
    """Write N realistic synthetic projects as YAML into OUT, for scale tests and benchmarks.

    The vocabulary comes from the real content/ and generator/data/synth.yaml.
    OUT is replaced when synth made it before; content/ is never written.
    """
    if years > 1 and last_year - years + 1 < 1990:
        raise UserError("--years reaches before 1990")
    start = time.perf_counter()
    target = write_corpus(out, n, years, seed, REPO_CONTENT, last_year, jobs)
    click.echo(f"{n} synthetic project(s) written to {target} in {time.perf_counter() - start:.2f} s")
