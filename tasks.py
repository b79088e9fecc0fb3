#!/usr/bin/env python3
"""Project tasks with nothing but Python 3.11 on the machine.

    python3 tasks.py build     # set up .venv when needed, then build site/ from content/
    python3 tasks.py test      # set up .venv + test deps + Debian chromium when needed, run pytest
    python3 tasks.py serve     # preview at http://127.0.0.1:8000 (rebuilds on content changes)
    python3 tasks.py bench     # opt-in benchmark (see README)
    python3 tasks.py fuzz      # opt-in long fuzzing run (see README)

Why a script and not a Makefile: a fresh machine may have no make; this needs
only the interpreter that runs it. Environments are reinstalled only when a
requirements file changes (a hash stamp inside .venv).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
PY = BIN / "python"


def run(*cmd: str | Path, env: dict[str, str] | None = None) -> None:
    """Run a command from the repository root; exit with its status when it fails."""
    code = subprocess.call([str(c) for c in cmd], cwd=ROOT, env=env)
    if code:
        sys.exit(code)


def _stamp_ok(stamp: Path, files: list[Path]) -> bool:
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    return stamp.exists() and stamp.read_text() == digest


def _write_stamp(stamp: Path, files: list[Path]) -> None:
    stamp.write_text(hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest())


def ensure_venv(dev: bool = False) -> None:
    """Create .venv and install the pinned requirements when they changed."""
    if not PY.exists():
        run(sys.executable, "-m", "venv", VENV)
    req = ROOT / ("requirements-dev.txt" if dev else "requirements.txt")
    files = [ROOT / "requirements.txt"] + ([ROOT / "requirements-dev.txt"] if dev else [])
    stamp = VENV / (".stamp-dev" if dev else ".stamp")
    if not _stamp_ok(stamp, files):
        run(PY, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", req)
        _write_stamp(stamp, files)
    _put_repo_on_path()
    _compile_package()


def _compile_package() -> None:
    """Byte-compile ``generator/`` (only what changed since the last time).

    Why: where ``PYTHONDONTWRITEBYTECODE`` is set (as on these machines), Python never writes
    the ``.pyc`` files itself, so every build process, and every MkDocs process that loads
    ``generator.rawblocks``, compiled the package from source again: ~0.2 s of a one-edit
    incremental build. ``compileall`` writes them regardless of that setting."""
    run(PY, "-m", "compileall", "-q", ROOT / "generator")


def _put_repo_on_path() -> None:
    """A ``.pth`` file in the venv naming this folder: ``mkdocs.yml`` loads the Markdown extension
    ``generator.rawblocks``, so ``.venv/bin/mkdocs`` (or another engine) run from any folder finds it."""
    pth = subprocess.check_output([str(PY), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True).strip()
    path = Path(pth) / "jx-repository.pth"
    if not path.is_file() or path.read_text() != f"{ROOT}\n":
        path.write_text(f"{ROOT}\n")


def ensure_apt(binary: str, packages: list[str]) -> None:
    """Install Debian packages when ``binary`` (a command, or an absolute file path) is missing."""
    if shutil.which(binary) or (binary.startswith("/") and Path(binary).exists()):
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(*sudo, "apt-get", "update", "-q", env=env)
    run(*sudo, "apt-get", "install", "-y", "-q", "--no-install-recommends", *packages, env=env)


def env_for_tools() -> dict[str, str]:
    """Environment for mkdocs and tests: no MkDocs 2.0 banner, no telemetry."""
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PYTHONHASHSEED="0")


def main(argv: list[str]) -> None:
    task, rest = (argv[0], argv[1:]) if argv else ("help", [])
    if task == "build":
        ensure_venv()
        run(PY, "-m", "generator", "build", *rest, env=env_for_tools())
    elif task == "serve":
        ensure_venv()
        run(PY, "-m", "generator", "serve", *rest, env=env_for_tools())
    elif task == "test":
        ensure_venv(dev=True)
        ensure_apt("chromium", ["chromium", "chromium-driver"])
        ensure_apt("soffice", ["libreoffice-writer-nogui", "fonts-noto-cjk"])
        # Calc reads the XLSX open data back in tests/export/test_opendata.py
        ensure_apt("/usr/lib/libreoffice/program/libsclo.so", ["libreoffice-calc-nogui"])
        run(PY, "-m", "pytest", *rest, env=env_for_tools())
    elif task == "bench":
        ensure_venv(dev=True)
        run(PY, "-m", "generator", "bench", *rest, env=env_for_tools())
    elif task == "fuzz":
        ensure_venv(dev=True)
        run(PY, "-m", "pytest", "-m", "fuzz", "--fuzz-examples=10000", *rest, env=env_for_tools())
    else:
        print(__doc__)
        sys.exit(0 if task in ("help", "-h", "--help") else 2)


if __name__ == "__main__":
    main(sys.argv[1:])
