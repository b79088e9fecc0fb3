"""``import``: published tables → one YAML file per project under content/."""

from __future__ import annotations

import difflib
from pathlib import Path

import click

from generator.importers import REFUSED, import_file
from generator.importers.ids import content_path
from generator.load import project_files
from generator.problems import UserError
from generator.yamlio import dump_project, load_data

SCHEMA_REF = "schema/project.schema.json"


def _existing_ids(out: Path) -> dict[str, Path]:
    """Ids already used under ``out`` (so a new project never takes one)."""
    ids: dict[str, Path] = {}
    if not out.exists():
        return ids
    for path in project_files(out):
        try:
            data = load_data(path.read_text("utf-8-sig"))
        except Exception:  # noqa: BLE001 - a broken file is the loader's business, not import's
            continue
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            ids[data["id"]] = path
    return ids


def _schema_ref(target: Path, out: Path) -> str:
    """Relative path from a content file to the repository's JSON Schema."""
    depth = len(target.relative_to(out).parts) - 1
    return "../" * (depth + 1) + SCHEMA_REF


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", default=Path("content"), type=click.Path(file_okay=False, path_type=Path), show_default=True, help="Content directory to write into.")
@click.option("--force", is_flag=True, help="Overwrite files whose content differs.")
@click.option("--dry-run", is_flag=True, help="Show what would be written as a diff; write nothing.")
@click.option("--allow-unmapped", is_flag=True, help="Write even when some cells could not be mapped (they are still listed); refused tables still stop the import.")
def command(files: tuple[Path, ...], out: Path, force: bool, dry_run: bool, allow_unmapped: bool) -> None:
    """Import published 绩效目标表 (.txt/.tsv, .docx, .xlsx, .csv; .pdf where installed) into OUT.

    Re-importing the same file writes byte-identical YAML. A file that would
    change is not overwritten without --force. Nothing is written when any
    table has an error.
    """
    existing = _existing_ids(out)
    by_path = {path.resolve(): pid for pid, path in existing.items()}
    planned: dict[Path, str] = {}
    problems = []
    taken = set(existing)
    for file in files:
        result = import_file(file, taken_ids=set())
        problems.extend(result.problems)
        for project in result.projects:
            target = out / content_path(project.year, project.department, project.name, project.id)
            # keep the id of the file already at this path (re-import), else avoid taken ids
            old_id = by_path.get(target.resolve())
            if old_id is not None:
                project.id = old_id
            elif project.id in taken:
                from generator.importers.ids import project_id

                project.id = project_id(project.year, project.name, taken)
            if target in planned:
                problems.append(
                    _dup_problem(file, project.name, target)
                )
                continue
            taken.add(project.id)
            planned[target] = dump_project(project, _schema_ref(target, out))
    errors = [p for p in problems if p.level == "error" and (p.rule == REFUSED or not allow_unmapped)]
    for p in problems:
        click.echo(p.format_text(), err=True)
    if errors:
        raise UserError(f"{len(errors)} problem(s) found; nothing was written")
    if not planned:
        raise UserError("no 绩效目标表 found; nothing was written")
    changed = {t: text for t, text in planned.items() if not t.exists() or t.read_text("utf-8") != text}
    differing = [t for t in changed if t.exists()]
    if dry_run:
        for target, text in sorted(changed.items()):
            old = target.read_text("utf-8").splitlines(keepends=True) if target.exists() else []
            click.echo("".join(difflib.unified_diff(old, text.splitlines(keepends=True), str(target), str(target))), nl=False)
        click.echo(f"{len(planned)} project(s): {len(changed)} would change, {len(planned) - len(changed)} unchanged (dry run)")
        return
    if differing and not force:
        for target in sorted(differing):
            click.echo(f"{target}: differs from the import (use --force to overwrite, --dry-run to see the diff)", err=True)
        raise UserError(f"{len(differing)} file(s) differ; nothing was written")
    for target, text in sorted(changed.items()):
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".yaml.tmp")
        tmp.write_text(text, "utf-8")
        tmp.replace(target)
    click.echo(f"{len(planned)} project(s): {len(changed)} written, {len(planned) - len(changed)} unchanged")


def _dup_problem(file: Path, name: str, target: Path):  # type: ignore[no-untyped-def]
    from generator.problems import Problem

    return Problem(file.name, 0, 0, "", f"two tables map to the same file {target} (project {name!r})")
