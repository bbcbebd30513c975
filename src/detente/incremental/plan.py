"""Which pages need rendering again, and what to remember about the ones that were."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from detente.content.routes import output_file
from detente.incremental.cache import BuildCache, bytes_digest
from detente.incremental.depkey import DepKey
from detente.incremental.fingerprints import Fingerprints
from detente.pages.page import PageKey


def is_clean(key: PageKey, cache: BuildCache | None, fingerprints: Fingerprints,
             previous: Path | None, verify: bool = False) -> bool:
    """Unchanged since the previous build: same fingerprints of all it read, and its file
    still there (with the same bytes, when `verify`)."""
    if cache is None or previous is None:
        return False
    name = output_file(key.path)
    record = cache.pages.get(name)
    if record is None or not (previous / name).is_file():
        return False
    if not all(fingerprints(dep) == value for dep, value in record.deps.items()):
        return False
    return not verify or bytes_digest((previous / name).read_bytes()) == record.digest


def remember(cache: BuildCache | None, rendered: Mapping[str, tuple[tuple[DepKey, ...], str]],
             records: Mapping[str, str], keys: list[PageKey]) -> int:
    """Store the records of the pages rendered (output file → its dependency keys and the
    digest of its bytes; `records`: {key: fingerprint} as JSON); drop those of pages gone.
    Returns how many pages' bytes changed."""
    if cache is None:
        return len(rendered)
    changed = 0
    for path, (_deps, digest) in rendered.items():
        old = cache.pages.get(path)
        changed += old is None or old.digest != digest
    live = {output_file(k.path) for k in keys}
    cache.save(((path, records[path], digest) for path, (_deps, digest) in rendered.items()),
               [p for p in cache.pages if p not in live])
    cache.close()
    return changed


def page_dependencies(cache: BuildCache | None,
                      rendered: Mapping[str, tuple[tuple[DepKey, ...], str]],
                      keys: list[PageKey]) -> dict[str, frozenset[DepKey]]:
    """What each page read: as rendered now, or as the cache remembers it."""
    deps = {path: frozenset(keys_read) for path, (keys_read, _digest) in rendered.items()}
    if cache is not None:
        for key in keys:
            name = output_file(key.path)
            if name not in deps and name in cache.pages:
                deps[name] = frozenset(DepKey(k) for k in cache.pages[name].deps)
    return deps
