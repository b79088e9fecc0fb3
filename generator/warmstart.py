"""A MkDocs process started before it is needed, for the partial run of ``build --incremental``.

Why: after a one-file edit the partial MkDocs run (``generator.incremental.rebuild``) spends
~0.65 s of its ~2.5 s here just importing MkDocs, Material, Python-Markdown and jieba, while the
generator's quick path keeps only one of the two cores busy. So ``build --incremental`` starts
this process first, before it even imports the generator (``generator/commands/build.py``; the
generator's own imports take ~0.4 s): it imports those modules on the other core and then waits
for one job on stdin (the ``mkdocs`` arguments and the whole environment, known only once the
generator is done), runs it as ``python -m mkdocs`` would, and exits. A closed stdin (no pages to build, or a
full build instead) makes it exit without running anything.

The job runs MkDocs' own command line in a fresh interpreter whose environment is replaced by
the job's before MkDocs reads any of it (MkDocs reads ``SOURCE_DATE_EPOCH`` and ``NO_COLOR`` when
it builds, not when it is imported; the hooks and their ``JX_PARTIAL_*`` settings are loaded with
the config), so its output is the one ``python -m mkdocs`` gives (``tests/test_incremental.py``).
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Mapping, Sequence

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
"""The folder holding this package: MkDocs imports ``generator.rawblocks`` (mkdocs.yml) from it."""


def tool_env() -> dict[str, str]:
    """Environment for MkDocs: no MkDocs 2.0 banners, and this package importable from any folder."""
    path = os.environ.get("PYTHONPATH", "")
    parts = [str(PACKAGE_ROOT)] + [p for p in path.split(os.pathsep) if p and p != str(PACKAGE_ROOT)]
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PYTHONPATH=os.pathsep.join(parts))


MKDOCS_BUILD = ("build", "--strict")
"""How every build of ours runs MkDocs: strict, and without ``--quiet``. Why: MkDocs' ``--quiet``
raises its logger to ERROR, so warnings never reach the counter that ``--strict`` aborts on, and
a site with a broken link was built as if nothing were wrong (MkDocs 1.6.1). Its INFO lines are
left out of what is shown instead (``messages``)."""
JIEBA_CHATTER = ("Building prefix dict", "Loading model from cache", "Loading model cost", "Prefix dict has been built", "Dumping model to file cache")
"""Lines jieba prints on every load (from inside the search plugin); not worth showing."""


def messages(output: str) -> list[str]:
    """The lines of MkDocs' output worth showing: warnings, errors and anything unexpected, not
    its INFO lines (the steps of every build) or jieba's chatter."""
    return [line for line in output.splitlines() if not line.startswith(("INFO ", *JIEBA_CHATTER))]


MODULES = (
    "mkdocs.__main__", "mkdocs.commands.build", "mkdocs.config.defaults", "mkdocs.structure.files",
    "mkdocs.structure.nav", "mkdocs.structure.pages", "material", "material.plugins.search.plugin",
    "markdown", "markdown.extensions.tables", "markdown.extensions.attr_list", "markdown.extensions.toc",
    "jinja2", "jieba",
)
"""What a partial run imports anyway (a module missing here is simply imported by MkDocs later)."""


class WarmMkDocs:
    """One MkDocs process, importing while the caller works; ``run`` it once, or ``close`` it."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self._proc: subprocess.Popen[str] | None = subprocess.Popen(
            [sys.executable, "-m", "generator.warmstart"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, env=dict(env), text=True)

    def run(self, args: Sequence[str], env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
        """``python -m mkdocs *args`` with ``env`` as its whole environment, in the warm process
        (or in a new one when it is gone), with its output captured."""
        proc, self._proc = self._proc, None
        if proc is not None:
            try:
                out, err = proc.communicate(json.dumps({"args": list(args), "env": dict(env)}) + "\n")
                if proc.returncode != _UNSTARTED:
                    return subprocess.CompletedProcess(list(args), proc.returncode, out, err)
            except OSError:  # it died before reading the job: run it the plain way
                proc.kill()
                proc.wait()
        return run_mkdocs(args, env)

    def close(self) -> None:
        """End the process without a job (idempotent)."""
        proc, self._proc = self._proc, None
        if proc is not None:
            proc.communicate("")


TEMPLATE_CACHE = Path("build") / "cache" / "mkdocs-templates"
"""The partial runs' compiled templates (``partial_hooks``, ``JX_PARTIAL_TEMPLATES``), relative to
mkdocs.yml's folder."""
SEED_TEMPLATES = ("main.html", "lean.html", "base.html", "404.html")
"""Where ``_precompile`` starts: the page frames, and every template they name, followed."""


def warm_for(site_dir: Path, incremental: bool, config: Path | None = None) -> WarmMkDocs | None:
    """A warm MkDocs process when a partial run may follow (an incremental build of an existing
    site); given ``config``, it also fills the partial runs' template cache when there is none."""
    if not (incremental and site_dir.is_dir()):
        return None
    env = tool_env()
    if config is not None and config.is_file():
        config = config.resolve()
        env.update(JX_WARM_CONFIG=str(config), JX_WARM_TEMPLATES=str(config.parent / TEMPLATE_CACHE))
    return WarmMkDocs(env)


def run_mkdocs(args: Sequence[str], env: Mapping[str, str], warm: WarmMkDocs | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m mkdocs *args`` with ``env`` as its whole environment and its output captured:
    in ``warm`` when given (``WarmMkDocs.run``), else in a new process."""
    if warm is not None:
        return warm.run(args, env)
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], env=dict(env), capture_output=True, text=True)


_UNSTARTED = 86
"""The exit status of a warm process that could not start MkDocs at all (the caller runs it anew)."""


def main() -> int:
    for name in MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - only a head start: MkDocs imports what it needs itself
            pass
    config, folder = os.environ.get("JX_WARM_CONFIG"), os.environ.get("JX_WARM_TEMPLATES")
    if config and folder and not os.path.isdir(folder):
        try:
            _precompile(config, folder)
        except Exception:  # noqa: BLE001 - only a head start: the partial run compiles what is missing
            pass
    line = sys.stdin.readline()
    if not line.strip():
        return 0
    try:
        job = json.loads(line)
        args, env = list(job["args"]), dict(job["env"])
        from mkdocs.__main__ import cli
    except Exception:  # noqa: BLE001 - a broken job or MkDocs: the caller starts a plain process
        return _UNSTARTED
    os.environ.clear()
    os.environ.update(env)
    sys.argv = ["mkdocs", *args]
    try:
        cli(args=args, prog_name="mkdocs")
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0


def _precompile(config: str, folder: str) -> None:
    """Compile the theme's page frames and every template they name into ``folder``, the partial
    runs' bytecode cache, while the generator works on the other core.

    Why: the first incremental build in a build dir found that cache empty and compiled ~40
    templates itself, ~0.6 s of a one-page rebuild at 1,000 projects. Only constant names
    (``extends``, ``include``, ``import``) are followed; a template missed here is compiled
    by the partial run as before, so this changes no output, only when the work is done."""
    import logging

    from jinja2 import FileSystemBytecodeCache, meta
    from mkdocs.config import load_config

    logging.disable(logging.CRITICAL)  # a broken config is the real run's to report
    try:
        env = load_config(config).theme.get_env()
    finally:
        logging.disable(logging.NOTSET)
    os.makedirs(folder, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(folder)
    todo, seen = list(SEED_TEMPLATES), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            env.get_template(name)  # compiled and stored in the cache
            source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
            todo.extend(ref for ref in meta.find_referenced_templates(env.parse(source)) if ref)
        except Exception:  # noqa: BLE001 - a missing or broken template: the real run reports it
            continue


def _end(code: int) -> None:
    """Leave without Python's shutdown (``parallel.leave``): the caller waits for this process to
    exit, and freeing MkDocs, Material and jieba object by object took ~0.1 s of a one-page
    rebuild. MkDocs has written and closed every file by the time ``cli`` returns."""
    import logging

    from generator.parallel import leave

    logging.shutdown()  # flushes MkDocs' log handlers
    leave(code)


if __name__ == "__main__":
    _end(main())
