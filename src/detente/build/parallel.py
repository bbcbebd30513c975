"""Rendering pages across processes: forked workers inherit the linked Site, render
batches of pages, scan and hash them, and send the bytes back; the main process alone
writes them, and renders batches of its own whenever no worker's batch is waiting.

One writer, because creating files and folders in the same folder from two processes makes
both wait on the folder's lock: on the benchmark machine 10,000 pages took twice the
kernel time written from two processes as from one, and no less wall time.

Jobs − 1 workers, the main process being the last: every worker copies the pages of the
Site it touches (reference counts are writes), about 150 MiB at 10,000 events, and with one
writer per site the main process has time to spare for rendering.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path

from detente.build.progress import Progress
from detente.build.scan import Finding, OutputScanner
from detente.build.workers import die_with_parent, forking, widen_pipes
from detente.build.write import SiteWriter
from detente.content.model import Site
from detente.incremental.cache import MarkdownStore, bytes_digest
from detente.incremental.depkey import DepKey
from detente.incremental.fingerprints import Fingerprints
from detente.incremental.tracking import TrackingSite
from detente.pages.page import PageKey
from detente.pages.render import Renderer

PARALLEL_THRESHOLD = 400  # below this many pages to render, forking costs more than it saves
BATCH = 48  # pages per task: big enough to amortise the hand-over, small enough to balance
AHEAD = 3  # batches queued per worker: enough to keep it busy while the main process renders
IN_FLIGHT = 40  # batches finished or under way and not yet written


@dataclass(slots=True)
class Rendered:
    """Per page: the dependency keys it read and the digest of its bytes; and what the
    output scan found in the pages (scanned as they were rendered)."""

    pages: dict[str, tuple[tuple[DepKey, ...], str]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    # Per page: {dependency key: fingerprint} as the cache stores it (JSON), made by the
    # workers so that the main process does not fingerprint every page after the others.
    records: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class _Batch:
    """What a worker sends back for a batch of pages."""

    # file, bytes, deps, digest, record
    files: list[tuple[str, bytes, tuple[DepKey, ...], str, str]]
    markdown: dict[bytes, str]
    findings: list[Finding]


def worker_count(jobs: int | None) -> int:
    return jobs or min(os.cpu_count() or 1, 8)


def render_all(site: Site, project: Path, keys: list[PageKey], writer: SiteWriter,
               jobs: int | None, cache_db: Path | None,
               progress: Progress | None = None,
               prerendered: dict[bytes, str] | None = None,
               meanwhile: Callable[[], Iterator[None]] | None = None,
               keep_markdown: Callable[[dict[bytes, str]], None] | None = None,
               track: bool = True) -> Rendered:
    """The caller has frozen the garbage collector's view of the Site (`gc.freeze`), so that
    the workers' collectors leave the pages they share with the main process alone.
    `meanwhile`: work of the main process's own, in steps (a generator), done while the
    workers render, a step whenever no worker's batch is waiting to be written: in one go,
    the workers would run out of room for finished batches and sit idle (the open data of
    100,000 entities takes seconds). It starts once they are forked, so it may start
    threads: a thread holding a lock (SQLite's, say) when a worker is forked would leave
    that lock held for good in the worker.
    `keep_markdown`: given the Markdown HTML rendered anew, batch by batch (the cache stores
    it as it comes: at 10,000 events, kept to the end it was 40 MB).
    `track`: record what each page reads, for the cache (False: pages rendered in full each
    build, as a translation's are; recording cost them 40% more)."""
    workers = worker_count(jobs)
    batches = [keys[i:i + BATCH] for i in range(0, len(keys), BATCH)]
    if workers <= 1 or len(keys) < PARALLEL_THRESHOLD or "fork" not in \
            multiprocessing.get_all_start_methods():
        renderer = _PageRenderer(site, project, cache_db, prerendered, track)
        out = _collect((renderer.batch(b) for b in batches), writer, progress, keep_markdown)
        for _step in meanwhile() if meanwhile is not None else ():
            pass
        return out
    global _FORK_STATE
    _FORK_STATE = (site, project, cache_db, prerendered, track)
    try:
        context = multiprocessing.get_context("fork")
        with forking():
            pool = context.Pool(workers - 1, initializer=_start_worker,
                                initargs=(os.getpid(),))
        widen_pipes(pool)
        with pool:
            dispatch = _Dispatch(pool, batches, workers - 1)
            # (made after the fork: it may open the cache database)
            here = _PageRenderer(site, project, cache_db, prerendered, track)
            steps = meanwhile() if meanwhile is not None else iter(())
            try:
                out = _collect(dispatch.results(here, steps), writer, progress, keep_markdown)
            finally:
                dispatch.stop()
            for _step in steps:  # (what is left of it once every page is written)
                pass
            return out
    finally:
        _FORK_STATE = None


_DONE = object()


class _Dispatch:
    """Hands batches out: to each worker, AHEAD at a time, topped up as each finishes (from
    the pool's result thread, so that they keep busy while the main process does other
    work); to the main process whenever no worker's batch is ready for it to write. Few
    ahead, so that the main process never waits long for the last ones; at most IN_FLIGHT
    finished and not yet taken, so that pages do not pile up in memory."""

    def __init__(self, pool: Pool, batches: list[list[PageKey]], workers: int) -> None:
        self._pool = pool
        self._upcoming = iter(batches)
        self._lock = threading.Lock()
        self._queue: deque[AsyncResult[_Batch]] = deque()  # handed out, not yet taken
        self._busy = 0  # handed to workers, not finished
        self._ahead = AHEAD * workers
        self._stopped = False
        with self._lock:
            self._top_up()

    def results(self, here: _PageRenderer, steps: Iterator[None]) -> Iterator[_Batch]:
        """Every batch, in the order handed out; while the workers' next one is not ready,
        a step of `steps` (the main process's other work) or a batch rendered `here`."""
        while True:
            with self._lock:
                head = self._queue[0] if self._queue else None
                waiting = head is None or not head.ready()
            if waiting and next(steps, _DONE) is not _DONE:
                continue
            with self._lock:
                own = next(self._upcoming, None) if waiting else None
            if own is not None:
                yield here.batch(own)
                continue
            if head is None:
                return
            done = head.get()  # (raises what the worker raised)
            with self._lock:
                self._queue.popleft()
                self._top_up()
            yield done

    def stop(self) -> None:
        with self._lock:
            self._stopped = True

    def _finished(self, _result: object) -> None:  # in the pool's result thread
        with self._lock:
            self._busy -= 1
            self._top_up()

    def _top_up(self) -> None:
        while not self._stopped and self._busy < self._ahead and \
                len(self._queue) < IN_FLIGHT:
            batch = next(self._upcoming, None)
            if batch is None:
                return
            self._queue.append(self._pool.apply_async(
                _render_batch, (batch,), callback=self._finished,
                error_callback=self._finished))
            self._busy += 1


def _collect(batches: Iterable[_Batch], writer: SiteWriter, progress: Progress | None,
             keep_markdown: Callable[[dict[bytes, str]], None] | None) -> Rendered:
    out = Rendered()
    for batch in batches:
        for name, data, deps, digest, record in batch.files:
            writer.write(name, data)
            out.pages[name] = (deps, digest)  # (a tuple of strings: the GC lets go of it)
            out.records[name] = record
        if keep_markdown is not None and batch.markdown:
            keep_markdown(batch.markdown)
        out.findings.extend(batch.findings)
        if progress is not None:
            progress.done(len(out.pages))
    return out


class _PageRenderer:
    """One process's renderer: pages → bytes, hashes and scan findings."""

    def __init__(self, site: Site, project: Path, cache_db: Path | None,
                 prerendered: dict[bytes, str] | None, track: bool = True) -> None:
        self.store = MarkdownStore(cache_db, prerendered)
        self.renderer = Renderer(site, project, self.store)
        self.scanner = OutputScanner(site.config.root_path)  # (the theme's: every language's)
        self.fingerprints = Fingerprints(site) if track else None

    def batch(self, keys: list[PageKey]) -> _Batch:
        files: list[tuple[str, bytes, tuple[DepKey, ...], str, str]] = []
        findings: list[Finding] = []
        for key in keys:
            if self.fingerprints is None:
                name, data = self.renderer.render(key)
                files.append((name, data, (), bytes_digest(data), ""))
            else:
                reader = TrackingSite(self.renderer.site)
                name, data = self.renderer.render(key, reader)
                ordered = tuple(sorted(reader.deps))
                record = self.fingerprints.record(ordered)
                files.append((name, data, ordered, bytes_digest(data), record))
            findings.extend(self.scanner.file(name, data))
        markdown, self.store.new = self.store.new, {}
        return _Batch(files, markdown, findings)


# Set only while a pool runs, so that forked workers inherit the Site instead of unpickling
# it; never read in the parent.
_FORK_STATE: tuple[Site, Path, Path | None, dict[bytes, str] | None, bool] | None = None
_WORKER: _PageRenderer | None = None


def _start_worker(parent: int) -> None:
    die_with_parent(parent)
    global _WORKER
    assert _FORK_STATE is not None
    _WORKER = _PageRenderer(*_FORK_STATE)


def _render_batch(keys: list[PageKey]) -> _Batch:
    assert _WORKER is not None
    return _WORKER.batch(keys)
