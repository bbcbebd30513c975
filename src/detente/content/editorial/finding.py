"""What a check reports, and the helpers several checks share."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from detente.content.dates import PartialDate
from detente.content.diagnostics import SourceSpan
from detente.content.model import Entity, Event, Prose
from detente.content.schema import SINGULAR


class Finding(NamedTuple):
    code: str
    span: SourceSpan
    message: str
    hint: str
    owners: tuple[str, ...]  # the entities whose `checks: {ignore: [...]}` can turn it off


def named(entity: Entity) -> str:
    """'party 'russia'', as messages name an entity."""
    return f"{SINGULAR[entity.kind]} '{entity.id}'"


def overlaps(start: PartialDate | None, end: PartialDate | None, day: PartialDate) -> bool:
    """Whether the span from `start` to `end` (either open) can include the date `day`."""
    if start is not None and start.first_day() > day.last_day():
        return False
    return end is None or end.last_day() >= day.first_day()


def proses(entity: Entity) -> Iterator[Prose]:
    """Every piece of prose an entity holds: body, summary, accounts, corrections."""
    for value in (entity.body, getattr(entity, "summary", None)):
        if isinstance(value, Prose):
            yield value
    if isinstance(entity, Event):
        yield from (account.summary for account in entity.accounts)
    yield from (correction.text for correction in entity.corrections)
