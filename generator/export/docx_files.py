"""One filled-in DOCX form per project, reproducible and cached across builds.

Why a cache: python-docx needs ~0.1 s per form, far too slow to redo 10,000 forms on every
build. A form depends only on the project's canonical YAML, its date and the writer's code,
so those are hashed into the cache key; only new or changed projects are written, in parallel.
Set ``JX_DOCX=0`` to leave the forms out (e.g. for quick previews of a large corpus).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from importlib import import_module
from pathlib import Path
from typing import Mapping, Sequence

from generator.export.stablezip import stamped
from generator.schema import Project
from generator.yamlio import dump_project

CACHE = Path("build") / "cache" / "docx"


def available() -> bool:
    """True when the DOCX form writer is installed and not switched off with ``JX_DOCX=0``."""
    if os.environ.get("JX_DOCX", "1") == "0":
        return False
    try:
        import_module("generator.export.docx_form")
    except ImportError:
        return False
    return True


def _code_digest() -> str:
    """Hash of the code and vocabulary a form depends on: the writer, its helpers, the label data."""
    writer = Path(import_module("generator.export.docx_form").__file__ or "")
    files = [writer, *sorted(writer.parent.glob("*.py")), *sorted((Path(__file__).parents[1] / "data").glob("*.yaml"))]
    digest = hashlib.sha256()
    for path in dict.fromkeys(files):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _render(project: Project, when: date) -> bytes:
    from generator.export.docx_form import write_docx

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "form.docx"
        write_docx([project], path)
        return stamped(path.read_bytes(), when)


def _render_pair(args: tuple[Project, date]) -> bytes:
    return _render(*args)


def docx_forms(projects: Sequence[Project], updated: Mapping[str, date], cache: Path | None = CACHE,
               workers: int | None = None) -> dict[str, bytes]:
    """Project id → DOCX bytes, stamped with the project's 'last updated' date."""
    code = _code_digest()
    out: dict[str, bytes] = {}
    todo: list[tuple[Project, date, Path | None]] = []
    for project in projects:
        when = updated.get(project.id, date(project.year, 1, 1))
        key = hashlib.sha256(f"{code}\n{when.isoformat()}\n{dump_project(project)}".encode()).hexdigest()
        path = cache / f"{key}.docx" if cache is not None else None
        if path is not None and path.is_file():
            out[project.id] = path.read_bytes()
        else:
            todo.append((project, when, path))
    jobs = [(p, w) for p, w, _ in todo]
    count = workers or min(len(jobs) // 50 + 1, os.cpu_count() or 1)
    if count > 1:
        with ProcessPoolExecutor(count) as pool:
            results = list(pool.map(_render_pair, jobs, chunksize=16))
    else:
        results = [_render_pair(job) for job in jobs]
    for (project, _, path), data in zip(todo, results):
        out[project.id] = data
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)
    return out
