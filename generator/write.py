"""The only module that writes the build directory: sync a set of generated files to disk.

Why sync instead of rewrite: ``mkdocs serve`` watches the docs dir, so rewriting
unchanged files would trigger needless rebuilds; stale files (a deleted project)
must disappear or MkDocs would keep publishing them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


class Output:
    """Files to generate, by path relative to the docs dir; producers call ``add``."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def add(self, path: str, content: str | bytes) -> None:
        """Register one file. Two producers claiming the same path is a bug, never an overwrite."""
        key = safe_relative(path)
        if key in self.files:
            raise ValueError(f"two generated files map to the same path {key!r}")
        self.files[key] = content.encode("utf-8") if isinstance(content, str) else content

    def add_tree(self, folder: Path) -> None:
        """Register every file a producer wrote under ``folder`` (its staging dir)."""
        for path in sorted(folder.rglob("*")):
            if path.is_symlink():
                raise ValueError(f"generated file {path} is a symlink")
            if path.is_file():
                self.add(path.relative_to(folder).as_posix(), path.read_bytes())


def safe_relative(path: str) -> str:
    """``path`` itself when it is a canonical relative POSIX path that cannot leave the output dir."""
    pure = PurePosixPath(path)
    if pure.as_posix() != path or "\\" in path or "\x00" in path or pure.is_absolute() or not pure.parts or any(
        part in ("..", ".", "") for part in pure.parts
    ):
        raise ValueError(f"unsafe output path {path!r}")
    return pure.as_posix()


@dataclass(frozen=True)
class SyncStats:
    """What ``sync`` did."""

    written: int
    unchanged: int
    removed: int


def sync(output: Output, directory: Path) -> SyncStats:
    """Make ``directory`` hold exactly ``output``: write changed files, delete stale ones."""
    directory.mkdir(parents=True, exist_ok=True)
    root = directory.resolve()
    written = unchanged = removed = 0
    for rel, content in sorted(output.files.items()):
        target = root / rel
        if not target.resolve().is_relative_to(root):  # a symlink inside the build dir
            raise ValueError(f"output path {rel!r} escapes {root}")
        try:
            if target.read_bytes() == content:
                unchanged += 1
                continue
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(content)
        os.replace(tmp, target)
        written += 1
    wanted = set(output.files)
    for path in sorted(root.rglob("*"), reverse=True):  # children before their parents
        rel = path.relative_to(root).as_posix()
        if path.is_dir() and not path.is_symlink():
            if not any(path.iterdir()):
                path.rmdir()
        elif rel not in wanted:
            path.unlink()
            removed += 1
    return SyncStats(written, unchanged, removed)
