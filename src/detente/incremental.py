"""Which pages need rendering again, and what to remember about the ones that were."""

from __future__ import annotations

from pathlib import Path

from detente.cache import BuildCache, bytes_digest
from detente.deps import Fingerprints
from detente.pages import PageKey
from detente.parallel import Rendered
from detente.routes import output_file


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


def remember(cache: BuildCache | None, rendered: Rendered, keys: list[PageKey]) -> int:
    """Store the rendered pages' records; returns how many pages' bytes changed."""
    if cache is None:
        return len(rendered.pages)
    changed = 0
    for path, (_deps, digest) in rendered.pages.items():
        old = cache.pages.get(path)
        changed += old is None or old.digest != digest
    live = {output_file(k.path) for k in keys}
    cache.save(((path, rendered.records[path], digest)
                for path, (_deps, digest) in rendered.pages.items()),
               [p for p in cache.pages if p not in live])
    cache.close()
    return changed
