"""``check``: validate content/ YAML and report target-quality findings (issue 4)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from generator.check import all_rules, check_projects, load_config
from generator.load import load_files, project_files
from generator.problems import Problem, format_problems


def run_check(paths: tuple[Path, ...], config_path: Path | None, base: Path) -> tuple[list[Problem], int]:
    """Load problems (rule ``load``) and check findings, in path order; and how many files were read."""
    config = load_config(config_path, base)
    items, problems, read = [], [], 0
    for root in paths or (Path("content"),):
        files = project_files(root)
        result = load_files(files, base)
        items.extend(result.items)
        read += len(files)
        problems.extend(dataclasses.replace(p, rule=p.rule or "load") for p in result.problems)
    findings = check_projects(items, config, base)
    return sorted(problems + findings, key=lambda p: (p.path, p.line, p.column, p.rule, p.message)), read


def _summary(problems: list[Problem], read: int) -> str:
    """The closing line: counts by level, the files they are in, and the files checked (a clean
    corpus must not read as if nothing had been checked)."""
    count = {level: sum(1 for p in problems if p.level == level) for level in ("error", "warning", "info")}
    files = len({p.path for p in problems})
    return f"{count['error']} error(s), {count['warning']} warning(s), {count['info']} note(s) in {files} of {read} file(s)"


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Rule settings (default: checks.yaml when present).")
@click.option("--list-rules", is_flag=True, help="List every rule with its default level and exit.")
@click.pass_context
def command(ctx: click.Context, paths: tuple[Path, ...], fmt: str, strict: bool, config_path: Path | None, list_rules: bool) -> None:
    """Check project YAML under PATHS (default: content/) for target-quality defects.

    Prints `path:line:col: level rule-id: message`; exit status 1 when there is an
    error (or, with --strict, a warning). Turn rules off or change their level in
    checks.yaml; silence one indicator with `ignore: {rule-id: reason}` in its YAML.
    """
    if list_rules:
        for rule in all_rules():
            click.echo(f"{rule.id:40} {rule.level:8} {rule.description}")
        return
    problems, read = run_check(paths, config_path, Path.cwd())
    out = format_problems(problems, fmt)
    if out:
        click.echo(out)
    click.echo(_summary(problems, read), err=True)
    failing = {"error", "warning"} if strict else {"error"}
    if any(p.level in failing for p in problems):
        ctx.exit(1)
