"""What a test run may not leave in the repository: a build's cache, its output or its
staging folders. The repository root may hold a developer's own `site/` and
`.detente-cache/` from `detente build`: a run is compared with the state before it, so those
count only if the run created or changed them.

tests/conftest.py takes a snapshot when the session starts and fails the run if a second
one, when it ends, differs (`pytest_sessionfinish`).
"""

from __future__ import annotations

import os
from pathlib import Path

# Folder names a build writes: its cache, its default output, its staging and swapped-out
# folders (`.site.tmp-<pid>`, ...), and the preview's output inside the cache.
ARTEFACTS = (".detente-cache", "site")
STAGING_PREFIX = ".site."
# Where to look: the root's own entries, and everything below these folders.
SEARCHED = ("tests", "docs", "src", "content", "templates", "static")
NOT_SEARCHED = frozenset({"node_modules", "__pycache__", ".hypothesis", ".mypy_cache",
                          ".ruff_cache", ".pytest_cache", "golden"})

# 'tests/fixtures/sites/full/.detente-cache/cache-v1.sqlite' → (size, mtime in ns)
Snapshot = dict[str, tuple[int, int]]


def is_artefact(name: str) -> bool:
    return name in ARTEFACTS or name.startswith(STAGING_PREFIX)


def _files(folder: Path, repo: Path, into: Snapshot) -> None:
    into[folder.relative_to(repo).as_posix() + "/"] = (0, 0)  # (an empty folder counts too)
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(root) / name
            try:
                st = path.stat()
            except OSError:
                continue
            into[path.relative_to(repo).as_posix()] = (st.st_size, st.st_mtime_ns)


def snapshot(repo: Path) -> Snapshot:
    """Every file in every build artefact folder of the repository, with its size and mtime."""
    found: Snapshot = {}
    for entry in sorted(repo.iterdir()):
        if entry.is_dir() and is_artefact(entry.name):
            _files(entry, repo, found)
    for top in SEARCHED:
        for root, dirs, _files_here in os.walk(repo / top):
            dirs[:] = sorted(d for d in dirs if d not in NOT_SEARCHED)
            for name in [d for d in dirs if is_artefact(d)]:
                dirs.remove(name)
                _files(Path(root) / name, repo, found)
    return found


def differences(before: Snapshot, after: Snapshot) -> list[str]:
    """One line per file (or folder) a run added to, changed in or removed from the build
    artefacts of the repository."""
    lines = [f"added    {p}" for p in sorted(after.keys() - before.keys())]
    lines += [f"changed  {p}" for p in sorted(after.keys() & before.keys())
              if after[p] != before[p]]
    lines += [f"removed  {p}" for p in sorted(before.keys() - after.keys())]
    return lines
