"""``schema``: write the JSON Schema of the project YAML (for editors)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from generator.schema import Project

DEFAULT = Path("schema/project.schema.json")


def schema_text() -> str:
    """The JSON Schema of ``Project`` as stable, pretty JSON text."""
    schema = Project.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "财政项目支出绩效目标表"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@click.command("schema")
@click.option("--out", default=DEFAULT, type=click.Path(dir_okay=False, path_type=Path), show_default=True)
@click.option("--check", is_flag=True, help="Exit 1 if the file on disk is out of date.")
def command(out: Path, check: bool) -> None:
    """Export the JSON Schema for content/ YAML files."""
    text = schema_text()
    if check:
        if not out.exists() or out.read_text("utf-8") != text:
            raise click.ClickException(f"{out} is out of date; run: python -m generator schema")
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, "utf-8")
    click.echo(f"wrote {out}")
