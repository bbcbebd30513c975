"""How the main process sets up its worker pools."""

from __future__ import annotations

import fcntl
import multiprocessing
import sys

from detente.build.workers import PIPE_BYTES, prompt_threads, widen_pipes


def test_a_pools_pipes_hold_a_batch_of_pages() -> None:
    pool = multiprocessing.get_context("fork").Pool(1)
    try:
        widen_pipes(pool)
        for queue in (pool._inqueue, pool._outqueue):  # type: ignore[attr-defined]
            assert fcntl.fcntl(queue._reader.fileno(), fcntl.F_GETPIPE_SZ) == PIPE_BYTES
        assert pool.apply(sum, ([1, 2],)) == 3  # and the pool still works
    finally:
        pool.terminate()
        pool.join()


def test_threads_take_turns_quickly_during_a_build_and_as_before_after() -> None:
    before = sys.getswitchinterval()
    with prompt_threads():
        assert sys.getswitchinterval() < before
    assert sys.getswitchinterval() == before
