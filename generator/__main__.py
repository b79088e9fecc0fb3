"""Entry point for ``python -m generator``.

A command that ends (with any exit status) leaves through ``os._exit`` once its output is
flushed. Why: Python's own shutdown frees every module and object one by one, 0.1–0.2 s after
an incremental build that itself takes about a second, and nothing here needs it: the commands
write and close their files themselves, and wait for or detach their child processes. An
exception that is not an exit (a bug of ours) still ends the usual way, with its traceback, and
so does a run under a profiler or a tracer (``python -m cProfile``, coverage), which writes its
results at shutdown.
"""

import sys

from generator.cli import main
from generator.parallel import leave


def run() -> None:
    """Run the command line and end the process with its exit status."""
    try:
        main()
        code: object = 0
    except SystemExit as done:
        code = done.code
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # what sys.exit("message") prints
        code = 1
    leave(code or 0)


if __name__ == "__main__":
    run()
