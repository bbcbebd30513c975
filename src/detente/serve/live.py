"""Live rebuilds for `detente serve`: the build's live path where an edit allows it
(`detente.build.live`: only the pages the edit affects, from memory), a full build where it
must (a new or deleted file, a changed id or reference, a reordered list, a template or a
setting: the build cache keeps that short)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from detente.build.live import LiveSite
from detente.incremental.cache import MarkdownStore
from detente.serve.session import Outcome, SiteRebuild
from detente.serve.watch import Batch, ChangeKind


class LiveRebuild:
    """A `Rebuild` for the preview: incremental where it can be, full where it must be."""

    def __init__(self, project: Path, out: Path, include_drafts: bool, origin: str,
                 announce: Callable[[], None] | None = None,
                 cache_dir: Path | None = None) -> None:
        self.project, self.out = project, out
        self.full = SiteRebuild(project, out, include_drafts, origin, cache_dir)
        self.announce = announce  # tells open pages to reload before the slower pages
        self.live: LiveSite | None = None
        self.store = MarkdownStore(None)  # Markdown HTML kept between edits
        self.patches = 0  # batches applied by the live path (for tests and --verbose)

    def __call__(self, batch: Batch) -> Outcome:
        if self.live is not None and batch.paths and batch.kinds == {ChangeKind.CONTENT}:
            started = time.perf_counter()
            update = self.live.update(batch.paths, self.announce)
            if update is not None:
                self.patches += 1
                return Outcome(True, (), self.live.site.config.base_path, update.pages,
                               update.written, time.perf_counter() - started,
                               announced=update.announced)
        self.live = None
        outcome = self.full(batch)
        if outcome.ok:
            self.live = LiveSite.of(self.project, self.out, self.full.last_result, self.store)
        return outcome
