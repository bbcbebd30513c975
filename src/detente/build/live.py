"""Live rebuilds: after a full build, re-render only what an edit affects, from memory.

A `LiveSite` keeps the last good build's linked Site, each page's dependency keys and a
warm renderer. `update` patches the Site (`detente.incremental.patch`) and renders the pages
that read what changed: the edited entity's own pages first (so that the browser can be
told at once), then the rest (lists, timeline), then the site files. Every page is scanned
as a full build scans it, and written by atomic rename. Both paths give byte-identical
pages (tested).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from detente.build.pipeline import BuildResult
from detente.build.scan import OutputScanner, fail_on
from detente.content.model import Site
from detente.content.routes import output_file
from detente.incremental.cache import MarkdownStore
from detente.incremental.depkey import DepKey
from detente.incremental.patch import files_of, patch_site
from detente.incremental.tracking import TrackingSite
from detente.pages.outputs import site_files, whole
from detente.pages.page import PageKey
from detente.pages.render import Renderer


@dataclass(frozen=True, slots=True)
class LiveUpdate:
    pages: int  # pages in the site
    written: int  # files whose bytes changed
    announced: bool  # `first_written` was called and nothing was written after it


class LiveSite:
    """The last good build, kept to apply edits that keep the site's shape."""

    def __init__(self, project: Path, out: Path, result: BuildResult,
                 store: MarkdownStore) -> None:
        assert result.site is not None
        self.project, self.out = project, out
        self.site: Site = result.site
        self.keys: dict[str, PageKey] = {output_file(k.path): k for k in result.keys}
        self.deps: dict[str, frozenset[DepKey]] = dict(result.page_deps)
        self.files = files_of(result.site)
        self.renderer = Renderer(result.site, project, store)

    @classmethod
    def of(cls, project: Path, out: Path, result: BuildResult | None,
           store: MarkdownStore) -> LiveSite | None:
        """None when the build found nothing to do (no Site to keep): the next full one
        will tell."""
        if result is None or result.site is None:
            return None
        return cls(project, out, result, store)

    def update(self, paths: Iterable[str],
               first_written: Callable[[], None] | None = None) -> LiveUpdate | None:
        """Apply an edit of `paths` in place, or None when it needs a full build."""
        if self.site.translated:  # (the full build renders every language from the edit)
            return None
        patch = patch_site(self.project, self.site, self.files, paths)
        if patch is None:
            return None
        if not patch.changed:
            return LiveUpdate(len(self.keys), 0, False)
        self.site = self.renderer.site = patch.site
        dirty = sorted(path for path, deps in self.deps.items() if deps & patch.affected)
        first = [p for p in dirty if self.keys[p].entity_id in patch.changed]
        rest = [p for p in dirty if p not in set(first)]
        scanner = OutputScanner(self.site.config.base_path)  # as a full build scans
        written = self._render(first, scanner)
        announced = first_written is not None and written > 0
        if announced and first_written is not None:
            first_written()
        later = self._render(rest, scanner) + self._site_files(scanner)
        return LiveUpdate(len(self.keys), written + later, announced and later == 0)

    def _render(self, paths: list[str], scanner: OutputScanner) -> int:
        written = 0
        for path in paths:
            reader = TrackingSite(self.site)
            name, data = self.renderer.render(self.keys[path], reader)
            fail_on(scanner.file(name, data), self.out.name)
            self.deps[name] = frozenset(reader.deps)
            written += _replace(self.out / name, data)
        return written

    def _site_files(self, scanner: OutputScanner) -> int:
        files = {path: whole(pieces) for path, pieces in site_files(self.site)}
        for path, data in files.items():
            fail_on(scanner.file(path, data), self.out.name)
        return sum(_replace(self.out / path, data) for path, data in files.items())


def _replace(path: Path, data: bytes) -> int:
    """Write a file by atomic rename, unless it already holds these bytes. 1 if written."""
    try:
        if path.read_bytes() == data:
            return 0
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return 1
