"""Entities → Site: every id resolved once against one index, and every inverse relation.

Everything here is linear (or n log n for sorting) in the number of references.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache

from detente.content.config import SiteConfig
from detente.content.diagnostics import Diagnostics, did_you_mean
from detente.content.model import (
    KIND_ORDER,
    Actor,
    Backlink,
    Entity,
    Issue,
    Party,
    Position,
    Prose,
    ProseRef,
    Ref,
    Site,
    StatusEntry,
)
from detente.content.schema import PARTY_ROLES, SINGULAR
from detente.content.schemarefs import reference_attributes
from detente.content.sequence import check_after, order_events

# First path segments the site uses itself: a prose page may not take these ids.
RESERVED_PATHS = frozenset({
    "parties", "actors", "issues", "proposals", "events", "timelines", "sources", "timeline",
    "positions", "search", "data", "feed.xml", "sitemap.xml", "404", "404.html", "static",
    "assets", "pagefind", "robots.txt", "index", "changes", "corrections", "changes.xml",
    "corrections.xml",
})


def iter_refs(value: object, field: str = "") -> Iterator[tuple[str, Ref | ProseRef]]:
    """Every reference inside an entity, with the top-level field it stands in."""
    if isinstance(value, Ref | ProseRef):
        yield field, value
    elif isinstance(value, Prose):
        for ref in value.refs:
            yield field, ref
    elif isinstance(value, tuple):
        for item in value:
            yield from iter_refs(item, field)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for name in _ref_fields(type(value)):
            yield from iter_refs(getattr(value, name), field or name)


@cache
def _ref_fields(cls: type) -> tuple[str, ...]:
    """The fields of a model class that can hold references, as the schema declares them,
    in the class's own order (the order backlinks are listed in)."""
    declared = reference_attributes(cls)
    return tuple(f.name for f in dataclasses.fields(cls) if f.name in declared)


def sort_key(entity: Entity) -> tuple[object, ...]:
    date = getattr(entity, "date", None)
    if date is not None:
        return (0, date.sort_key(), entity.label.casefold(), entity.id)
    if isinstance(entity, Party):  # by role, then `order:` (those without one last), name
        role = PARTY_ROLES.index(entity.role) if entity.role else len(PARTY_ROLES)
        order = (0, entity.order) if entity.order is not None else (1, 0)
        return (1, (role, *order), entity.label.casefold(), entity.id)
    return (1, (), entity.label.casefold(), entity.id)


def sort_entities(kind: str, items: Iterable[Entity],
                  index: dict[str, Entity] | None = None) -> tuple[Entity, ...]:
    """A kind's entities in the order the site shows them. Events: by day, then within a
    day by time and `after:` (`index` resolves `after:`; without it, the events given)."""
    if kind == "events":
        listed = list(items)
        return order_events(sorted(listed, key=sort_key),
                            index if index is not None else {e.id: e for e in listed})
    return tuple(sorted(items, key=sort_key))


def link(entities: list[Entity], config: SiteConfig, diagnostics: Diagnostics,
         include_drafts: bool = False, failed_ids: frozenset[str] = frozenset()) -> Site:
    """`failed_ids`: entities that had errors; references to them are not reported again."""
    published = [e for e in entities if include_drafts or not e.draft]
    drafts: dict[str, Entity | None] = {e.id: e for e in entities
                                        if e.draft and not include_drafts}
    index, shared = _index(published, diagnostics)
    # Entities with errors, and ids two entities claim: reported once, where they are.
    drafts.update((i, None) for i in (*failed_ids, *shared))
    backlinks = _backlinks(published, index, drafts, diagnostics)
    _check_pages_and_parents(index, diagnostics)
    by_kind = _by_kind(published)
    check_after(by_kind["events"], index, diagnostics)
    sorted_kinds = {kind: sort_entities(kind, items, index) for kind, items in by_kind.items()}
    positions = tuple(p for p in sorted_kinds["positions"] if isinstance(p, Position))
    histories: dict[tuple[str, str], list[Position]] = defaultdict(list)
    for position in positions:
        histories[(position.holder.id, position.on.id)].append(position)
    histories_of: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for history_key in histories:
        histories_of[history_key[0]].append(history_key)
        histories_of[history_key[1]].append(history_key)
    positions_of: dict[str, list[Position]] = defaultdict(list)
    for position in positions:
        positions_of[position.holder.id].append(position)
        if position.said_by is not None and position.said_by.id != position.holder.id:
            positions_of[position.said_by.id].append(position)
    people: dict[str, list[str]] = defaultdict(list)
    for actor in sorted_kinds["actors"]:
        assert isinstance(actor, Actor)
        for party_id in dict.fromkeys(r.party.id for r in actor.roles if r.party):
            people[party_id].append(actor.id)
    entities_by_id = dict(index)
    entities_by_id.update((p.id, p) for p in positions)
    return Site(
        config=config,
        entities=entities_by_id,
        by_kind=sorted_kinds,
        backlinks={k: tuple(dict.fromkeys(v)) for k, v in backlinks.items()},
        histories={k: tuple(v) for k, v in histories.items()},
        positions=positions,
        people={k: tuple(v) for k, v in people.items()},
        histories_of={k: tuple(v) for k, v in histories_of.items()},
        positions_of={k: tuple(v) for k, v in positions_of.items()},
        event_order={e.id: i for i, e in enumerate(sorted_kinds["events"])},
    )


def _by_kind(entities: list[Entity]) -> dict[str, list[Entity]]:
    by_kind: dict[str, list[Entity]] = {kind: [] for kind in KIND_ORDER}
    for entity in entities:
        by_kind[entity.kind].append(entity)
    return by_kind


def _backlinks(published: list[Entity], index: dict[str, Entity],
               drafts: dict[str, Entity | None],
               diagnostics: Diagnostics) -> dict[str, list[Backlink]]:
    """Every reference checked; those that resolve, as backlinks of their targets."""
    backlinks: dict[str, list[Backlink]] = defaultdict(list)
    for entity in published:
        for field, ref in iter_refs(entity):
            if _check_ref(entity, ref, index, drafts, diagnostics):
                backlinks[ref.id].append(Backlink(entity.id, field))
    return backlinks


def _index(entities: list[Entity],
           diagnostics: Diagnostics) -> tuple[dict[str, Entity], set[str]]:
    """Every entity by id, and the ids more than one entity claims (each reported here)."""
    index: dict[str, Entity] = {}
    shared: set[str] = set()
    for entity in entities:
        if "#" in entity.id:  # positions without an id of their own
            continue
        first = index.get(entity.id)
        if first is not None:
            diagnostics.error(entity.span, f"id '{entity.id}' is already used by "
                              f"{_a(SINGULAR[first.kind])} at {first.span}",
                              "ids are unique across all kinds; rename one of them")
            shared.add(entity.id)
            continue
        index[entity.id] = entity
    for entity_id in shared:  # which of them a reference means is anyone's guess
        del index[entity_id]
    return index, shared


_LINKABLE = tuple(k for k in KIND_ORDER if k != "positions")


def _check_ref(owner: Entity, ref: Ref | ProseRef, index: dict[str, Entity],
               drafts: dict[str, Entity | None], diagnostics: Diagnostics) -> bool:
    target = index.get(ref.id)
    if isinstance(ref, ProseRef):
        kinds = ("sources",) if ref.is_citation else _LINKABLE
        written = f"[@{ref.id}]" if ref.is_citation else f"[[{ref.id}]]"
    else:
        kinds = ref.kinds
        written = f"'{ref.id}'"
    if target is None:
        if ref.id in drafts:
            draft = drafts[ref.id]
            if draft is None:  # the entity had errors of its own, reported there
                return False
            diagnostics.error(ref.span, f"{written} refers to a draft ({draft.span})",
                              "publish it (remove 'draft: true'), build with --drafts, "
                              "or remove the reference")
            return False
        candidates = [i for i, e in index.items() if e.kind in kinds]
        what = "entity" if len(kinds) > 2 else " or ".join(SINGULAR[k] for k in kinds)
        diagnostics.error(ref.span, f"{written} is not the id of any {what}",
                          did_you_mean(ref.id, candidates))
        return False
    if target.kind not in kinds:
        allowed = " or ".join(_a(SINGULAR[k]) for k in kinds)
        if isinstance(ref, ProseRef):
            where = "a citation" if ref.is_citation else "a link"
        else:
            where = f"'{ref.key}'" if ref.key else "this"
        diagnostics.error(ref.span, f"{written} is {_a(SINGULAR[target.kind])}, but {where} "
                          f"takes {allowed}", did_you_mean(
                              ref.id, [i for i, e in index.items() if e.kind in kinds]))
        return False
    if target is owner and not isinstance(ref, ProseRef):
        diagnostics.error(ref.span, f"{written} refers to itself")
        return False
    return True


def _check_pages_and_parents(index: dict[str, Entity], diagnostics: Diagnostics) -> None:
    in_reported_cycle: set[str] = set()
    checked: set[str] = set()  # issues whose parent chain was walked: each is walked once
    for entity in index.values():
        if entity.kind == "pages" and entity.id in RESERVED_PATHS and entity.id != "index":
            diagnostics.error(entity.span, f"page id '{entity.id}' clashes with the site's "
                              f"own /{entity.id}/ path", "rename the page")
        if (isinstance(entity, Issue) and entity.parent is not None
                and entity.parent.id != entity.id  # reported as a self-reference
                and entity.id not in in_reported_cycle and entity.id not in checked):
            _check_parent_cycle(entity, index, in_reported_cycle, checked, diagnostics)


def _check_parent_cycle(issue: Issue, index: dict[str, Entity], in_reported_cycle: set[str],
                        checked: set[str], diagnostics: Diagnostics) -> None:
    """Report a 'parent' chain that leads back to `issue`, once per cycle. A chain that
    reaches an issue walked before stops there (linear in the issues, however deep)."""
    assert issue.parent is not None
    chain = [issue.id]
    seen = {issue.id}
    parent = index.get(issue.parent.id)
    while isinstance(parent, Issue) and parent.id not in seen and parent.id not in checked:
        chain.append(parent.id)
        seen.add(parent.id)
        parent = index.get(parent.parent.id) if parent.parent else None
    looped = parent.id if isinstance(parent, Issue) and parent.id in seen else None
    # A cycle further up is left unchecked, so that its first member reports it.
    checked.update(chain if looped in (None, issue.id) else chain[:chain.index(looped)])
    if looped == issue.id:
        in_reported_cycle.update(chain)
        diagnostics.error(issue.parent.span, f"issue '{issue.id}' is its own ancestor "
                          f"through 'parent' ({' -> '.join([*chain, issue.id])})",
                          "break the cycle: remove or change one 'parent'")


def current_status(entries: tuple[StatusEntry, ...]) -> StatusEntry | None:
    """The latest status entry by date (the last written among equal dates)."""
    best: StatusEntry | None = None
    for entry in entries:
        if best is None or entry.date.sort_key() >= best.date.sort_key():
            best = entry
    return best


def _a(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"
