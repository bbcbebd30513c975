"""One preview session: rebuild on each batch of changes, keep the last good build, tell the
browsers (LiveHub) and the terminal what happened.

`Rebuild` is the only thing that knows how to build: today a full `build_site` into the
serve cache; an incremental builder can replace it without touching the server.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from detente.build.pipeline import BuildResult
from detente.content.config import load_config
from detente.content.diagnostics import (
    ContentError,
    DetenteError,
    Diagnostic,
    Diagnostics,
    Severity,
    SourceSpan,
)
from detente.content.report import format_diagnostics, summary_line
from detente.serve.reload import LiveHub, LiveState
from detente.serve.watch import Batch, ChangeFeed


@dataclass(frozen=True, slots=True)
class Outcome:
    ok: bool  # the site was rebuilt and is now served
    diagnostics: tuple[Diagnostic, ...]  # the errors (failed) or warnings (ok)
    base_path: str
    pages: int = 0
    changed: int | None = None  # files that differ from the previous build, when known
    seconds: float = 0.0
    announced: bool = False  # open pages were already told to reload for this rebuild


Rebuild = Callable[[Batch], Outcome]


class SiteRebuild:
    """A full build of the project into the serve folder, with links for this server."""

    def __init__(self, project: Path, out: Path, include_drafts: bool, origin: str,
                 cache_dir: Path | None = None) -> None:
        self.project, self.out = project, out
        self.include_drafts, self.origin = include_drafts, origin
        self.cache_dir = cache_dir  # None: the project's .detente-cache/
        self.last_result: BuildResult | None = None  # of the last successful build
        self.builds = 0

    def base_path(self) -> str:
        config = load_config(self.project, Diagnostics())
        return config.base_path if config is not None else "/"

    def __call__(self, batch: Batch) -> Outcome:
        from detente.build.pipeline import build_site

        started = time.perf_counter()
        base_path = self.base_path()
        self.last_result = None
        try:
            # The search index is built once; later builds keep it (a few edits stale)
            # instead of indexing every page again after each edit.
            result = build_site(self.project, self.out, include_drafts=self.include_drafts,
                                base_url=self.origin + base_path,
                                search=True if self.builds == 0 else "stale",
                                cache_dir=self.cache_dir)
            self.last_result = result
            self.builds += 1
        except Exception as exc:
            return Outcome(False, tuple(failure_diagnostics(exc)), base_path,
                           seconds=time.perf_counter() - started)
        return Outcome(True, tuple(result.warnings), base_path, result.pages,
                       getattr(result, "changed", None), time.perf_counter() - started)


# DetenteError messages that name a place: 'templates/x.html:3: template error: ...'.
_LOCATED = re.compile(r"(?P<path>[^\s:]+):(?P<line>\d+)(?::(?P<column>\d+))?: (?P<message>.+)",
                      re.DOTALL)


def failure_diagnostics(exc: Exception) -> list[Diagnostic]:
    """Why a build failed, as diagnostics the overlay and the terminal can show."""
    if isinstance(exc, ContentError):
        return exc.diagnostics
    if isinstance(exc, DetenteError):
        located = _LOCATED.match(str(exc))
        if located is None:
            return [Diagnostic(Severity.ERROR, SourceSpan("detente"), str(exc))]
        span = SourceSpan(located["path"], int(located["line"]), int(located["column"] or 1))
        return [Diagnostic(Severity.ERROR, span, located["message"])]
    traceback.print_exception(exc)
    return [Diagnostic(Severity.ERROR, SourceSpan("detente"),
                       f"the build crashed: {type(exc).__name__}: {exc}",
                       "this is a bug in Detente; the traceback is in the terminal")]


class Session:
    """Applies batches: rebuild, then publish the new live state and report to the terminal."""

    def __init__(self, rebuild: Rebuild, hub: LiveHub, terminal: TextIO) -> None:
        self.rebuild = rebuild
        self.hub = hub
        self.terminal = terminal
        self._prefix = secrets.token_hex(4)  # a restarted server makes every page reload
        self._builds = 0

    def apply(self, batch: Batch) -> Outcome:
        _, previous = self.hub.current()
        try:
            outcome = self.rebuild(batch)
        except Exception as exc:  # a Rebuild should not raise; the preview must survive it
            outcome = Outcome(False, tuple(failure_diagnostics(exc)),
                              previous.base_path)
        if outcome.ok:
            if not outcome.announced:
                self._builds += 1
            state = LiveState.of(f"{self._prefix}-{self._builds}", outcome.base_path, True,
                                 outcome.diagnostics)
        else:
            state = LiveState.of(previous.build, previous.base_path, False, outcome.diagnostics)
        self.hub.publish(state)
        self.terminal.write(self.report(batch, outcome, previous))
        self.terminal.flush()
        return outcome

    def announce(self) -> None:
        """A rebuild has written the pages that matter most: reload open pages now."""
        _, previous = self.hub.current()
        self._builds += 1
        self.hub.publish(LiveState.of(f"{self._prefix}-{self._builds}", previous.base_path,
                                      True, ()))

    def report(self, batch: Batch, outcome: Outcome, previous: LiveState) -> str:
        problems = format_diagnostics(outcome.diagnostics, "text")
        what = batch.describe()
        if not outcome.ok:
            still = ("still serving the last good site" if previous.build else
                     "nothing to serve until it builds")
            return (f"{problems}{what}: the build failed "
                    f"({summary_line(outcome.diagnostics)}); {still}\n")
        changed = "" if outcome.changed is None else f" ({outcome.changed:,} changed)"
        fixed = "Fixed. " if not previous.ok else ""
        verb = "Built" if not batch.paths else f"{what}: rebuilt"
        return (f"{problems}{fixed}{verb} {outcome.pages:,} pages{changed} in "
                f"{outcome.seconds:.2f} s\n")


class BuildLoop(threading.Thread):
    """The one thread that builds: first everything, then each batch the feed hands over."""

    def __init__(self, feed: ChangeFeed, session: Session) -> None:
        super().__init__(name="detente-build", daemon=True)
        self.feed = feed
        self.session = session
        self.first_done = threading.Event()

    def run(self) -> None:
        try:
            self.session.apply(Batch.everything())
        finally:
            self.first_done.set()
        while (batch := self.feed.next_batch()) is not None:
            self.session.apply(batch)
