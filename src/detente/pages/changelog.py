"""What changed, and what was corrected: the dated entries of /changes/ and /corrections/
(and of their feeds), newest first, each linking to the page it concerns.

Each entry has an anchor that stays the same from build to build (it is made of ids and of
the entry's place in what the editor wrote), for links and for the feeds' entry ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from detente.content.dates import PartialDate
from detente.content.model import KIND_ORDER, Entity, Event, Position, Proposal
from detente.pages.asof import day_of, day_path
from detente.pages.views import CorrectionView, DateView, LinkView, ViewBuilder

# Among entries of the same date, those of a higher rank come first.
_KIND_RANK = {"correction": 3, "event": 2, "status": 1, "stance": 0}


@dataclass(frozen=True, slots=True)
class CorrectionEntry:
    anchor: str
    page: LinkView  # the page corrected
    correction: CorrectionView
    moment: PartialDate


@dataclass(frozen=True, slots=True)
class ChangeEntry:
    anchor: str
    kind: str  # 'stance', 'status', 'event' or 'correction'
    date: DateView
    link: LinkView  # the page it concerns (for a stance: its history there)
    value: str  # the new stance or status, an event's kind
    previous: str  # the stance or status before it; '' for the first
    text_html: str  # a correction's text
    day_url: str  # the positions matrix of that day, or ''
    moment: PartialDate


def page_link(b: ViewBuilder, entity: Entity) -> LinkView:
    """Where an entity is shown: its page, or for a stance its history on its subject's."""
    if not isinstance(entity, Position):
        return b.link(entity.id)
    holder, on = b.link(entity.holder), b.link(entity.on)
    return LinkView(b.locale.gettext("%(holder)s on %(subject)s")
                    % {"holder": holder.short_label, "subject": on.label},
                    f"{on.url}#stances-{holder.id}-{on.id}", "positions", holder.id)


def _anchor(*parts: str) -> str:
    return "-".join(p.replace("#", ".") for p in parts)  # ids are slugs: '.' is free


E = TypeVar("E", "CorrectionEntry", "ChangeEntry")


def _newest_first(entries: list[E], rank: Callable[[E], int]) -> tuple[E, ...]:
    """By date, newest first; among entries of the same date, those of higher `rank` first,
    then the later written (`entries` are given oldest first)."""
    return tuple(sorted(reversed(entries), key=lambda e: (e.moment.sort_key(), rank(e)),
                        reverse=True))


def correction_entries(b: ViewBuilder) -> tuple[CorrectionEntry, ...]:
    found: list[CorrectionEntry] = []
    for kind in KIND_ORDER:
        for entity in b.site.by_kind[kind]:
            for index, correction in enumerate(entity.corrections, 1):
                found.append(CorrectionEntry(_anchor("c", entity.id, str(index)),
                                             page_link(b, entity),
                                             b.corrections((correction,))[0],
                                             correction.date))
    return _newest_first(found, lambda e: 0)


def change_entries(b: ViewBuilder) -> tuple[ChangeEntry, ...]:
    entries = [*_stances(b), *_statuses(b), *_events(b), *_corrections(b)]
    return _newest_first(entries, lambda e: _KIND_RANK[e.kind])


def _day_url(b: ViewBuilder, value: PartialDate) -> str:
    day = day_of(value, b.zone)
    return b.url(day_path(day)) if day is not None else ""


def _stances(b: ViewBuilder) -> Iterator[ChangeEntry]:
    for (holder, on), history in b.site.histories.items():
        previous = ""
        for index, position in enumerate(history, 1):
            yield ChangeEntry(_anchor("stance", holder, on, str(index)), "stance",
                              b.dated(position.date, position.approximate),
                              page_link(b, position), position.stance, previous, "",
                              _day_url(b, position.date), position.date)
            previous = position.stance


def _statuses(b: ViewBuilder) -> Iterator[ChangeEntry]:
    for proposal in b.site.by_kind["proposals"]:
        assert isinstance(proposal, Proposal)
        previous = ""
        for index, entry in enumerate(sorted(proposal.status, key=lambda e: e.date.sort_key()),
                                      1):
            yield ChangeEntry(_anchor("status", proposal.id, str(index)), "status",
                              b.dated(entry.date, entry.approximate), b.link(proposal.id),
                              entry.status, previous, "", _day_url(b, entry.date),
                              entry.date)
            previous = entry.status


def _events(b: ViewBuilder) -> Iterator[ChangeEntry]:
    for event in b.site.events():
        assert isinstance(event, Event)
        yield ChangeEntry(_anchor("event", event.id), "event",
                          b.dated(event.date, event.approximate), b.link(event.id),
                          event.event_kind, "", "", "", event.date)


def _corrections(b: ViewBuilder) -> Iterator[ChangeEntry]:
    for entry in reversed(correction_entries(b)):  # oldest first, as the others
        yield ChangeEntry(entry.anchor, "correction", entry.correction.date, entry.page, "",
                          "", entry.correction.text_html, "", entry.moment)
