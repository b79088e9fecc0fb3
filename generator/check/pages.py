"""Render the quality report into the build's docs directory as Markdown pages with HTML blocks.

User data reaches HTML only through Jinja autoescape (``quality*.md.j2``); the
Markdown around the HTML blocks holds fixed text only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from jinja2 import Environment

from generator.check.report import QualityReport
from generator.transform import page_url, project_path

LEVELS = {"error": "错误", "warning": "警告", "info": "提示"}


def environment(cache: Path | None = None) -> Environment:
    """The site's one template environment (autoescape, StrictUndefined) plus the level names;
    ``cache``: its folder of compiled templates (``make_environment``)."""
    from generator.render import make_environment

    env = make_environment(cache)
    env.globals["levels"] = LEVELS
    return env


def findings_href(project_id: str, root: str = "") -> str:
    """Link from a page whose root prefix is ``root`` (e.g. ``../../``) to a project's row on the quality index."""
    return f"{root}quality/index.html#{project_id}"


def _project_href(project_id: str) -> str:
    """A project page (``projects/<id>.html``) as seen from ``quality/<department>/index.html``."""
    return "../../" + page_url(project_path(project_id))


def write_quality_pages(report: QualityReport, out_dir: Path, project_url: Callable[[str], str] | None = _project_href) -> list[Path]:
    """Write ``quality/index.md`` and ``quality/<department>/index.md`` below ``out_dir``; return the files.

    ``quality/index.html#<project-id>`` is the project's row on the index (score,
    counts, a link to its details); ``quality/<department>/index.html#<project-id>``
    holds its findings and which targets are measurable. ``project_url(id)`` is the
    href of a project page relative to a department page (None: no link).
    """
    written = []
    for rel, text in quality_files(report, project_url).items():
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        written.append(path)
    return written


def quality_files(report: QualityReport, project_url: Callable[[str], str] | None = _project_href,
                  env: Environment | None = None) -> dict[str, str]:
    """The quality pages by path relative to the docs dir (see ``write_quality_pages``);
    ``env``: an ``environment()`` to use."""
    env = env or environment()
    link = project_url or (lambda _id: "")
    files = {"quality/index.md": env.get_template("quality.md.j2").render(report=report)}
    template = env.get_template("quality_department.md.j2")
    for dept in report.departments:
        files[f"quality/{dept.slug}/index.md"] = template.render(report=report, dept=dept, project_url=link)
    return files


def quality_pages(site: Any, out_dir: Path) -> None:
    """Build producer ``(site, out_dir)``: check ``site.projects`` and write the quality pages."""
    write_quality_pages(site_quality_report(site), out_dir)


def site_quality_report(site: Any) -> QualityReport:
    """The quality report of ``site.projects`` when the build has none (no YAML loaded).

    Findings are recomputed from the models (the pages show rule, field and message,
    not YAML lines), with the rule settings of ``checks.yaml`` in the current directory.
    """
    from generator.check import check_projects, load_config
    from generator.check.report import quality_report
    from generator.load import Loaded

    items = [Loaded(view.project, Path.cwd() / view.project.id, "") for view in site.projects]
    findings = check_projects(items, load_config(), base=Path.cwd())
    return quality_report(items, findings, base=Path.cwd())
