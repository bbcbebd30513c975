"""Patching a linked Site after an edit that keeps its shape, without a full check.

When every edited file is a content file the last build read, and the entities it defines
keep their ids, references, kinds and the order of every list (the usual edit: fixing prose,
a summary, a quote, a title), only those files are loaded and validated again and the
entities are swapped into the Site. Anything else returns None: a full build decides.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from detente.content.diagnostics import Diagnostics
from detente.content.link import iter_refs, sort_entities
from detente.content.load import load_files, static_files
from detente.content.model import Entity, Page, Position, Site
from detente.content.validate import Validator
from detente.incremental.depkey import DepKey, changed_by_edit

CONTENT_SUFFIXES = (".md", ".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class Patch:
    site: Site  # the Site with the edited entities in place
    changed: tuple[str, ...]  # ids of the entities that changed
    affected: frozenset[DepKey]  # the dependency keys whose data changed


def files_of(site: Site) -> dict[str, tuple[str, ...]]:
    """Content file → ids of the entities it defines (or gives the body of)."""
    files: dict[str, list[str]] = {}
    for entity in site.entities.values():
        for path in _entity_files(entity):
            files.setdefault(path, []).append(entity.id)
    return {path: tuple(ids) for path, ids in files.items()}


def patch_site(project: Path, site: Site, files: dict[str, tuple[str, ...]],
               paths: Iterable[str]) -> Patch | None:
    """`site` with the edits in `paths` (relative to `project`) applied, or None when the
    edit changes the site's shape or has a problem (a full check reports it in context)."""
    group = _group(project, site, files, paths)
    if group is None:
        return None
    kind, group_files, old_ids = group
    diagnostics = Diagnostics()
    records = load_files(project, kind, [project / f for f in sorted(group_files)],
                         diagnostics, site.config.expanded_bytes)
    validator = Validator(diagnostics, static_files(project), site.config.title,
                          site.config.label_chars)
    new = {e.id: _dated_as_before(e, site) for e in validator.entities(records)}
    if diagnostics.items or set(new) != old_ids:
        return None
    if any(_shape(site.entities[i]) != _shape(new[i]) for i in new):
        return None
    changed = {i: new[i] for i in sorted(new) if new[i] != site.entities[i]}
    if not _keeps_order(site, changed):
        return None
    affected: set[DepKey] = set()
    for entity in changed.values():
        affected |= changed_by_edit(entity)
    return Patch(_patched(site, changed) if changed else site, tuple(changed),
                 frozenset(affected))


def _dated_as_before(entity: Entity, site: Site) -> Entity:
    """The edited entity with the date the git history gave it at the last full build (an
    edit is not a commit: the history has not changed)."""
    old = site.entities.get(entity.id)
    if old is None or old.modified == entity.modified:
        return entity
    return dataclasses.replace(entity, modified=old.modified)


def _entity_files(entity: Entity) -> tuple[str, ...]:
    paths = [entity.span.path]
    if entity.body is not None and entity.body.span.path not in paths:
        paths.append(entity.body.span.path)
    return tuple(paths)


def _group(project: Path, site: Site, files: dict[str, tuple[str, ...]],
           paths: Iterable[str]) -> tuple[str, set[str], set[str]] | None:
    """The files to load again (an edited file and the other files of its entities),
    their kind folder and the ids they define; None when a full build is needed."""
    kinds: set[str] = set()
    group: set[str] = set()
    ids: set[str] = set()
    for path in paths:
        parts = path.split("/")
        if len(parts) < 3 or not path.endswith(CONTENT_SUFFIXES) or path not in files or \
                not (project / path).is_file() or \
                (project / path).is_symlink():  # links are checked by a full build
            return None  # new, deleted or moved files change the site's shape
        kinds.add(parts[1])
        for entity_id in files[path]:
            ids.add(entity_id)
            group.update(_entity_files(site.entities[entity_id]))
    for path in list(group):  # every entity of every file in the group, too
        ids.update(files.get(path, ()))
    if len(kinds) != 1:
        return None
    kind = next(iter(kinds))
    if any(not f.startswith(f"content/{kind}/") for f in group):
        return None
    return kind, group, ids


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
        if [e.id for e in sort_entities(entity.kind, items)] != [e.id for e in items]:
            return False
    return True


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
