"""Child processes that end with the build: a report killed by SIGKILL or SIGTERM must
leave no notebook worker, kernel or Sphinx behind, running on unwatched.

Jupyter starts each kernel in a session of its own, so no signal sent to the build's
process group reaches it, and SIGKILL cannot be caught at all. So every child asks
Linux to kill it when its parent dies (prctl PR_SET_PDEATHSIG): the build's death
kills its workers and Sphinx, and a worker's death kills its kernel. SIGTERM is
caught instead, so the build can stop its workers and delete its staging folder.
"""

import ctypes
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
# Loaded once here: a child calls it between fork and exec, where loading is unsafe.
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None


class Terminated(BaseException):
    """SIGTERM arrived: unwind (like KeyboardInterrupt, not caught as an Exception)."""


def die_with_parent(parent: int) -> None:
    """In a new child of process `parent`: be killed when the parent dies, and die now
    if it already has. Runs before the child does any work (a pool's initializer, a
    preexec_fn). SIGTERM goes back to its default, as the build's handler is the
    build's own. Elsewhere than on Linux, only the parent's death before this is seen."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if _LIBC is not None and _LIBC.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"prctl(PR_SET_PDEATHSIG): {os.strerror(error)}")
    if os.getppid() != parent:  # the parent died before the request took effect
        os.kill(os.getpid(), signal.SIGKILL)


@contextmanager
def sigterm_unwinds() -> Iterator[None]:
    """While inside, SIGTERM raises Terminated in the main thread, so `finally` blocks
    and `except BaseException` cleanups run; the previous handler comes back after."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise Terminated(signum)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
