"""Command line: ``python -m generator <command>``.

Each command lives in ``generator/commands/<name>.py`` and exposes a click
command named ``command``; this module only assembles them.
"""

from __future__ import annotations

import importlib

import click

COMMANDS = ["import_", "schema", "build", "check", "serve", "synth", "bench"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Build the 财政项目支出绩效目标表 transparency site from content/ YAML."""


for _name in COMMANDS:
    try:
        _module = importlib.import_module(f"generator.commands.{_name}")
    except ModuleNotFoundError as exc:  # a command not written yet
        if exc.name != f"generator.commands.{_name}":
            raise
        continue
    main.add_command(_module.command)
