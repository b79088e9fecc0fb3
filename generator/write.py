"""The only module that writes the build directory: sync a set of generated files to disk.

Why sync instead of rewrite: ``mkdocs serve`` watches the docs dir, so rewriting
unchanged files would trigger needless rebuilds; stale files (a deleted project)
must disappear or MkDocs would keep publishing them.
"""

from __future__ import annotations

import os
import stat
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
    if path and path[0] != "/" and path[-1] != "/" and "//" not in path and "\\" not in path and "\x00" not in path and not any(
        part in (".", "..") for part in path.split("/")
    ):
        return path  # the common case, without building a PurePosixPath (30,000 files at 10k projects)
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
    written, unchanged = write_changed(output.files, directory)
    return SyncStats(written, unchanged, prune(directory, set(output.files)))


def write_changed(files: dict[str, bytes], directory: Path) -> tuple[int, int]:
    """Write the ``files`` (safe relative paths → bytes) whose content differs on disk; (written, unchanged).

    Why the bookkeeping: at 10,000 projects there are ~30,000 files, so per-file
    ``resolve()``/``mkdir`` calls cost seconds. Each folder is resolved and created
    once; a file is read back only when its size matches the new content.
    """
    directory.mkdir(parents=True, exist_ok=True)
    root = directory.resolve()
    prefix = str(root) + os.sep
    written = unchanged = 0
    folders: dict[str, bool] = {}  # folder → exists (created or checked), symlink-checked
    confined = _Confined(root)

    def inside(path: str) -> bool:
        real = os.path.realpath(path)
        return real == str(root) or real.startswith(prefix)

    for rel, content in sorted(files.items()):
        folder, _, name = rel.rpartition("/")
        target = f"{prefix}{rel}"
        if folder not in folders:
            folders[folder] = _folder_ready(root, folder)
            if not confined.folder(folder):  # a symlink inside the build dir
                raise ValueError(f"output path {rel!r} escapes {root}")
        try:
            info = os.lstat(target)
        except (FileNotFoundError, NotADirectoryError):
            info = None
        if info is not None:
            if stat.S_ISLNK(info.st_mode) and not inside(target):
                raise ValueError(f"output path {rel!r} escapes {root}")
            if info.st_size == len(content) or stat.S_ISLNK(info.st_mode):
                try:
                    with open(target, "rb") as handle:
                        if handle.read() == content:
                            unchanged += 1
                            continue
                except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
                    pass
        folder_path = os.path.join(root, folder)
        if not folders[folder]:
            os.makedirs(folder_path, exist_ok=True)
            folders[folder] = True
        if info is None:  # a new file: nobody can be reading a half-written old version
            _create(target, content)
        else:  # replace, never write in place (the old inode may be hard-linked elsewhere)
            tmp = os.path.join(folder_path, f".{name}.tmp")
            with open(tmp, "wb") as handle:
                handle.write(content)
            os.replace(tmp, target)
        written += 1
    return written, unchanged


def prune(directory: Path, wanted: set[str]) -> int:
    """Delete the files below ``directory`` that are not ``wanted``, then empty folders; return files deleted."""
    return _prune(str(directory.resolve()), "", wanted)


def _create(path: str, content: bytes) -> None:
    """Write a new file with the fewest system calls (``open()`` adds fstat and isatty per file)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0), 0o666)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _folder_ready(root: Path, folder: str) -> bool:
    """True when ``root/folder`` is an existing directory (then no ``makedirs`` is needed)."""
    return os.path.isdir(os.path.join(root, folder))


def _prune(top: str, rel: str, wanted: set[str]) -> int:
    """Delete files below ``top/rel`` that are not ``wanted``, then empty folders; return files deleted.

    Symlinks are never followed: a link is a file that is not wanted."""
    removed = 0
    with os.scandir(os.path.join(top, rel) if rel else top) as entries:
        listed = list(entries)
    for entry in listed:
        path = f"{rel}/{entry.name}" if rel else entry.name
        if entry.is_dir(follow_symlinks=False):
            removed += _prune(top, path, wanted)
            try:
                os.rmdir(entry.path)  # only succeeds when empty
            except OSError:
                pass
        elif path not in wanted:
            os.unlink(entry.path)
            removed += 1
    return removed


def make_folders(directory: Path, folders: list[str]) -> None:
    """Create ``folders`` (relative to ``directory``) before several processes write into them.

    Why: two processes creating the same 10,000 folders contend for the parent folder's lock
    in the kernel (seconds of system time); created once here, the writers only add files.
    Paths are checked like ``write_changed`` checks them, so nothing is created outside."""
    directory.mkdir(parents=True, exist_ok=True)
    root = directory.resolve()
    confined = _Confined(root)
    for folder in folders:
        safe_relative(folder)
        parent = folder.rpartition("/")[0]
        if not confined.folder(parent):
            raise ValueError(f"output path {folder!r} escapes {root}")
        os.makedirs(root / folder, exist_ok=True)


class _Confined:
    """Whether folders below ``root`` really lie inside it (no symlink leads out), one ``lstat`` per folder.

    Why not ``os.path.realpath`` per folder: it checks every component of the absolute path
    again, for 10,000 project folders in each process."""

    def __init__(self, root: Path) -> None:
        self.root = str(root)
        self.real: dict[str, str] = {"": self.root}

    def folder(self, rel: str) -> bool:
        """True when ``root/rel`` (a safe relative folder path, may not exist yet) resolves inside ``root``."""
        real = self._real(rel)
        return real == self.root or real.startswith(self.root + os.sep)

    def _real(self, rel: str) -> str:
        known = self.real.get(rel)
        if known is not None:
            return known
        parent, _, name = rel.rpartition("/")
        base = self._real(parent)
        path = os.path.join(base, name)
        try:
            link = stat.S_ISLNK(os.lstat(path).st_mode)
        except OSError:  # not there (yet): nothing to resolve, as realpath does
            link = False
        real = os.path.realpath(path) if link else path
        self.real[rel] = real
        return real
