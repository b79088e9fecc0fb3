"""``generator.warmstart``: MkDocs started ahead runs a job as ``python -m mkdocs`` would, or ends unused."""

from __future__ import annotations

import subprocess

import pytest

from generator import warmstart
from generator.build import tool_env


def test_a_job_runs_in_the_warm_process(monkeypatch: pytest.MonkeyPatch) -> None:
    warm = warmstart.WarmMkDocs(tool_env())
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: pytest.fail("a new process was started"))
    done = warm.run(["--version"], dict(tool_env(), JX_PROBE="1"))
    assert done.returncode == 0 and "mkdocs, version" in done.stdout
    warm.close()  # after run: nothing left to end


def test_a_failing_job_reports_its_status_and_output() -> None:
    done = warmstart.WarmMkDocs(tool_env()).run(["build", "-f", "no-such-mkdocs.yml"], tool_env())
    assert done.returncode != 0 and "no-such-mkdocs.yml" in done.stdout + done.stderr


def test_the_job_sees_only_its_own_environment(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The environment the process started with is replaced by the job's (MkDocs reads
    ``SOURCE_DATE_EPOCH`` and the hooks their settings from it)."""
    hook = tmp_path / "hook.py"
    hook.write_text("import os\n\ndef on_config(config):\n    raise SystemExit(40 + len(os.environ.get('JX_X', '')) + (9 if 'JX_OLD' in os.environ else 0))\n")
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\nhooks:\n  - {hook}\n")
    (tmp_path / "docs").mkdir()
    warm = warmstart.WarmMkDocs(dict(tool_env(), JX_OLD="1"))
    done = warm.run(["build", "-q", "-f", str(tmp_path / "mkdocs.yml")], dict(tool_env(), JX_X="abc"))
    assert done.returncode == 43, done.stderr


def test_closed_unused_it_ends_without_running_anything() -> None:
    warm = warmstart.WarmMkDocs(tool_env())
    proc = warm._proc
    warm.close()
    warm.close()
    assert proc is not None and proc.returncode == 0



def test_build_incremental_starts_mkdocs_before_importing_the_generator(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """``build --incremental`` of an existing site hands ``build`` a warm process started before
    ``generator.build`` is imported (MkDocs' imports overlap the generator's); other builds get none."""
    import importlib.abc
    import importlib.util
    import sys
    import types

    from click.testing import CliRunner

    import generator.build
    from generator.commands import build as command

    seen: list[str] = []

    class Probe:
        def __init__(self, env: object) -> None:
            seen.append("warm started")

        def close(self) -> None:
            seen.append("warm closed")

    fake = types.ModuleType("generator.build")
    fake.__dict__.update({k: v for k, v in vars(generator.build).items() if not k.startswith("__")})
    fake.build = lambda *args: seen.append(f"build got {type(args[-1]).__name__}") or 0  # type: ignore[attr-defined]

    class Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
        def find_spec(self, name, path, target=None):  # type: ignore[no-untyped-def]
            return importlib.util.spec_from_loader(name, self) if name == "generator.build" else None

        def create_module(self, spec):  # type: ignore[no-untyped-def]
            seen.append("generator.build imported")
            return fake

        def exec_module(self, module) -> None:  # type: ignore[no-untyped-def]
            pass

    monkeypatch.setattr(warmstart, "WarmMkDocs", Probe)
    monkeypatch.delitem(sys.modules, "generator.build")
    # importing the fake also sets it as the package's attribute: put the real one back afterwards
    monkeypatch.setattr(sys.modules["generator"], "build", generator.build)
    monkeypatch.setattr(sys, "meta_path", [Finder(), *sys.meta_path])
    (tmp_path / "site").mkdir()
    result = CliRunner().invoke(command.command, ["--site", str(tmp_path / "site"), "--incremental"])
    assert result.exit_code == 0, result.output
    assert seen == ["warm started", "generator.build imported", "build got Probe", "warm closed"]
    seen.clear()
    result = CliRunner().invoke(command.command, ["--site", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert seen == ["build got NoneType"]


def test_an_empty_template_cache_is_filled_while_waiting(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Given the config, the warm process compiles the page frames and the templates they name
    into the partial runs' cache when there is none yet; an existing cache is left alone."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    (tmp_path / "docs").mkdir()
    (tmp_path / "site").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"INHERIT: {root / 'mkdocs.yml'}\ndocs_dir: docs\ntheme:\n  custom_dir: {root / 'overrides'}\n")
    warm = warmstart.warm_for(tmp_path / "site", True, config)
    assert warm is not None
    warm.close()
    cache = tmp_path / warmstart.TEMPLATE_CACHE
    compiled = sorted(p.name for p in cache.iterdir())
    assert len(compiled) > 20, compiled  # main, lean, base and Material's partials
    (cache / compiled[0]).unlink()
    warm = warmstart.warm_for(tmp_path / "site", True, config)
    assert warm is not None
    warm.close()
    assert len(list(cache.iterdir())) == len(compiled) - 1
    assert warmstart.warm_for(tmp_path / "site", False, config) is None
    assert warmstart.warm_for(tmp_path / "no-site", True, config) is None
