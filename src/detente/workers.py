"""What every forked worker process does first."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager

from detente.libc import libc

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """A worker of a killed build (kill -9) must die with it, not go on writing into a
    staging folder that the next build is deleting (Linux; elsewhere a no-op). Ctrl-C is
    the parent's to handle: it stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # (see `forking`)
    c = libc()
    try:
        c.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)  # type: ignore[union-attr]
    except (OSError, AttributeError, TypeError):
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


@contextmanager
def forking() -> Iterator[None]:
    """Around starting a pool: Ctrl-C held back until each worker ignores it, so that one
    landing while a worker starts interrupts the parent alone (the worker would print a
    traceback of its own); the parent gets it, pending, at the end of the block."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
