"""What `detente build` tells people while it works: a one-line progress display at a
terminal (never in CI or a pipe), stage timings for --verbose, and the summary line."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from typing import Protocol, TextIO

DELAY_SECONDS = 0.5  # builds shorter than this show no progress at all
REDRAW_SECONDS = 0.1


class Progress(Protocol):
    """What the build reports: a new stage (with its size, when known), and how far it got."""

    def stage(self, name: str, total: int = 0) -> None: ...

    def done(self, count: int) -> None: ...


class NoProgress:
    def stage(self, name: str, total: int = 0) -> None:
        pass

    def done(self, count: int) -> None:
        pass


def live_display_wanted(stream: TextIO, environ: Mapping[str, str] = os.environ) -> bool:
    """A terminal a person watches: not a pipe or file, not CI, not a dumb terminal."""
    ci = environ.get("CI", "").strip().lower()
    if ci not in ("", "0", "false", "no"):
        return False
    return stream.isatty() and environ.get("TERM", "") != "dumb"


class BuildReporter:
    """Times each stage; draws `render 1,234/5,000 pages  2.1 s` over one line on a terminal
    once the build has run for DELAY_SECONDS, and clears it at the end."""

    def __init__(self, stream: TextIO, live: bool,
                 clock: Callable[[], float] = time.perf_counter) -> None:
        self.stream, self.live, self.clock = stream, live, clock
        self.started = clock()
        self.stages: list[tuple[str, float, int]] = []  # name, seconds, total
        self._name, self._total, self._count = "", 0, 0
        self._stage_start = self.started
        self._drawn_at = 0.0
        self._width = 0

    def stage(self, name: str, total: int = 0) -> None:
        self._close()
        self._name, self._total, self._count = name, total, 0
        self._stage_start = self.clock()
        self._draw()

    def done(self, count: int) -> None:
        self._count = count
        self._draw()

    def finish(self) -> None:
        self._close()
        self._name = ""
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0

    def timings(self) -> str:
        """One line per stage, for --verbose."""
        lines = []
        for name, seconds, total in self.stages:
            size = f"  ({total:,} page{'s' * (total != 1)})" if total else ""
            lines.append(f"  {name:<13}{format_seconds(seconds):>9}{size}\n")
        return "".join(lines)

    def _close(self) -> None:
        if self._name:
            self.stages.append((self._name, self.clock() - self._stage_start, self._total))

    def _draw(self) -> None:
        if not self.live or not self._name:
            return
        now = self.clock()
        if now - self.started < DELAY_SECONDS or now - self._drawn_at < REDRAW_SECONDS:
            return
        self._drawn_at = now
        count = f" {self._count:,}/{self._total:,} pages" if self._total else ""
        text = f"{self._name}{count}  {format_seconds(now - self.started)}"
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()
        self._width = max(self._width, len(text))


def format_seconds(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds >= 1 else f"{seconds:.2f} s"


def summary(pages: int, changed: int, seconds: float) -> str:
    return (f"Built {pages:,} page{'s' * (pages != 1)} ({changed:,} changed) in "
            f"{format_seconds(seconds)}")
