"""What a page read from the Site, and fingerprints of those reads, for incremental builds.

A page is built against a `TrackingSite`: the same attributes as `Site`, but every lookup
is recorded as a dependency key. After a change, a page needs rendering again only if the
fingerprint of one of its keys changed. Keys:

  '<id>'              one entity (or its absence)
  'kind:<K>'          every entity of kind K, in order (iterating a kind)
  '<K>@<i>', '<K>#'   the id at position i of kind K, and the number of K entities
  'backlinks:<id>'    what refers to an entity
  'history:<h>:<on>'  one stance history; 'histories' all of them
  'people:<party>'    the actors holding roles in a party
  'histories-of:<id>' the stance histories of a holder, or on a proposal or issue
  'positions-of:<id>' the positions an actor or party holds or stated
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from detente.config import SiteConfig
from detente.link import Site
from detente.model import Entity

MISSING = "-"


class _Tracked(Mapping[Any, Any]):
    """A read-only mapping that records each key looked up (as `prefix + key`)."""

    def __init__(self, data: Mapping[Any, Any], deps: set[str], prefix: str,
                 key_text: Any = str, all_key: str = "") -> None:
        self._data = data
        self._deps = deps
        self._prefix = prefix
        self._key_text = key_text
        self._all_key = all_key or f"all:{prefix}"

    def __getitem__(self, key: Any) -> Any:
        self._deps.add(self._prefix + self._key_text(key))
        return self._data[key]

    def __contains__(self, key: object) -> bool:
        self._deps.add(self._prefix + self._key_text(key))
        return key in self._data

    def __iter__(self) -> Iterator[Any]:
        self._deps.add(self._all_key)
        return iter(self._data)

    def __len__(self) -> int:
        self._deps.add(self._all_key)
        return len(self._data)


class _TrackedKind(Sequence[Any]):
    """A kind's entities in order; iterating depends on all, indexing on one position.

    A view of the Site's tuple, not a copy: every page makes one per kind, and copying
    would cost each page a step per entity (quadratic in a large site)."""

    __slots__ = ("_deps", "_items", "_kind")

    def __init__(self, items: tuple[Entity, ...], deps: set[str], kind: str) -> None:
        self._items = items
        self._deps = deps
        self._kind = kind

    def __iter__(self) -> Iterator[Any]:
        self._deps.add(f"kind:{self._kind}")
        return iter(self._items)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            self._deps.add(f"kind:{self._kind}")
        else:
            self._deps.add(f"{self._kind}@{index + len(self._items) if index < 0 else index}")
        return self._items[index]

    def __len__(self) -> int:
        self._deps.add(f"{self._kind}#")
        return len(self._items)

    def __reversed__(self) -> Iterator[Any]:
        self._deps.add(f"kind:{self._kind}")
        return reversed(self._items)


def _history_key(key: Any) -> str:
    return f"{key[0]}:{key[1]}" if isinstance(key, tuple) else str(key)


class TrackingSite:
    """`Site` as pages see it: reads are recorded in `deps`."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.deps: set[str] = set()
        self.config: SiteConfig = site.config
        self.entities = _Tracked(site.entities, self.deps, "")
        self.backlinks = _Tracked(site.backlinks, self.deps, "backlinks:")
        self.histories = _Tracked(site.histories, self.deps, "history:", _history_key,
                                  "histories")
        self.people = _Tracked(site.people, self.deps, "people:")
        self.histories_of = _Tracked(site.histories_of, self.deps, "histories-of:")
        self.positions_of = _Tracked(site.positions_of, self.deps, "positions-of:")
        self.by_kind = {k: _TrackedKind(v, self.deps, k) for k, v in site.by_kind.items()}
        self.event_order = site.event_order  # positions are tracked where they are used

    def get(self, entity_id: str) -> Entity | None:
        self.deps.add(entity_id)
        return self.site.entities.get(entity_id)

    @property
    def positions(self) -> Sequence[Any]:
        return self.by_kind["positions"]

    def events(self) -> Sequence[Any]:
        return self.by_kind["events"]


def _digest(*parts: str) -> str:
    h = hashlib.blake2b(digest_size=12)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


class Fingerprints:
    """Fingerprints of dependency keys for one Site, computed on demand and remembered."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._memo: dict[str, str] = {}

    def __call__(self, key: str) -> str:
        value = self._memo.get(key)
        if value is None:
            value = self._compute(key)
            self._memo[key] = value
        return value

    def record(self, keys: Sequence[str]) -> str:
        """{key: fingerprint} of sorted `keys`, as the build cache stores it."""
        return json.dumps({key: self(key) for key in keys})

    def entity(self, entity_id: str) -> str:
        entity = self.site.entities.get(entity_id)
        return MISSING if entity is None else _digest(repr(entity))

    def _compute(self, key: str) -> str:
        site = self.site
        prefix, _, rest = key.partition(":")
        if not rest:
            if "@" in key:
                kind, _, index = key.partition("@")
                items = site.by_kind.get(kind, ())
                i = int(index)
                return items[i].id if i < len(items) else MISSING
            if key.endswith("#"):
                return str(len(site.by_kind.get(key[:-1], ())))
            if key == "histories":
                return _digest(*(self(f"history:{h}:{o}") for h, o in site.histories))
            return self.entity(key)
        if prefix == "kind":
            return _digest(*(self(e.id) for e in site.by_kind.get(rest, ())))
        if prefix == "backlinks":
            return _digest(repr(site.backlinks.get(rest)))
        if prefix == "history":
            holder, _, on = rest.partition(":")
            positions = site.histories.get((holder, on), ())
            return _digest(*(self(p.id) for p in positions))
        if prefix == "histories-of":
            return _digest(*(self(f"history:{h}:{o}") for h, o in site.histories_of.get(rest, ())))
        if prefix == "positions-of":
            return _digest(*(self(p.id) for p in site.positions_of.get(rest, ())))
        if prefix == "people":
            return _digest(repr(site.people.get(rest)))
        if prefix == "all":
            return _digest(repr(sorted(site.backlinks)) if rest == "backlinks:" else
                           repr(sorted(site.people.items())) if rest == "people:" else
                           repr(sorted(site.entities)))
        return self.entity(key)
