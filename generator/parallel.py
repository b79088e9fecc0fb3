"""Run two halves of a job at once: the other half in a forked child process, results back by pipe.

Why fork and not a process pool: the child inherits the loaded corpus (10,000 validated
models) for free, copy-on-write, so nothing large is pickled on the way in; only what
the parent needs comes back (paths, plain data). Where ``fork`` is missing, or with
``JX_WORKERS=1``, both halves run one after the other in this process, with the same
result. Errors in the child are raised again in the parent.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
import traceback
from contextlib import contextmanager
from typing import Callable, Iterator, NoReturn, TypeVar

A = TypeVar("A")
B = TypeVar("B")


def workers() -> int:
    """How many processes to use: ``JX_WORKERS`` when set, else 2 when the machine has 2+ cores."""
    wanted = os.environ.get("JX_WORKERS")
    if wanted and wanted.isdigit() and int(wanted) >= 1:
        return int(wanted)
    return 2 if (os.cpu_count() or 1) >= 2 else 1


def leave(code: int) -> NoReturn:
    """End this process with ``code`` once its standard output and error are flushed, without
    Python's shutdown (``os._exit``): a forked child here, ``python -m generator`` and the warm
    MkDocs process (``generator.warmstart``), whose shutdowns only free memory, object by object."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said
            pass
    os._exit(code)


class ChildFailed(RuntimeError):
    """The child process failed with an exception that could not be sent back as it was."""


def split(mine: Callable[[], A], other: Callable[[], B]) -> tuple[A, B]:
    """``(mine(), other())``, with ``other`` run in a forked child while this process runs ``mine``.

    ``other``'s result must be picklable; it should be small (it is copied through a pipe).
    """
    if workers() < 2 or not hasattr(os, "fork"):
        return mine(), other()
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child (coverage does not follow forks)
        os.close(read_end)
        code = 0
        try:
            payload = pickle.dumps(("ok", other()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
            code = 1
            try:
                payload = pickle.dumps(("error", exc), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # noqa: BLE001 - an exception that cannot be pickled
                payload = pickle.dumps(("error", ChildFailed("".join(traceback.format_exception(exc)))))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        leave(code)
    os.close(write_end)
    try:
        result = mine()
    finally:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()  # read before waiting: a full pipe would block the child
        os.waitpid(pid, 0)
    if not data:
        raise ChildFailed("the worker process died without a result")
    status, value = pickle.loads(data)
    if status == "error":
        raise value
    return result, value


@contextmanager
def relaxed_gc(freeze: bool = False) -> Iterator[None]:
    """Fewer cyclic garbage collections while building; ``freeze`` exempts what exists now.

    Why: the build allocates millions of small objects and keeps them (models, rows, pages),
    so the default thresholds run full collections over an ever larger heap that find nothing:
    a third of the load time at 10,000 projects. Freezing the loaded corpus also keeps a forked
    child from copying its pages just to scan them. Reference counting still frees everything.
    """
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], 50_000), max(old[1], 20), max(old[2], 100))
    if freeze:
        gc.freeze()
    try:
        yield
    finally:
        if freeze:
            gc.unfreeze()
        gc.set_threshold(*old)


@contextmanager
def no_gc() -> Iterator[None]:
    """No cyclic garbage collection at all inside; afterwards what was made joins the oldest generation.

    Why: loading makes millions of objects and no reference cycles (at 10,000 projects the ~30
    collections under ``relaxed_gc`` found nothing and cost about a second), and a forked child
    inherits the setting. Promoting the new objects with ``freeze``/``unfreeze`` on the way out
    keeps the next young collection from scanning all of them. Reference counting still frees
    everything; a cycle made inside is collected by a later full collection.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if was:
            gc.enable()
