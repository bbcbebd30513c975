"""Has anything changed since the last build? Stat-level fingerprints of inputs and output.

A warm build with nothing changed must not parse, render or write anything. The inputs are
every file under content/, templates/, static/ and locales/ plus detente.yaml (path, size, mtime,
inode), Detente's code and the build flags; the output is the built folder's file list
with sizes and mtimes, so a hand-edited or damaged site/ is rebuilt. A file modified in
the same second as the fingerprint was taken is never trusted (it may change again within
the clock's resolution), which forces a real build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

from detente.incremental.fingerprint import code_key

INPUT_FOLDERS = ("content", "templates", "static", "locales")
RACY_SECONDS = 2.0


def _walk(root: Path, h: hashlib.blake2b, newest: list[float]) -> None:
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _walk(Path(entry.path), h, newest)
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        newest[0] = max(newest[0], st.st_mtime)
        h.update(f"{entry.path}\x00{st.st_size}\x00{st.st_mtime_ns}\x00{st.st_ino}\n".encode(
            "utf-8", "surrogateescape"))


def input_state(project: Path, flags: str) -> str | None:
    """A fingerprint of everything a build reads; None if a file changed too recently."""
    h = hashlib.blake2b(digest_size=16)
    h.update(code_key().encode())
    h.update(flags.encode("utf-8", "surrogateescape"))
    newest = [0.0]
    config = project / "detente.yaml"
    try:
        st = config.stat()
    except OSError:
        return None
    newest[0] = st.st_mtime
    h.update(f"{st.st_size}\x00{st.st_mtime_ns}\x00{st.st_ino}\n".encode())
    for folder in INPUT_FOLDERS:
        h.update(folder.encode() + b"\x01")
        _walk(project / folder, h, newest)
    if time.time() - newest[0] < RACY_SECONDS:
        return None
    return h.hexdigest()


def output_state(out: Path) -> str:
    h = hashlib.blake2b(digest_size=16)
    _walk(out, h, [0.0])
    return h.hexdigest()


LAST_BUILD = "last-build.json"


def load_last_build(cache_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((cache_dir / LAST_BUILD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_last_build(cache_dir: Path, record: dict[str, Any]) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    temporary = cache_dir / f"{LAST_BUILD}.{os.getpid()}"
    temporary.write_text(json.dumps(record, sort_keys=True), encoding="utf-8")
    os.replace(temporary, cache_dir / LAST_BUILD)


def forget_last_build(cache_dir: Path) -> None:
    (cache_dir / LAST_BUILD).unlink(missing_ok=True)


class LastBuild:
    """The previous build's record, and whether anything it was made from changed since:
    every input file (`input_state`), the build flags, and the output as it left it."""

    def __init__(self, project: Path, out: Path, cache_dir: Path, flags: str,
                 use_cache: bool, marker: str) -> None:
        self.cache_dir = cache_dir
        self.out = out
        self.state = input_state(project, flags) if use_cache else None
        self.record = load_last_build(cache_dir)
        self.output_as_left = bool(self.record) and (out / marker).is_file() and \
            self.record.get("output") == output_state(out)

    def unchanged(self) -> dict[str, Any] | None:
        """The previous record when no input or output file changed since it was made."""
        if self.state is None or not self.output_as_left or \
                self.record.get("inputs") != self.state:
            return None
        return self.record

    def forget(self) -> None:
        """A build is under way: until it ends, nothing is known to be unchanged."""
        forget_last_build(self.cache_dir)

    def save(self, result: dict[str, Any]) -> None:
        if self.state is None:
            return
        try:  # the site is in place; the record only lets the next build skip work
            save_last_build(self.cache_dir, {"inputs": self.state,
                                             "output": output_state(self.out), **result})
        except OSError:
            with contextlib.suppress(OSError):
                forget_last_build(self.cache_dir)
