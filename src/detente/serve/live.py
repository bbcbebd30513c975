"""Live rebuilds for `detente serve`: re-render only what an edit affects, from memory.

After a full build the preview keeps the linked Site, each page's dependencies and a warm
renderer. When a batch only edits content files, and the edit keeps every id and reference
of the entities in those files and the order of every list (the usual case: fixing prose,
a summary, a quote, a title), only those files are loaded and validated again, the Site is
patched, and the pages that read the changed entities are rendered: the edited entity's
own page first (the browser is told at once), then the rest (lists, timeline, feeds).
Anything else (a new or deleted file, a changed id or reference, a title or date that
reorders a list, a template or setting) takes a full build, which the build cache keeps
short. Both paths give byte-identical pages (tested).
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from detente.build.pipeline import BuildResult
from detente.build.scan import OutputScanner, fail_on
from detente.content.diagnostics import Diagnostics
from detente.content.link import iter_refs, sort_key
from detente.content.load import load_files, static_files
from detente.content.model import Entity, Page, Position, Site
from detente.content.routes import output_file
from detente.content.validate import Validator
from detente.incremental.cache import MarkdownStore
from detente.incremental.depkey import DepKey, changed_by_edit
from detente.incremental.tracking import TrackingSite
from detente.pages.outputs import site_files, whole
from detente.pages.page import PageKey
from detente.pages.render import Renderer
from detente.serve.session import Outcome, SiteRebuild
from detente.serve.watch import Batch, ChangeKind

CONTENT_SUFFIXES = (".md", ".yaml", ".yml")


@dataclass(slots=True)
class Snapshot:
    """The last good build, as the live path needs it."""

    site: Site
    keys: dict[str, PageKey]  # output file → page
    deps: dict[str, frozenset[DepKey]]  # output file → what the page read
    files: dict[str, tuple[str, ...]]  # content file → ids of the entities it defines
    renderer: Renderer


def _entity_files(entity: Entity) -> tuple[str, ...]:
    paths = [entity.span.path]
    if entity.body is not None and entity.body.span.path not in paths:
        paths.append(entity.body.span.path)
    return tuple(paths)


def _index_files(site: Site) -> dict[str, tuple[str, ...]]:
    files: dict[str, list[str]] = {}
    for entity in site.entities.values():
        for path in _entity_files(entity):
            files.setdefault(path, []).append(entity.id)
    return {path: tuple(ids) for path, ids in files.items()}


def _shape(entity: Entity) -> tuple[object, ...]:
    """What the linked Site's structure depends on besides order: kind and references."""
    return (type(entity), entity.draft, tuple((field, ref.id) for field, ref in iter_refs(entity)))


def _keeps_order(site: Site, changed: dict[str, Entity]) -> bool:
    """A new title or date is fine if every kind keeps its order (and nothing else that
    depends on a label or a position's date changes: navigation, stance histories)."""
    for entity in changed.values():
        old = site.entities[entity.id]
        if entity.label == old.label and getattr(entity, "date", None) == \
                getattr(old, "date", None):
            continue
        if isinstance(entity, Position | Page):
            return False
        items = tuple(changed.get(e.id, e) for e in site.by_kind[entity.kind])
        if [e.id for e in sorted(items, key=sort_key)] != [e.id for e in items]:
            return False
    return True


class LiveRebuild:
    """A `Rebuild` for the preview: incremental where it can be, full where it must be."""

    def __init__(self, project: Path, out: Path, include_drafts: bool, origin: str,
                 announce: Callable[[], None] | None = None) -> None:
        self.project, self.out = project, out
        self.include_drafts = include_drafts
        self.full = SiteRebuild(project, out, include_drafts, origin)
        self.announce = announce  # tells open pages to reload before the slower pages
        self.snapshot: Snapshot | None = None
        self.store = MarkdownStore(None)
        self.patches = 0  # batches applied by the live path (for tests and --verbose)

    def __call__(self, batch: Batch) -> Outcome:
        if self.snapshot is not None and batch.paths and batch.kinds == {ChangeKind.CONTENT}:
            started = time.perf_counter()
            outcome = self.patch(self.snapshot, batch.paths, started)
            if outcome is not None:
                self.patches += 1
                return outcome
        self.snapshot = None
        outcome = self.full(batch)
        if outcome.ok:
            self.snapshot = self.capture(self.full.last_result)
        return outcome

    # -------------------------------------------------------------- full builds
    def capture(self, result: BuildResult | None) -> Snapshot | None:
        if result is None or result.site is None:
            return None  # the build found nothing to do; the next full one will tell
        keys = {output_file(k.path): k for k in result.keys}
        renderer = Renderer(result.site, self.project, self.store)
        return Snapshot(result.site, keys, dict(result.page_deps), _index_files(result.site),
                        renderer)

    # -------------------------------------------------------------- the live path
    def patch(self, snap: Snapshot, paths: Iterable[str], started: float) -> Outcome | None:
        """Apply an edit in place, or None when it needs a full build."""
        group = self._group(snap, paths)
        if group is None:
            return None
        kind, files, old_ids = group
        diagnostics = Diagnostics()
        records = load_files(self.project, kind, [self.project / f for f in sorted(files)],
                             diagnostics)
        validator = Validator(diagnostics, static_files(self.project), snap.site.config.title)
        entities = validator.entities(records)
        if diagnostics.items:
            return None  # problems are reported by a full check, with their context
        new = {e.id: e for e in entities}
        if set(new) != set(old_ids):
            return None
        old = {i: snap.site.entities[i] for i in old_ids}
        if any(_shape(old[i]) != _shape(new[i]) for i in new):
            return None
        changed = [i for i in sorted(new) if new[i] != old[i]]
        if not _keeps_order(snap.site, {i: new[i] for i in changed}):
            return None
        if not changed:
            return Outcome(True, (), snap.site.config.base_path, len(snap.keys), 0,
                           time.perf_counter() - started)
        snap.site = _patched(snap.site, {i: new[i] for i in changed})
        snap.renderer.site = snap.site
        first, rest = self._dirty(snap, changed)
        scanner = OutputScanner(snap.site.config.base_path)  # as a full build scans
        written = self._render(snap, first, scanner)
        announced = self.announce is not None and written > 0
        if announced and self.announce is not None:
            self.announce()
        later = self._render(snap, rest, scanner) + self._site_files(snap.site, scanner)
        return Outcome(True, (), snap.site.config.base_path, len(snap.keys), written + later,
                       time.perf_counter() - started, announced=announced and later == 0)

    def _group(self, snap: Snapshot,
               paths: Iterable[str]) -> tuple[str, set[str], set[str]] | None:
        """The files to load again (an edited file and the other files of its entities),
        their kind folder and the ids they define; None when a full build is needed."""
        kinds: set[str] = set()
        files: set[str] = set()
        ids: set[str] = set()
        for path in paths:
            parts = path.split("/")
            if len(parts) < 3 or not path.endswith(CONTENT_SUFFIXES) or \
                    not (self.project / path).is_file() or path not in snap.files or \
                    (self.project / path).is_symlink():  # links are checked by a full build
                return None  # new, deleted or moved files change the site's shape
            kinds.add(parts[1])
            for entity_id in snap.files[path]:
                ids.add(entity_id)
                files.update(_entity_files(snap.site.entities[entity_id]))
        for path in list(files):  # every entity of every file in the group, too
            ids.update(snap.files.get(path, ()))
        if len(kinds) != 1 or any(not f.startswith(f"content/{next(iter(kinds))}/")
                                  for f in files):
            return None
        return next(iter(kinds)), files, ids

    def _dirty(self, snap: Snapshot, changed: list[str]) -> tuple[list[str], list[str]]:
        affected: set[DepKey] = set()
        for entity_id in changed:
            affected |= changed_by_edit(snap.site.entities[entity_id])
        dirty = sorted(path for path, deps in snap.deps.items() if deps & affected)
        first = [p for p in dirty if snap.keys[p].entity_id in affected]
        return first, [p for p in dirty if p not in set(first)]

    def _render(self, snap: Snapshot, paths: list[str], scanner: OutputScanner) -> int:
        written = 0
        for path in paths:
            reader = TrackingSite(snap.site)
            name, data = snap.renderer.render(snap.keys[path], reader)
            fail_on(scanner.file(name, data), self.out.name)
            snap.deps[name] = frozenset(reader.deps)
            written += _replace(self.out / name, data)
        return written

    def _site_files(self, site: Site, scanner: OutputScanner) -> int:
        files = {path: whole(pieces) for path, pieces in site_files(site)}
        for path, data in files.items():
            fail_on(scanner.file(path, data), self.out.name)
        return sum(_replace(self.out / path, data) for path, data in files.items())


def _patched(site: Site, changed: dict[str, Entity]) -> Site:
    """The Site with some entities replaced by ones of the same shape (same order, refs)."""
    entities = {**site.entities, **changed}
    by_kind = {kind: tuple(changed.get(e.id, e) for e in items) if
               any(e.id in changed for e in items) else items
               for kind, items in site.by_kind.items()}
    positions = tuple(p for p in by_kind["positions"] if isinstance(p, Position))
    histories = {key: tuple(_same_kind(changed.get(p.id, p), p) for p in items)
                 for key, items in site.histories.items()}
    positions_of = {key: tuple(_same_kind(changed.get(p.id, p), p) for p in items)
                    for key, items in site.positions_of.items()}
    return dataclasses.replace(site, entities=entities, by_kind=by_kind, positions=positions,
                               histories=histories, positions_of=positions_of)


def _same_kind(new: Entity, old: Position) -> Position:
    assert isinstance(new, Position), "a patch keeps every entity's kind"
    return new


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
