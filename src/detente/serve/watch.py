"""What changed: `classify` (pure), a debouncer (pure, clock passed in), a watchdog adapter.

Editors save in bursts (a temp file, a rename, a backup, a swap file); the debouncer waits
for a quiet period so one save is one rebuild. The period is short once every changed file
is known to be complete: its last event was a close after writing, or a rename onto it
(inotify reports both); after any other event (a file created, written to, moved away,
deleted) it is long enough for the rest of a save to follow.
"""

from __future__ import annotations

import enum
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CLOSED_NO_WRITE,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    EVENT_TYPE_OPENED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from detente.content.config import CONFIG_FILE
from detente.content.load import is_ignored

QUIET_SECONDS = 0.075  # a save's burst of events is over after this much silence
SETTLED_SECONDS = 0.015  # ... or this much, once every file in it was closed or renamed in
LIMIT_SECONDS = 1.0  # a steady stream of events still rebuilds this often
SOURCE_DIRS = ("content", "templates", "static")
# Folders never watched: the outputs (site/, the serve cache) and tools' own folders.
IGNORED_TOP = frozenset({"site", ".detente-cache", "node_modules", "docs-site"})
IGNORED_ANYWHERE = frozenset({".git", ".hg", ".svn", "__pycache__", ".idea", ".vscode"})
# Editors' temporary files that `load.is_ignored` (dotfiles, ~, #, .swp, .tmp) misses.
_TEMP_SUFFIXES = (".swo", ".swn", ".swpx", ".bak", ".orig", ".rej", ".part", ".crdownload",
                  "___jb_tmp___", "___jb_old___", ".kate-swp")
_TEMP_NAMES = frozenset({"4913", "Thumbs.db"})  # vim probes a folder by writing '4913'
# `sed -i` writes the new text to 'sed' and six random characters, then renames it over the
# file; content files always have a suffix, so such a name is never content.
_SED_TEMP_RE = re.compile(r"sed[A-Za-z0-9]{6}\Z")


class ChangeKind(enum.Enum):
    CONFIG = "config"
    CONTENT = "content"
    TEMPLATE = "template"
    STATIC = "static"
    IGNORED = "ignored"


def is_temporary(name: str) -> bool:
    """An editor's swap, lock or backup file, or a partial download."""
    return (is_ignored(name) or name.endswith(_TEMP_SUFFIXES) or name in _TEMP_NAMES
            or _SED_TEMP_RE.match(name) is not None)


def classify(path: str) -> ChangeKind:
    """A path relative to the project (posix separators) → what a change to it affects."""
    parts = PurePosixPath(path).parts
    if not parts or parts[0] in ("..", "/") or parts[0] in IGNORED_TOP:
        return ChangeKind.IGNORED
    if any(part in IGNORED_ANYWHERE for part in parts) or is_temporary(parts[-1]):
        return ChangeKind.IGNORED
    if any(is_ignored(part) for part in parts[:-1]):  # inside a hidden folder
        return ChangeKind.IGNORED
    if len(parts) == 1:
        return ChangeKind.CONFIG if parts[0] == CONFIG_FILE else _top_folder(parts[0])
    return _top_folder(parts[0])


def _top_folder(name: str) -> ChangeKind:
    return {"content": ChangeKind.CONTENT, "templates": ChangeKind.TEMPLATE,
            "static": ChangeKind.STATIC}.get(name, ChangeKind.IGNORED)


@dataclass(frozen=True, slots=True)
class Batch:
    """The changes one rebuild answers: what kinds of thing, and which paths."""

    kinds: frozenset[ChangeKind]
    paths: tuple[str, ...]

    @classmethod
    def everything(cls) -> Batch:
        """The first build: as if every source had changed."""
        kinds = frozenset(k for k in ChangeKind if k is not ChangeKind.IGNORED)
        return cls(kinds, ())

    def describe(self) -> str:
        if not self.paths:
            return "start"
        shown = ", ".join(self.paths[:3])
        return shown + (f" and {len(self.paths) - 3} more" if len(self.paths) > 3 else "")


@dataclass(slots=True)
class Debouncer:
    """Collects changes; a batch is due after `quiet` seconds without a new one (`settled`
    seconds when the last change to each of its files said the file is complete), or
    `limit` seconds after its first change. Time is passed in, so tests need no sleeping."""

    quiet: float = QUIET_SECONDS
    limit: float = LIMIT_SECONDS
    settled: float = SETTLED_SECONDS
    _paths: dict[str, ChangeKind] = field(default_factory=dict)
    _unsettled: set[str] = field(default_factory=set)
    _born: set[str] = field(default_factory=set)  # created within the batch
    _gone: set[str] = field(default_factory=set)  # deleted or moved away, last we heard
    _first: float = 0.0
    _last: float = 0.0

    def add(self, path: str, kind: ChangeKind, now: float, complete: bool = False,
            created: bool = False, gone: bool = False) -> None:
        """`complete`: the event says the file is whole (closed after writing, renamed in);
        `created`, `gone`: the event made the file, or removed it. A file made and removed
        within one batch (a tool's temporary file) is no change."""
        if kind is ChangeKind.IGNORED:
            return
        if not self._paths:
            self._first = now
        if created and path not in self._paths:
            self._born.add(path)
        (self._gone.add if gone else self._gone.discard)(path)
        self._paths[path] = kind
        if complete:
            self._unsettled.discard(path)
        else:
            self._unsettled.add(path)
        self._last = now

    def deadline(self) -> float | None:
        """When the pending batch falls due; None when nothing is pending."""
        if not self._paths:
            return None
        quiet = self.quiet if self._unsettled else min(self.settled, self.quiet)
        return min(self._last + quiet, self._first + self.limit)

    def take(self, now: float) -> Batch | None:
        due = self.deadline()
        if due is None or now < due:
            return None
        transient = self._born & self._gone
        paths = {p: kind for p, kind in self._paths.items() if p not in transient}
        self._paths, self._unsettled, self._born, self._gone = {}, set(), set(), set()
        if not paths:
            return None  # only temporary files came and went: nothing to rebuild
        return Batch(frozenset(paths.values()), tuple(sorted(paths)))


class ChangeFeed:
    """A thread-safe Debouncer: watchdog's thread pushes paths, the build loop takes batches."""

    def __init__(self, project: Path, quiet: float = QUIET_SECONDS,
                 limit: float = LIMIT_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.project = project.resolve()
        self._debouncer = Debouncer(quiet, limit)
        self._clock = clock
        self._cond = threading.Condition()
        self._closed = False

    def push(self, path: str | Path, complete: bool = False, created: bool = False,
             gone: bool = False) -> ChangeKind:
        """An absolute path (or one relative to the project) that an event named;
        `complete`, `created`, `gone`: what the event says of the file (Debouncer.add)."""
        relative = self.relative(Path(path))
        kind = ChangeKind.IGNORED if relative is None else classify(relative)
        if relative is not None and kind is not ChangeKind.IGNORED:
            with self._cond:
                self._debouncer.add(relative, kind, self._clock(), complete, created, gone)
                self._cond.notify_all()
        return kind

    def relative(self, path: Path) -> str | None:
        absolute = path if path.is_absolute() else self.project / path
        try:
            return absolute.relative_to(self.project).as_posix()
        except ValueError:
            return None

    def pending(self) -> bool:
        """Whether changes are waiting for their batch."""
        with self._cond:
            return self._debouncer.deadline() is not None

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def next_batch(self, timeout: float | None = None) -> Batch | None:
        """Block until a batch is due; None once the feed is closed (or after `timeout`)."""
        give_up = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while not self._closed:
                now = self._clock()
                batch = self._debouncer.take(now)
                if batch is not None:
                    return batch
                deadline = self._debouncer.deadline()
                wait = None if deadline is None else max(deadline - now, 0.001)
                if give_up is not None:
                    left = give_up - time.monotonic()
                    if left <= 0:
                        return None
                    wait = left if wait is None else min(wait, left)
                self._cond.wait(wait)
            return None


# Event types that are not changes: watchdog reports files being opened and read (the build
# itself reads every content file) on Linux.
_NOT_CHANGES = frozenset({EVENT_TYPE_OPENED, EVENT_TYPE_CLOSED_NO_WRITE})


class Watcher(FileSystemEventHandler):
    """Watches detente.yaml, content/, templates/ and static/ with watchdog; feeds paths.

    The project root is watched without recursion (so site/ and the serve cache, which each
    build rewrites, cost nothing) and each source folder recursively, from when it exists.
    """

    def __init__(self, project: Path, feed: ChangeFeed) -> None:
        super().__init__()
        self.project = project.resolve()
        self.feed = feed
        self._observer = Observer()
        self._watches: dict[str, ObservedWatch] = {}
        self._lock = threading.Lock()

    def start(self) -> None:
        self._observer.schedule(self, str(self.project), recursive=False)
        self.ensure_watches()
        self._observer.start()

    def stop(self) -> None:
        self._observer.stop()
        self._observer.join(timeout=5)

    def ensure_watches(self) -> None:
        """Watch source folders that appeared; forget those that went away."""
        with self._lock:
            for name in SOURCE_DIRS:
                folder = self.project / name
                watch = self._watches.get(name)
                if watch is not None and not folder.is_dir():
                    self._observer.unschedule(watch)
                    del self._watches[name]
                elif watch is None and folder.is_dir() and not folder.is_symlink():
                    self._watches[name] = self._observer.schedule(self, str(folder),
                                                                  recursive=True)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in _NOT_CHANGES or (
                event.is_directory and event.event_type == EVENT_TYPE_MODIFIED):
            return  # a folder is 'modified' when an entry changes: that entry is reported
        # Complete: a file closed after writing, or the target of a rename (an atomic save);
        # a rename's source is gone, which the rest of a save may undo.
        closed = event.event_type == EVENT_TYPE_CLOSED and not event.is_directory
        created = event.event_type == EVENT_TYPE_CREATED
        gone = event.event_type in (EVENT_TYPE_DELETED, EVENT_TYPE_MOVED)  # the source
        # (A rename's target may have existed before: it is not 'created'.)
        for raw, complete, made, removed in ((event.src_path, closed, created, gone),
                                             (event.dest_path, not event.is_directory, False,
                                              False)):
            path = raw.decode() if isinstance(raw, bytes) else str(raw)
            if not path:
                continue
            self.feed.push(path, complete, made, removed)
            if Path(path).parent == self.project and Path(path).name in SOURCE_DIRS:
                self.ensure_watches()
