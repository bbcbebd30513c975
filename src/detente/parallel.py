"""Rendering pages across processes: forked workers inherit the linked Site, render their
share, write it into the staging folder themselves, and send back only small records."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detente.cache import MarkdownStore, bytes_digest
from detente.link import Site
from detente.pages import PageKey
from detente.progress import Progress
from detente.render import Renderer
from detente.scan import Finding, OutputScanner
from detente.write import SiteWriter

PARALLEL_THRESHOLD = 400  # below this many pages to render, forking costs more than it saves


@dataclass(slots=True)
class Rendered:
    """Per page: the dependency keys it read and the digest of its bytes; new Markdown; and
    what the output scan found in the pages (scanned here, in parallel, as they are written).
    """

    pages: dict[str, tuple[list[str], str]] = field(default_factory=dict)
    markdown: dict[bytes, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def render_all(site: Site, project: Path, keys: list[PageKey], writer: SiteWriter,
               jobs: int | None, cache_db: Path | None,
               progress: Progress | None = None) -> Rendered:
    workers = jobs or min(os.cpu_count() or 1, 8)
    if workers <= 1 or len(keys) < PARALLEL_THRESHOLD or "fork" not in \
            multiprocessing.get_all_start_methods():
        return render_chunk(site, project, keys, writer, cache_db, progress)
    chunks = [keys[i::workers] for i in range(workers)]
    context = multiprocessing.get_context("fork")
    rendered = context.Value("q", 0)  # pages done, counted by the workers
    global _FORK_STATE
    _FORK_STATE = (site, project, writer, cache_db, rendered)
    gc.freeze()  # the Site stays in pages the workers share: their collectors won't touch it
    try:
        with context.Pool(workers, initializer=_die_with_parent,
                          initargs=(os.getpid(),)) as pool:
            pending = pool.map_async(_render_forked, chunks)
            while not pending.ready():
                pending.wait(0.1)
                if progress is not None:
                    progress.done(rendered.value)
            parts = pending.get()
    finally:
        gc.unfreeze()
        _FORK_STATE = None
    merged = Rendered()
    for part in parts:
        merged.pages.update(part.pages)
        merged.markdown.update(part.markdown)
        merged.findings.extend(part.findings)
    return merged


_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """A worker of a killed build (kill -9) must die with it, not go on writing into a
    staging folder that the next build is deleting (Linux; elsewhere a no-op). Ctrl-C is
    the parent's to handle: it stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError, TypeError):
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


# Set only while a pool runs, so that forked workers inherit the Site instead of unpickling
# it; never read in the parent.
_FORK_STATE: tuple[Site, Path, SiteWriter, Path | None, Any] | None = None


def _render_forked(keys: list[PageKey]) -> Rendered:
    assert _FORK_STATE is not None
    site, project, writer, cache_db, rendered = _FORK_STATE
    return render_chunk(site, project, keys, writer, cache_db, _Counter(rendered))


class _Counter:
    """Progress of a forked worker: adds its pages to the count shared with the parent."""

    def __init__(self, shared: Any) -> None:
        self.shared, self.last = shared, 0

    def stage(self, name: str, total: int = 0) -> None:
        pass

    def done(self, count: int) -> None:
        with self.shared.get_lock():
            self.shared.value += count - self.last
        self.last = count


def render_chunk(site: Site, project: Path, keys: list[PageKey], writer: SiteWriter,
                 cache_db: Path | None, progress: Progress | None = None) -> Rendered:
    store = MarkdownStore(cache_db)
    renderer = Renderer(site, project, store)
    out = Rendered(markdown=store.new)
    scanner = OutputScanner(site.config.base_path)
    for key in keys:
        path, data, deps = renderer.render_tracked(key)
        writer.write(path, data)
        out.pages[path] = (sorted(deps), bytes_digest(data))
        out.findings.extend(scanner.file(path, data))
        if progress is not None and (len(out.pages) % 20 == 0 or len(out.pages) == len(keys)):
            progress.done(len(out.pages))
    return out
