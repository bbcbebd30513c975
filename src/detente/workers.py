"""What every forked worker process does first, and how the main process treats its pools."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

_PR_SET_PDEATHSIG = 1
SWITCH_INTERVAL = 0.001  # seconds: see prompt_threads


def die_with_parent(parent: int) -> None:
    """A worker of a killed build (kill -9) must die with it, not go on writing into a
    staging folder that the next build is deleting (Linux; elsewhere a no-op). Ctrl-C is
    the parent's to handle: it stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # (see `forking`)
    from detente.libc import libc  # (ctypes: not for builds that fork nothing)

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


@contextmanager
def prompt_threads() -> Iterator[None]:
    """A pool's threads in the main process hand tasks to the workers and take their
    results in, a pipe's worth at a time, and each turn waits for the main thread, busy
    checking or rendering, to let go of the interpreter: by default after 5 ms, while the
    worker waits on the pipe. Measured at 10,000 events: the render worker idle 2.6 s of
    its 10 s (1.1 s at 1 ms); 3,500-3,800 bodies prerendered during the check (4,200-4,400
    at 1 ms)."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        yield
    finally:
        sys.setswitchinterval(before)
