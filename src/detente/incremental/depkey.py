"""Dependency keys: what a page read from the Site, as one typed string each.

A key is stored in the build cache (as text) with its fingerprint when the page was
rendered; the page is rendered again when a fingerprint changes. The constructors below
are the only way to make a key and `parse` the only way to read one.

  '<id>'                   one entity (or its absence): the id itself, the commonest key
  'kind:<K>'               every entity of kind K, in order (iterating a kind)
  'at:<K>:<i>'             the id at position i of kind K
  'count:<K>'              the number of K entities
  'backlinks:<id>'         what refers to an entity
  'history:<holder>:<on>'  one stance history
  'people:<party>'         the actors holding roles in a party
  'histories-of:<id>'      the stance histories of a holder, or on a proposal or issue
  'positions-of:<id>'      the positions an actor or party holds or stated
  'order:<id>'             an event's position in the timeline
  'all:<table>'            the whole of one of the tables above (iterating it)

Ids never hold ':' (they are slugs; positions' are 'file#n'), so a key without one is an
entity's.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import NewType

from detente.content.model import Entity, Position

DepKey = NewType("DepKey", str)


class KeyKind(Enum):
    ENTITY = ""
    KIND = "kind"
    AT = "at"
    COUNT = "count"
    BACKLINKS = "backlinks"
    HISTORY = "history"
    PEOPLE = "people"
    HISTORIES_OF = "histories-of"
    POSITIONS_OF = "positions-of"
    ORDER = "order"
    ALL = "all"


class Table(Enum):
    """The Site's tables a page can iterate as a whole (`all:<table>`)."""

    ENTITIES = "entities"
    BACKLINKS = "backlinks"
    HISTORIES = "histories"
    PEOPLE = "people"
    HISTORIES_OF = "histories-of"
    POSITIONS_OF = "positions-of"
    ORDER = "order"


@dataclass(frozen=True, slots=True)
class ParsedKey:
    kind: KeyKind
    args: tuple[str, ...]


def entity(entity_id: str) -> DepKey:
    return DepKey(entity_id)


def kind(name: str) -> DepKey:
    return DepKey(f"kind:{name}")


def at(name: str, index: int) -> DepKey:
    return DepKey(f"at:{name}:{index}")


def count(name: str) -> DepKey:
    return DepKey(f"count:{name}")


def backlinks(entity_id: str) -> DepKey:
    return DepKey(f"backlinks:{entity_id}")


def history(holder: str, on: str) -> DepKey:
    return DepKey(f"history:{holder}:{on}")


def people(party_id: str) -> DepKey:
    return DepKey(f"people:{party_id}")


def histories_of(entity_id: str) -> DepKey:
    return DepKey(f"histories-of:{entity_id}")


def positions_of(entity_id: str) -> DepKey:
    return DepKey(f"positions-of:{entity_id}")


def order(event_id: str) -> DepKey:
    return DepKey(f"order:{event_id}")


def whole(table: Table) -> DepKey:
    return DepKey(f"all:{table.value}")


_KINDS = {k.value: k for k in KeyKind if k is not KeyKind.ENTITY}
_TABLES = frozenset(t.value for t in Table)
_ARITY = {KeyKind.AT: 2, KeyKind.HISTORY: 2}


def parse(key: str) -> ParsedKey:
    """The key's kind and arguments; ValueError for text no constructor makes (a cache
    written by another version, say: the caller takes the page as changed)."""
    tag, colon, rest = key.partition(":")
    if not colon:
        return ParsedKey(KeyKind.ENTITY, (key,))
    key_kind = _KINDS.get(tag)
    arity = _ARITY.get(key_kind, 1) if key_kind is not None else 0
    args = tuple(rest.split(":", arity - 1)) if arity else ()
    if key_kind is None or len(args) != arity or not all(args) or \
            (key_kind is KeyKind.ALL and args[0] not in _TABLES) or \
            (key_kind is KeyKind.AT and not args[1].isdigit()):
        raise ValueError(f"not a dependency key: {key!r}")
    return ParsedKey(key_kind, args)


def changed_by_edit(edited: Entity) -> set[DepKey]:
    """The keys whose fingerprints an edit of `edited` can change, when the edit keeps the
    Site's shape (every id, reference and order: see `detente.incremental.patch`)."""
    keys = {entity(edited.id), kind(edited.kind), whole(Table.ENTITIES)}
    if isinstance(edited, Position):
        holder, on = edited.holder.id, edited.on.id
        keys.update((whole(Table.HISTORIES), history(holder, on), histories_of(holder),
                     histories_of(on), positions_of(holder), whole(Table.POSITIONS_OF)))
        if edited.said_by is not None:
            keys.add(positions_of(edited.said_by.id))
    return keys
