"""Entries for the list pages (/parties/, /events/, ...): each entity with the line of facts a
reader scans a list by (a party's role, an event's date, a proposal's status) and its summary.
"""

from __future__ import annotations

from dataclasses import dataclass

from detente.content.link import current_status
from detente.content.model import Actor, Entity, Event, Issue, Party, Proposal, Source, Timeline
from detente.pages.views import DateView, LinkView, ViewBuilder
from detente.pages.words import vocabulary_word


@dataclass(frozen=True, slots=True)
class ListEntry:
    link: LinkView
    facts: tuple[str, ...]  # short plain-text facts, shown on one line
    date: DateView | None
    status: str  # a proposal's current status, or ''
    summary_html: str


def list_entries(kind: str, b: ViewBuilder) -> tuple[ListEntry, ...]:
    return tuple(_entry(entity, b) for entity in b.site.by_kind[kind])


def _entry(entity: Entity, b: ViewBuilder) -> ListEntry:
    facts: list[str] = []
    date: DateView | None = None
    status = ""
    if isinstance(entity, Party):
        facts = [vocabulary_word(b.locale, context, v) for context, v in
                 (("party role", entity.role), ("party kind", entity.party_kind)) if v]
    elif isinstance(entity, Actor):
        for role in entity.roles[:2]:
            party = b.link(role.party).short_label if role.party else ""
            facts.append(", ".join(v for v in (role.title, party) if v))
    elif isinstance(entity, Issue):
        facts = ([b.locale.gettext("Part of %(name)s") % {"name": b.link(entity.parent).label}]
                 if entity.parent else [])
    elif isinstance(entity, Proposal):
        date = b.date(entity.date, entity.approximate)
        current = current_status(entity.status)
        status = current.status if current else ""
    elif isinstance(entity, Event):
        date = b.dated(entity.date, entity.approximate)
        facts = ([vocabulary_word(b.locale, "event kind", entity.event_kind)]
                 if entity.event_kind else [])
    elif isinstance(entity, Timeline):
        facts = [b.locale.count("%(num)s event", "%(num)s events", len(entity.events))]
    elif isinstance(entity, Source):
        date = b.date(entity.date, entity.approximate)
        facts = [entity.publisher, vocabulary_word(b.locale, "source kind", entity.source_kind)
                 if entity.source_kind else ""]
    summary = getattr(entity, "summary", None)
    return ListEntry(b.link(entity.id), tuple(f for f in facts if f), date, status,
                     b.prose(summary))
