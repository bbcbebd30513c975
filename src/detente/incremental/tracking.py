"""The dependency tracker: a `SiteReader` that records every read as a `DepKey`.

Pages are built against it; after a change, a page needs rendering again only if the
fingerprint of one of the keys it recorded changed (fingerprints.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Generic, TypeVar, cast, overload

from detente.content.config import SiteConfig
from detente.content.model import Backlink, Entity, Event, Position, Site
from detente.incremental import depkey
from detente.incremental.depkey import DepKey, Table

K = TypeVar("K")
V = TypeVar("V")
E = TypeVar("E", bound=Entity)


class _Tracked(Mapping[K, V]):
    """A read-only mapping that records each key looked up, and the whole table when it
    is iterated or counted."""

    __slots__ = ("_data", "_deps", "_key", "_whole")

    def __init__(self, data: Mapping[K, V], deps: set[DepKey], key: Callable[[K], DepKey],
                 table: Table) -> None:
        self._data = data
        self._deps = deps
        self._key = key
        self._whole = depkey.whole(table)

    def __getitem__(self, key: K) -> V:
        self._deps.add(self._key(key))
        return self._data[key]

    def __contains__(self, key: object) -> bool:
        self._deps.add(self._key(cast(K, key)))
        return key in self._data

    def __iter__(self) -> Iterator[K]:
        self._deps.add(self._whole)
        return iter(self._data)

    def __len__(self) -> int:
        self._deps.add(self._whole)
        return len(self._data)


class _TrackedKind(Sequence[E], Generic[E]):
    """A kind's entities in order; iterating depends on all, indexing on one position.

    A view of the Site's tuple, not a copy: every page makes one per kind, and copying
    would cost each page a step per entity (quadratic in a large site)."""

    __slots__ = ("_deps", "_items", "_kind")

    def __init__(self, items: tuple[E, ...], deps: set[DepKey], kind: str) -> None:
        self._items = items
        self._deps = deps
        self._kind = kind

    def __iter__(self) -> Iterator[E]:
        self._deps.add(depkey.kind(self._kind))
        return iter(self._items)

    @overload
    def __getitem__(self, index: int) -> E: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[E]: ...

    def __getitem__(self, index: int | slice) -> E | Sequence[E]:
        if isinstance(index, slice):
            self._deps.add(depkey.kind(self._kind))
            return self._items[index]
        # which entity stands there (or that none does), and what it holds
        self._deps.add(depkey.at(self._kind, index + len(self._items) if index < 0 else index))
        item = self._items[index]
        self._deps.add(depkey.entity(item.id))
        return item

    def __len__(self) -> int:
        self._deps.add(depkey.count(self._kind))
        return len(self._items)

    def __reversed__(self) -> Iterator[E]:
        self._deps.add(depkey.kind(self._kind))
        return reversed(self._items)


def _history_key(key: tuple[str, str]) -> DepKey:
    return depkey.history(*key)


class TrackingSite:
    """`Site` as pages see it: every read is recorded in `deps`."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.deps: set[DepKey] = set()
        self.config: SiteConfig = site.config
        deps = self.deps
        self.entities: Mapping[str, Entity] = _Tracked(site.entities, deps, depkey.entity,
                                                       Table.ENTITIES)
        self.backlinks: Mapping[str, tuple[Backlink, ...]] = _Tracked(
            site.backlinks, deps, depkey.backlinks, Table.BACKLINKS)
        self.histories: Mapping[tuple[str, str], tuple[Position, ...]] = _Tracked(
            site.histories, deps, _history_key, Table.HISTORIES)
        self.people: Mapping[str, tuple[str, ...]] = _Tracked(site.people, deps, depkey.people,
                                                              Table.PEOPLE)
        self.histories_of: Mapping[str, tuple[tuple[str, str], ...]] = _Tracked(
            site.histories_of, deps, depkey.histories_of, Table.HISTORIES_OF)
        self.positions_of: Mapping[str, tuple[Position, ...]] = _Tracked(
            site.positions_of, deps, depkey.positions_of, Table.POSITIONS_OF)
        self.event_order: Mapping[str, int] = _Tracked(site.event_order, deps, depkey.order,
                                                       Table.ORDER)
        self.by_kind: Mapping[str, Sequence[Entity]] = {
            k: _TrackedKind(v, deps, k) for k, v in site.by_kind.items()}
        self._events = _TrackedKind(site.events(), deps, "events")

    def get(self, entity_id: str) -> Entity | None:
        self.deps.add(depkey.entity(entity_id))
        return self.site.entities.get(entity_id)

    def events(self) -> Sequence[Event]:
        return self._events
