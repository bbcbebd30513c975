"""A ChangeFeed for tests on a real folder that no load on the machine can make flaky.

Its clock stands still until the test moves it, so a batch cannot fall due while the events
of a save are still arriving, however slowly. `settle` writes a marker file beside the
changes and waits until the watcher has handed it over: inotify reports the events of one
watched tree in order, so every event before the marker has been pushed by then. Only then
does the clock move past the quiet period.
"""

from __future__ import annotations

import itertools
import threading
from pathlib import Path

from detente.serve.watch import QUIET_SECONDS, ChangeFeed, ChangeKind

WAIT = 60.0  # for the watcher to hand over a marker: only a machine this slow fails
_MARKER = ".detente-test-marker-{}.swp"  # a swap file's name: never a change itself


class ManualClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class SettledFeed(ChangeFeed):
    def __init__(self, project: Path, quiet: float = QUIET_SECONDS, limit: float = 60.0) -> None:
        self.clock = ManualClock()
        super().__init__(project, quiet=quiet, limit=limit, clock=self.clock)
        self._seen: set[str] = set()
        self._marker_seen = threading.Condition()
        self._numbers = itertools.count()

    def push(self, path: str | Path, complete: bool = False, created: bool = False,
             gone: bool = False) -> ChangeKind:
        name = Path(path).name
        if name.startswith(".detente-test-marker-"):
            with self._marker_seen:
                self._seen.add(name)
                self._marker_seen.notify_all()
        return super().push(path, complete, created, gone)

    def settle(self, folder: Path) -> None:
        """Wait until every event so far in `folder`'s watched tree has been pushed, then
        let the quiet period (and the limit) pass."""
        name = _MARKER.format(next(self._numbers))
        marker = folder / name
        marker.write_bytes(b"")
        with self._marker_seen:
            assert self._marker_seen.wait_for(lambda: name in self._seen, WAIT), \
                f"the watcher never reported {marker}"
        marker.unlink()
        self.clock.now += 1000.0
