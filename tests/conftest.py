"""Shared pytest options and fixtures.

``--update-golden`` regenerates golden files (review the diff before committing);
``--fuzz-examples N`` sets how many hypothesis examples the fuzz tests run.
Fixtures for one area live in that area's own conftest (tests/browser/, …).
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sources" / "000_244ed187aee95b3a.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files instead of comparing")
    parser.addoption("--fuzz-examples", type=int, default=200, help="hypothesis examples per fuzz test")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def golden(update_golden: bool):  # type: ignore[no-untyped-def]
    """``golden(path, actual)``: compare text with a golden file as strings (a failure shows a diff)."""

    def check(path: Path, actual: str) -> None:
        if update_golden or not path.exists():
            if not update_golden:
                pytest.fail(f"golden file {path} is missing; run pytest --update-golden and review it")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, "utf-8")
            return
        assert actual == path.read_text("utf-8")

    return check


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip(f"seed file not found at {SEED}")
    return SEED


@pytest.fixture
def synthetic_root(tmp_path: Path):  # type: ignore[no-untyped-def]
    """``make(projects, years, seed)`` → a build root with the repo's mkdocs.yml and overrides and a synthetic ``corpus/``."""
    import shutil

    from generator.commands.synth import write_corpus

    def make(projects: int, years: int, seed: int) -> Path:
        root = tmp_path / "root"
        root.mkdir()
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(ROOT / "overrides", root / "overrides")
        write_corpus(root / "corpus", projects, years, seed)
        return root

    return make
