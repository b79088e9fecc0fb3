"""Render the quality report into the build's docs directory as Markdown pages with HTML blocks.

User data reaches HTML only through Jinja autoescape (``quality*.md.j2``); the
Markdown around the HTML blocks holds fixed text only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator.check.report import QualityReport

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
LEVELS = {"error": "错误", "warning": "警告", "info": "提示"}


def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.globals["levels"] = LEVELS
    env.filters["yaml_str"] = yaml_str
    return env


def yaml_str(text: str) -> Markup:
    """A double-quoted YAML/JSON string for front matter, with ``<>&'`` escaped as ``\\uXXXX``."""
    quoted = json.dumps(text, ensure_ascii=False)
    for char in "<>&'":
        quoted = quoted.replace(char, f"\\u{ord(char):04x}")
    return Markup(quoted)


def department_url(report: QualityReport, department: str) -> str | None:
    """URL of a department's quality page relative to the site root (``quality/<slug>/``)."""
    for dept in report.departments:
        if dept.name == department:
            return f"quality/{dept.slug}/"
    return None


def write_quality_pages(report: QualityReport, out_dir: Path, project_url: Callable[[str], str] | None = None) -> list[Path]:
    """Write ``quality/index.md`` and ``quality/<department>.md`` below ``out_dir``; return the files.

    ``quality/#<project-id>`` is the project's row on the index (score, counts, a
    link to its details); ``quality/<department>/#<project-id>`` holds its findings
    and which targets are measurable. ``project_url(id)``, when given, is the href
    of a project page relative to a quality page (e.g. ``../../2023/<id>/``).
    """
    env = _env()
    folder = out_dir / "quality"
    folder.mkdir(parents=True, exist_ok=True)
    link = project_url or (lambda _id: "")
    written = [folder / "index.md"]
    written[0].write_text(env.get_template("quality.md.j2").render(report=report), "utf-8")
    template = env.get_template("quality_department.md.j2")
    for dept in report.departments:
        path = folder / f"{dept.slug}.md"
        path.write_text(template.render(report=report, dept=dept, project_url=link), "utf-8")
        written.append(path)
    return written
