"""Has anything changed since the last build? Per-file records of the inputs, and a stat
fingerprint of the output.

A warm build with nothing changed must not parse, render or write anything. The inputs are
every file under content/, templates/, static/ and locales/ plus detente.yaml, Detente's
code and the build flags. Each input file is remembered by its stat (size, mtime, inode)
and the digest of its bytes. A file whose stat is as remembered is unchanged without being
read, unless it was modified within the clock's resolution of the moment it was remembered
(it may have changed again since, in the same tick): such a file, and any whose stat
differs (an edit, a fresh clone, a restored cache), is read and judged by its digest. So
the build right after an edit, and a CI job on a fresh clone of the same commit, both find
nothing changed.

The output is the built folder's file list with sizes, mtimes and inodes: a hand-edited or
damaged site/ is rebuilt.
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
CONFIG = "detente.yaml"
RACY_NS = 2_000_000_000  # modified this close to being remembered: read it again
Stat = tuple[int, int, int]  # size, mtime_ns, inode


def _walk(root: Path, prefix: str, found: dict[str, Stat]) -> None:
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _walk(Path(entry.path), f"{prefix}{entry.name}/", found)
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        found[prefix + entry.name] = (st.st_size, st.st_mtime_ns, st.st_ino)


def input_stats(project: Path) -> dict[str, Stat]:
    """Every input file (relative path) and its stat."""
    found: dict[str, Stat] = {}
    with contextlib.suppress(OSError):
        st = (project / CONFIG).stat()
        found[CONFIG] = (st.st_size, st.st_mtime_ns, st.st_ino)
    for folder in INPUT_FOLDERS:
        _walk(project / folder, folder + "/", found)
    return found


def _digest(path: Path) -> str:
    try:
        if path.is_symlink():  # (the check refuses links; the target is not ours to read)
            return "link:" + os.readlink(path)
        with open(path, "rb") as file:
            return hashlib.file_digest(file, lambda: hashlib.blake2b(digest_size=16)).hexdigest()
    except OSError:
        return "-"


class InputState:
    """The inputs now: each file's stat and, read only where the stat cannot vouch for it,
    its digest (the previous record's where it can)."""

    def __init__(self, project: Path, flags: str, previous: dict[str, Any]) -> None:
        self.taken_ns = time.time_ns()
        self.key = hashlib.blake2b((code_key() + "\0" + flags).encode(
            "utf-8", "surrogateescape"), digest_size=16).hexdigest()
        files, taken = previous.get("files"), previous.get("taken_ns")
        old_files: dict[str, Any] = files if isinstance(files, dict) else {}
        old_taken = taken if isinstance(taken, int) else 0
        self.files: dict[str, list[Any]] = {}
        for name, stat in input_stats(project).items():
            old = old_files.get(name)
            if isinstance(old, list) and len(old) == 4 and tuple(old[:3]) == stat and \
                    stat[1] < old_taken - RACY_NS:
                self.files[name] = old  # the stat vouches for it: not read
            else:
                self.files[name] = [*stat, _digest(project / name)]

    def same_content(self, previous: dict[str, Any]) -> bool:
        """The same inputs as `previous` records: flags, code and every file's bytes."""
        old = previous.get("files")
        if previous.get("key") != self.key or not isinstance(old, dict) or \
                old.keys() != self.files.keys():
            return False
        return all(isinstance(entry, list) and len(entry) == 4 and entry[3] == mine[3]
                   for entry, mine in ((old[name], mine) for name, mine in self.files.items()))

    def record(self) -> dict[str, Any]:
        return {"key": self.key, "taken_ns": self.taken_ns, "files": self.files}


def output_state(out: Path) -> str:
    found: dict[str, Stat] = {}
    _walk(out, "", found)
    return hashlib.blake2b(json.dumps(sorted(found.items())).encode(
        "utf-8", "surrogateescape"), digest_size=16).hexdigest()


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
    every input file's bytes (`InputState`), the build flags, and the output as it left it."""

    def __init__(self, project: Path, out: Path, cache_dir: Path, flags: str,
                 use_cache: bool, marker: str) -> None:
        self.cache_dir = cache_dir
        self.out = out
        self.record = load_last_build(cache_dir)
        inputs = self.record.get("inputs")
        self.state = InputState(project, flags, inputs if isinstance(inputs, dict) else {}) \
            if use_cache else None
        self.output_as_left = bool(self.record) and (out / marker).is_file() and \
            self.record.get("output") == output_state(out)

    def unchanged(self) -> dict[str, Any] | None:
        """The previous record when no input or output file changed since it was made."""
        inputs = self.record.get("inputs")
        if self.state is None or not self.output_as_left or not isinstance(inputs, dict) or \
                not self.state.same_content(inputs):
            return None
        return self.record

    def forget(self) -> None:
        """A build is under way: until it ends, nothing is known to be unchanged."""
        forget_last_build(self.cache_dir)

    def save(self, result: dict[str, Any]) -> None:
        if self.state is None:
            return
        try:  # the site is in place; the record only lets the next build skip work
            save_last_build(self.cache_dir, {"inputs": self.state.record(),
                                             "output": output_state(self.out), **result})
        except OSError:
            with contextlib.suppress(OSError):
                forget_last_build(self.cache_dir)
