"""What every forked worker process does first."""

from __future__ import annotations

import os
import signal

from detente.libc import libc

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """A worker of a killed build (kill -9) must die with it, not go on writing into a
    staging folder that the next build is deleting (Linux; elsewhere a no-op). Ctrl-C is
    the parent's to handle: it stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    c = libc()
    try:
        c.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)  # type: ignore[union-attr]
    except (OSError, AttributeError, TypeError):
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
