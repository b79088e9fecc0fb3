"""The oracles of the fuzz tests: what every input must lead to.

The only allowed outcomes are valid projects or problems that name the file and a
line; an exception of any kind is a bug. Projects must also survive the YAML round
trip (written by ``dump_project``, read back by the loader unchanged).
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest
from pydantic import ValidationError

from generator.importers import import_file
from generator.load import load_projects, load_text
from generator.problems import Problem
from generator.schema import CONTROL_CHARACTERS, Indicator, Project, Target
from generator.values import parse_value
from generator.yamlio import dump_project

OPERATORS = {None, "=", "≥", ">", "≤", "<", "±"}


@lru_cache(maxsize=1)
def scratch() -> Path:
    """A private directory for files written while fuzzing (removed at interpreter exit)."""
    holder = tempfile.TemporaryDirectory(prefix="fuzz-")
    scratch.holder = holder  # type: ignore[attr-defined]  # keep it alive
    return Path(holder.name)


def check_problems(problems: list[Problem], path: str, min_line: int = 1) -> None:
    for p in problems:
        assert isinstance(p, Problem)
        assert p.path == path, p
        assert p.line >= min_line and p.column >= 0, p
        assert p.message.strip(), p
        p.format_text(), p.format_github()


def check_roundtrip(project: Project) -> None:
    """The canonical YAML of a project loads back as the same project."""
    text = dump_project(project, "../schema/project.schema.json")
    loaded, problems = load_text(text, "roundtrip.yaml")
    assert problems == [], (problems, text[:2000])
    assert loaded == project


def check_value(text: str) -> None:
    if CONTROL_CHARACTERS.search(text):  # not a publishable value: refused, never half-parsed
        with pytest.raises(ValidationError, match="control character"):
            parse_value(text)
        return
    target = parse_value(text)
    assert isinstance(target, Target)
    assert target.text == text  # the published text is kept exactly
    assert target.operator in OPERATORS
    if target.number is None:
        assert target.operator is None and target.unit is None
    else:
        assert isinstance(target.number, Decimal) and target.number.is_finite()
    Target.model_validate(target.model_dump())


def check_value_yaml(text: str) -> None:
    if CONTROL_CHARACTERS.search(text):
        return
    ind = Indicator(level1="产出指标", level2="数量指标", name="x", target=parse_value(text))
    check_roundtrip(Project(id="2023-x", year=2023, name="x", department="d", implementer="i", indicators=[ind]))


def check_import_bytes(data: bytes, name: str = "input.txt") -> list[Project]:
    """Import ``data`` as a text file: projects that round-trip, or located problems."""
    path = scratch() / name
    path.write_bytes(data)
    result = import_file(path)
    check_problems(result.problems, name)
    ids = [p.id for p in result.projects]
    assert len(ids) == len(set(ids)), ids
    for project in result.projects:
        assert isinstance(project, Project)
        check_roundtrip(project)
    return result.projects


def check_load_text(text: str) -> None:
    project, problems = load_text(text, "p.yaml")
    assert (project is None) == bool(problems), (project, problems)
    check_problems(problems, "p.yaml")
    if project is not None:
        check_roundtrip(project)


def check_load_bytes(data: bytes, name: str = "p.yaml") -> None:
    """A project file on disk, in any encoding or none: loaded, or located problems."""
    folder = scratch() / "content"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    result = load_projects(folder, folder)
    check_problems(result.problems, name)
    assert len(result.items) + bool(result.problems) >= 1
    for item in result.items:
        check_roundtrip(item.project)
    path.unlink()


def check_validator_data(data: dict) -> None:
    """The validator on any valid project: located findings with a rule id, never an exception."""
    from hypothesis import assume
    from pydantic import ValidationError

    from generator.check import check_projects
    from generator.load import Loaded

    try:
        project = Project.model_validate(data)
    except ValidationError:
        assume(False)
        return
    text = dump_project(project)
    folder = scratch()
    findings = check_projects([Loaded(project, folder / "p.yaml", text)], base=folder)
    check_problems(findings, "p.yaml")
    for f in findings:
        assert f.rule, f


def check_validator_bytes(data: bytes) -> None:
    """A saved validator case: a project YAML file that loads, then is checked."""
    project, problems = load_text(data.decode("utf-8"), "p.yaml")
    assert problems == [], problems
    check_validator_data(project.model_dump())


def check_render_data(data: dict) -> None:
    """Any valid project goes through transform, every page and every producer (DOCX, XLSX, CSV…)."""
    from hypothesis import assume

    from generator.build import generate
    from generator.transform import build_site

    try:
        project = Project.model_validate(data)
    except ValidationError:
        assume(False)
        return
    docs = scratch() / "docs"
    generate(build_site([project]), docs)
    page = (docs / "projects" / f"{project.id}.md").read_text("utf-8")
    assert page.count("<tr>") >= len(project.indicators)


def check_render_bytes(data: bytes) -> None:
    """A saved render case: a project file that either does not load (located problems) or builds."""
    project, problems = load_text(data.decode("utf-8"), "p.yaml")
    check_problems(problems, "p.yaml")
    if project is not None:
        check_render_data(project.model_dump())


def check_rawblocks(page: str) -> None:
    """generator.rawblocks never changes what Python-Markdown makes of a page, whatever its markup."""
    import markdown

    stock = ["tables", "attr_list", "toc"]
    assert markdown.markdown(page, extensions=stock + ["generator.rawblocks"]) == markdown.markdown(page, extensions=stock)
