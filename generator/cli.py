"""Command line: ``python -m generator <command>``.

Each command lives in ``generator/commands/<module>.py`` and exposes a click command named
``command``; this module only names them. A command's module is imported when that command
runs (or for ``--help``): ``build --incremental`` after one edit takes a few seconds, and
importing every command (the importers pull in pypinyin, openpyxl, python-docx) cost ~1 s of it.
"""

from __future__ import annotations

import importlib

import click

COMMANDS = {"import": "import_", "schema": "schema", "build": "build", "check": "check", "serve": "serve",
            "synth": "synth", "bench": "bench"}
"""Command name → its module in ``generator.commands`` (``--help`` lists them sorted)."""


class _Commands(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module = COMMANDS.get(name)
        if module is None:
            return None
        command: click.Command = importlib.import_module(f"generator.commands.{module}").command
        return command


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Build the 财政项目支出绩效目标表 transparency site from content/ YAML."""
