"""Fingerprints of dependency keys for one Site: a short digest of exactly the data a key
names, so that a key's fingerprint changes when, and only when, what a page read through it
changed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable

from detente.content.model import Site
from detente.incremental import depkey
from detente.incremental.depkey import DepKey, KeyKind, Table

MISSING = "-"


def _digest(parts: Iterable[str]) -> str:
    h = hashlib.blake2b(digest_size=12)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


class Fingerprints:
    """Fingerprints of dependency keys, computed on demand and remembered."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._memo: dict[str, str] = {}
        self._by_kind: dict[KeyKind, Callable[[tuple[str, ...]], str]] = {
            KeyKind.ENTITY: lambda a: self.entity(a[0]),
            KeyKind.KIND: lambda a: _digest(
                self.entity(e.id) for e in site.by_kind.get(a[0], ())),
            KeyKind.AT: lambda a: self._at(a[0], int(a[1])),
            KeyKind.COUNT: lambda a: str(len(site.by_kind.get(a[0], ()))),
            KeyKind.BACKLINKS: lambda a: _digest([repr(site.backlinks.get(a[0]))]),
            KeyKind.HISTORY: lambda a: _digest(
                self.entity(p.id) for p in site.histories.get((a[0], a[1]), ())),
            KeyKind.PEOPLE: lambda a: _digest([repr(site.people.get(a[0]))]),
            KeyKind.HISTORIES_OF: lambda a: _digest(
                self(depkey.history(*k)) for k in site.histories_of.get(a[0], ())),
            KeyKind.POSITIONS_OF: lambda a: _digest(
                self.entity(p.id) for p in site.positions_of.get(a[0], ())),
            KeyKind.ORDER: lambda a: str(site.event_order.get(a[0], MISSING)),
            KeyKind.ALL: lambda a: self._table(Table(a[0])),
        }

    def __call__(self, key: str) -> str:
        value = self._memo.get(key)
        if value is None:
            try:
                parsed = depkey.parse(key)
            except ValueError:
                return MISSING + key  # never equal to a stored fingerprint of a real key
            value = self._memo[key] = self._by_kind[parsed.kind](parsed.args)
        return value

    def record(self, keys: Iterable[DepKey]) -> str:
        """{key: fingerprint} of `keys` (sorted by the caller), as the build cache stores it."""
        return json.dumps({key: self(key) for key in keys})

    def entity(self, entity_id: str) -> str:
        value = self._memo.get(entity_id)
        if value is None:
            found = self.site.entities.get(entity_id)
            value = self._memo[entity_id] = MISSING if found is None else _digest([repr(found)])
        return value

    def _at(self, kind: str, index: int) -> str:
        items = self.site.by_kind.get(kind, ())
        return items[index].id if index < len(items) else MISSING

    def _table(self, table: Table) -> str:
        """The whole of a table: every entry's key and its fingerprint or value."""
        site = self.site
        if table is Table.ENTITIES:
            return _digest(f"{i}={self.entity(i)}" for i in sorted(site.entities))
        if table is Table.HISTORIES:
            return _digest(f"{h}:{o}={self(depkey.history(h, o))}"
                           for h, o in sorted(site.histories))
        tables: dict[Table, dict[str, object]] = {
            Table.BACKLINKS: dict(site.backlinks), Table.PEOPLE: dict(site.people),
            Table.HISTORIES_OF: dict(site.histories_of),
            Table.POSITIONS_OF: {k: [self.entity(p.id) for p in v]
                                for k, v in site.positions_of.items()},
            Table.ORDER: dict(site.event_order)}
        data = tables[table]
        return _digest(f"{k}={data[k]!r}" for k in sorted(data))
