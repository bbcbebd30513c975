"""What every forked worker process does first, and how the main process treats its pools."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

_PR_SET_PDEATHSIG = 1
SWITCH_INTERVAL = 0.001  # seconds: see prompt_threads
PIPE_BYTES = 1 << 20  # see widen_pipes


def die_with_parent(parent: int) -> None:
    """A worker of a killed build (kill -9) must die with it, not go on writing into a
    staging folder that the next build is deleting (Linux; elsewhere a no-op). Ctrl-C is
    the parent's to handle: it stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # (see `forking`)
    from detente.build.libc import libc  # (ctypes: not for builds that fork nothing)

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
    """Threads that must answer while another computes take their turn after 1 ms, not
    the default 5. A pool's threads in the main process hand tasks to the workers and take
    their results in, a pipe's worth at a time, each turn waiting for the main thread, busy
    checking or rendering, while the worker waits on the pipe; `serve`'s server threads
    answer requests while a rebuild thread renders the rest of an edit (10,000 events: the
    edited page served in 0.152 s -> 0.114 s, median of 5; the render worker idle 2.6 s of
    its 10 s -> 1.1 s; 3,500-3,800 bodies prerendered during the check -> 4,200-4,400)."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def widen_pipes(pool: Pool) -> None:
    """A worker's results (a batch of pages, half a megabyte) cross a pipe that holds 64 KiB
    by default: the worker waits at each 64 KiB for the pool's result thread in the main
    process, which waits for the busy main thread to let go of the interpreter. At one
    megabyte a batch goes in one write (10,000 events: the render worker idle 1.1-1.5 s
    -> 0.15 s). Linux only (F_SETPIPE_SZ); elsewhere, or past the system's limit, the pipes
    stay as they are."""
    import fcntl

    set_size = getattr(fcntl, "F_SETPIPE_SZ", None)
    if set_size is None:
        return
    for queue in (getattr(pool, "_inqueue", None), getattr(pool, "_outqueue", None)):
        reader = getattr(queue, "_reader", None)
        if reader is not None:
            with contextlib.suppress(OSError, ValueError):
                fcntl.fcntl(reader.fileno(), set_size, PIPE_BYTES)
