"""The persistent build cache in `.detente-cache/` (git-ignored, safe to delete).

SQLite (stdlib, no code ever loaded from it): rendered Markdown by text hash, and per
output page the fingerprints of what it read plus the hash of its bytes. Everything is
keyed by a global key (Detente version, templates, config, flags): when that changes, the
page records are dropped; the Markdown, by its own key (Detente version, Markdown libraries,
`allow_html`). Any problem reading the cache means starting without it.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

CACHE_DIR = ".detente-cache"
SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class PageRecord:
    deps: dict[str, str]  # dependency key → fingerprint when the page was rendered
    digest: str  # blake2b of the page's bytes


def text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def bytes_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class BuildCache:
    def __init__(self, folder: Path, global_key: str, markdown_key: str) -> None:
        self.folder = folder
        self.global_key = global_key
        self.markdown_key = markdown_key
        self.db: sqlite3.Connection | None = None
        self.pages: dict[str, PageRecord] = {}
        self.db_path = folder / f"cache-v{SCHEMA_VERSION}.sqlite"
        self._saving: threading.Thread | None = None
        self._queue: queue.SimpleQueue[dict[bytes, str] | None] = queue.SimpleQueue()
        self._failed = False  # the thread's writing failed: the cache is not to be trusted
        try:
            self._open()
        except (sqlite3.Error, OSError, ValueError):
            self._reset()

    @staticmethod
    def exists(folder: Path) -> bool:
        return (folder / f"cache-v{SCHEMA_VERSION}.sqlite").is_file()

    def _open(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tag = self.folder / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n"
                           "# Detente's build cache; safe to delete.\n")
        self.db = sqlite3.connect(self.db_path,
                                  isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);"
            "CREATE TABLE IF NOT EXISTS markdown (key BLOB PRIMARY KEY, html TEXT);"
            "CREATE TABLE IF NOT EXISTS pages (path TEXT PRIMARY KEY, deps TEXT, digest TEXT);")
        for name, key, table in (("global", self.global_key, "pages"),
                                 ("markdown", self.markdown_key, "markdown")):
            row = self.db.execute("SELECT value FROM meta WHERE key=?", (name,)).fetchone()
            if row is None or row[0] != key:
                self.db.execute(f"DELETE FROM {table}")
                self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, key))
        for path, deps, digest in self.db.execute("SELECT path, deps, digest FROM pages"):
            self.pages[path] = PageRecord(json.loads(deps), digest)

    def _reset(self) -> None:
        """A broken cache is thrown away, never trusted."""
        if self.db is not None:
            self.db.close()
        self.db = None
        self.pages = {}
        for leftover in self.folder.glob(f"cache-v{SCHEMA_VERSION}.sqlite*"):
            leftover.unlink(missing_ok=True)
        try:
            self._open()
        except (sqlite3.Error, OSError, ValueError):
            self.db = None

    def save_markdown_meanwhile(self, markdown: dict[bytes, str]) -> None:
        """Store Markdown HTML from a thread (SQLite lets go of the GIL while it writes),
        while the build goes on; `save` and `close` wait for it. Called as the HTML comes
        (prerendered, then batch by batch), so that it need not be kept until the end.
        Never fork meanwhile: a child would inherit SQLite's locks as the thread holds
        them, and hang on them."""
        if self.db is None or not markdown:
            return
        if self._saving is None:
            self._saving = threading.Thread(target=self._save_markdown, daemon=True)
            self._saving.start()
        self._queue.put(markdown)

    def markdown_saved(self) -> None:
        """Wait until the Markdown handed to `save_markdown_meanwhile` is stored: before
        forking again (the translations' pages are rendered by a pool of their own)."""
        self._wait()

    def _save_markdown(self) -> None:
        assert self.db is not None
        while (markdown := self._queue.get()) is not None:
            if self._failed:
                continue
            try:
                self.db.execute("BEGIN")
                self.db.executemany("INSERT OR REPLACE INTO markdown VALUES (?, ?)",
                                    markdown.items())
                self.db.execute("COMMIT")
            except sqlite3.Error:
                self._failed = True

    def _wait(self) -> None:
        if self._saving is not None:
            self._queue.put(None)
            self._saving.join()
            self._saving = None

    def save(self, pages: Iterable[tuple[str, str, str]], removed: Iterable[str]) -> None:
        """`pages`: (output file, {dependency key: fingerprint} as JSON, digest). Markdown
        was stored as it came (`save_markdown_meanwhile`)."""
        self._wait()
        if self.db is None:
            return
        if self._failed:
            self._reset()
            return
        try:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?, ?)", pages)
            self.db.executemany("DELETE FROM pages WHERE path = ?", ((p,) for p in removed))
            self.db.execute("COMMIT")
        except sqlite3.Error:
            self._reset()

    def close(self) -> None:
        self._wait()
        if self.db is not None:
            self.db.close()
            self.db = None


class MarkdownStore:
    """Cached Markdown HTML for one process: read from the cache lazily, new entries kept.

    Each process opens its own read connection (connections must not cross a fork).
    `preloaded`: HTML rendered ahead of time this build (prerender.py), not yet in the cache.
    """

    def __init__(self, db_path: Path | None,
                 preloaded: dict[bytes, str] | None = None) -> None:
        self.db_path = db_path
        self.preloaded = preloaded or {}
        self.new: dict[bytes, str] = {}
        self._db: sqlite3.Connection | None = None
        self._pid = 0

    def get(self, key: bytes) -> str | None:
        found = self.new.get(key)
        if found is None:
            found = self.preloaded.get(key)
        if found is not None or self.db_path is None:
            return found
        if self._db is None or self._pid != os.getpid():
            try:
                self._db = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True)
            except sqlite3.Error:
                self.db_path = None
                return None
            self._pid = os.getpid()
        try:
            row = self._db.execute("SELECT html FROM markdown WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return None if row is None else str(row[0])

    def put(self, key: bytes, html: str) -> None:
        self.new[key] = html

    def html(self, text: str, render: Callable[[str], str]) -> str:
        key = text_key(text)
        found = self.get(key)
        if found is None:
            found = self.new[key] = render(text)
        return found
