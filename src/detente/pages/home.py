"""The home page: what a reader should understand in thirty seconds, then the prose.

When the site was last updated, the state of play (each proposal's status and the main
parties' latest stances on it), the "what we know" box (the home page's `key_facts`), and
the latest events.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from detente.content.dates import PartialDate
from detente.content.link import current_status
from detente.content.model import Event, Page, Party, Position, Proposal, SiteReader
from detente.pages.views import DateView, LinkView, SourceView, StanceView, StatusView, ViewBuilder

MAIN_ROLES = ("belligerent", "mediator")  # whose stances the state of play shows


@dataclass(frozen=True, slots=True)
class KeyFactView:
    label: str
    value: str
    sources: tuple[SourceView, ...]
    as_of: DateView | None


@dataclass(frozen=True, slots=True)
class StandingView:
    """A proposal in the state of play."""

    proposal: LinkView
    status: StatusView | None
    stances: tuple[StanceView, ...]  # the main parties' latest, in the parties' order
    others: int  # how many more holders have a stance on it (on the proposal's page)


def key_facts(index: Page | None, b: ViewBuilder) -> tuple[KeyFactView, ...]:
    if index is None:
        return ()
    return tuple(KeyFactView(f.label, f.value, b.sources(f.sources), b.date(f.as_of))
                 for f in index.key_facts)


def main_parties(site: SiteReader) -> tuple[str, ...]:
    """Belligerents and mediators, in the site's order of parties; if none has such a role,
    every party."""
    parties = [p for p in site.by_kind["parties"] if isinstance(p, Party)]
    main = [p.id for p in parties if p.role in MAIN_ROLES]
    return tuple(main or (p.id for p in parties))


def standing(b: ViewBuilder) -> tuple[StandingView, ...]:
    """Each proposal with a status or a stance: its current status and the latest stance of
    each main party on it."""
    site = b.site
    main = main_parties(site)
    out = []
    for proposal in site.by_kind["proposals"]:
        assert isinstance(proposal, Proposal)
        entry = current_status(proposal.status)
        holders = [k[0] for k in site.histories_of.get(proposal.id, ()) if k[1] == proposal.id]
        shown = [h for h in main if h in holders]
        if entry is None and not holders:
            continue
        stances = tuple(b.history((h, proposal.id)).latest for h in shown)
        out.append(StandingView(b.link(proposal.id), b.status(entry) if entry else None,
                                stances, len(holders) - len(shown)))
    return tuple(out)


def updated(b: ViewBuilder, index: Page | None) -> DateView | None:
    """The newest date of anything the site reports: events, stances, statuses, key facts,
    corrections, and `updated:`."""
    newest = max(_dates(b.site, index), key=PartialDate.sort_key, default=None)
    return None if newest is None else b.dated(newest)


def _dates(site: SiteReader, index: Page | None) -> Iterator[PartialDate]:
    for event in site.events():
        assert isinstance(event, Event)
        yield event.end or event.date
    for position in site.by_kind["positions"]:
        assert isinstance(position, Position)
        yield position.date
    for proposal in site.by_kind["proposals"]:
        assert isinstance(proposal, Proposal)
        yield from (entry.date for entry in proposal.status)
    if index is not None:
        yield from (f.as_of for f in index.key_facts if f.as_of is not None)
    for kind in ("parties", "actors", "issues", "proposals", "events", "timelines", "sources",
                 "pages"):
        for entity in site.by_kind[kind]:
            yield from (c.date for c in entity.corrections)
            if entity.updated is not None:
                yield entity.updated
