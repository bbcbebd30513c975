"""The C library, for the two Linux calls the standard library lacks (prctl, renameat2)."""

from __future__ import annotations

import ctypes
import functools


@functools.cache
def libc() -> ctypes.CDLL | None:
    """The process's own C library (already loaded: no search, which would run ldconfig)."""
    try:
        return ctypes.CDLL(None, use_errno=True)
    except (OSError, TypeError):  # (no such handle on some platforms)
        return None


def release_free_memory() -> None:
    """Hand memory the allocator holds but no object uses back to the system (glibc): what
    loading freed (parse trees, file texts) would otherwise stay in the process, and in
    every worker forked from it."""
    trim = getattr(libc(), "malloc_trim", None)
    if trim is not None:
        trim(0)
