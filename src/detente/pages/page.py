"""One view model per page of the site, built from the linked Site.

`page_keys(site)` lists every page; `build_page(key, builder)` makes its view. Both are
pure, so pages can be built in any process and in any order.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence

from detente.content.model import (
    Actor,
    Entity,
    Event,
    Issue,
    Page,
    Party,
    Position,
    Proposal,
    SiteReader,
    Source,
    Timeline,
)
from detente.content.routes import PAGE_KINDS, entity_path, list_path
from detente.pages.accounts import account_groups
from detente.pages.asof import proposal_days
from detente.pages.eventmap import event_map, neighbours_map
from detente.pages.home import key_facts, standing, updated
from detente.pages.listings import list_entries
from detente.pages.opendata import data_files
from detente.pages.pagetypes import PageKey, PageView
from detente.pages.plaintext import plain
from detente.pages.recordpages import RECORD_PAGES, day_links, record_keys
from detente.pages.views import (
    AccountView,
    ClaimView,
    DateView,
    EventItem,
    LinkView,
    QuoteView,
    StanceView,
    StatusView,
    ViewBuilder,
)
from detente.pages.visuals import matrix_view, timeline_view
from detente.pages.words import LIST_PAGES

PROSE_FIELDS = ("body", "summary", "accounts")


def page_keys(site: SiteReader) -> list[PageKey]:
    keys = [PageKey("home.html", "", "index" if "index" in site.entities else "")]
    for kind in PAGE_KINDS:
        keys.append(PageKey("list.html", list_path(kind), kind=kind))
        template = f"{kind[:-1] if kind != 'parties' else 'party'}.html"
        keys.extend(PageKey(template, entity_path(e), e.id, kind) for e in site.by_kind[kind])
    keys.extend(PageKey("page.html", entity_path(p), p.id, "pages")
                for p in site.by_kind["pages"] if p.id != "index")
    keys.append(PageKey("full-timeline.html", "timeline/"))
    keys.append(PageKey("positions.html", "positions/"))
    keys.extend(record_keys(site))
    keys.append(PageKey("search.html", "search/"))
    keys.append(PageKey("data.html", "data/"))
    keys.append(PageKey("404.html", "404.html"))
    return keys


def build_page(key: PageKey, b: ViewBuilder) -> PageView:
    """The page's view, with every source it shows in its one list of sources (numbered in
    the order the page first cites them)."""
    return dataclasses.replace(_build_page(key, b), citations=b.citations())


def _build_page(key: PageKey, b: ViewBuilder) -> PageView:
    site = b.site
    if key.template == "home.html":
        return _home(key, b)
    if key.template == "list.html":
        items = tuple(b.link(e.id) for e in site.by_kind[key.kind])
        entries = list_entries(key.kind, b)  # before citations: summaries may cite sources
        names = LIST_PAGES[key.kind]
        return PageView(key, b.locale.gettext(names[0]), b.locale.gettext(names[1]),
                        sections={"items": items, "entries": entries})
    if key.template == "full-timeline.html":
        timeline = timeline_view(site.events(), b)  # first: event summaries cite sources
        return PageView(key, b.locale.gettext("Timeline"),
                        b.locale.gettext("Every event, in order"),
                        sections={"timeline": timeline, "map": event_map(site.events(), b)})
    if key.template == "positions.html":
        return _matrix(key, b)
    if key.template in RECORD_PAGES:
        return RECORD_PAGES[key.template](key, b)
    if key.template == "404.html":
        return PageView(key, b.locale.gettext("Page not found"),
                        b.locale.gettext("This page does not exist."))
    if key.template == "search.html":
        return PageView(key, b.locale.gettext("Search"),
                        b.locale.gettext("Search %(site)s") % {"site": site.config.title},
                        sections={"lists": _lists(b)})
    if key.template == "data.html":
        return PageView(key, b.locale.gettext("Open data"),
                        b.locale.gettext("The explainer's data as JSON and CSV, for reuse"),
                        sections={"files": data_files(site, b.root)})
    entity = site.entities[key.entity_id]
    builder = _ENTITY_PAGES[type(entity)]
    sections = builder(entity, b)
    summary = b.prose(getattr(entity, "summary", None))
    body = b.prose(entity.body)
    sections["mentioned_in"] = _mentioned_in(entity, b)
    sections["updated"] = b.updated(entity)
    sections["corrections"] = b.corrections(entity.corrections)
    description = getattr(entity, "summary", None)
    return PageView(key, entity.label, plain(description.text if description else "", site),
                    summary, body, (), sections)


def _lists(b: ViewBuilder) -> tuple[LinkView, ...]:
    return tuple(LinkView(b.locale.gettext(LIST_PAGES[kind][0]), b.url(list_path(kind)), "")
                 for kind in PAGE_KINDS if b.site.by_kind[kind])


def _backlinks(b: ViewBuilder, entity_id: str, fields: tuple[str, ...],
               kind: str = "") -> list[Entity]:
    out: dict[str, Entity] = {}  # by id: membership must stay O(1) (a source may be cited
    for backlink in b.site.backlinks.get(entity_id, ()):  # by thousands of events)
        if backlink.field in fields and backlink.source not in out:
            source = b.site.entities.get(backlink.source)
            if source is not None and (not kind or source.kind == kind):
                out[source.id] = source
    return list(out.values())


def _mentioned_in(entity: Entity, b: ViewBuilder) -> tuple[LinkView, ...]:
    sources = _backlinks(b, entity.id, ("body", "summary"))
    return tuple(b.link(s.id) for s in sources if s.kind not in ("positions",) and s is not entity)


def _events_of(b: ViewBuilder, entity_id: str, fields: tuple[str, ...]) -> tuple[EventItem, ...]:
    events = [e for e in _backlinks(b, entity_id, fields, "events") if isinstance(e, Event)]
    events.sort(key=lambda e: b.site.event_order[e.id])
    return tuple(b.event_item(e) for e in events)


def _history_keys(site: SiteReader, holder: str = "", on: str = "") -> list[tuple[str, str]]:
    """The stance histories of a holder, or on a proposal or issue (by index, not a scan)."""
    keys = site.histories_of.get(holder or on, ())
    return [k for k in keys if (not holder or k[0] == holder) and (not on or k[1] == on)]


def _stances_by(b: ViewBuilder, actor_id: str) -> tuple[StanceView, ...]:
    positions = b.site.positions_of.get(actor_id, ())
    return tuple(b.stance(p) for p in positions)


def _event_parts(b: ViewBuilder, entity_id: str) -> tuple[list[QuoteView], list[AccountView],
                                                          list[ClaimView]]:
    quotes: list[QuoteView] = []
    accounts: list[AccountView] = []
    claims: list[ClaimView] = []
    for event in _backlinks(b, entity_id, ("quotes", "accounts", "claims"), "events"):
        assert isinstance(event, Event)
        quotes.extend(b.quote(q, event) for q in event.quotes if q.by.id == entity_id)
        accounts.extend(b.account(a, event) for a in event.accounts if a.by.id == entity_id)
        claims.extend(b.claim(c, event) for c in event.claims
                      if c.claimed_by.id == entity_id or entity_id in
                      {d.id for d in c.disputed_by})
    return quotes, accounts, claims


def _party(entity: Entity, b: ViewBuilder) -> dict[str, object]:
    assert isinstance(entity, Party)
    site = b.site
    _quotes, accounts, claims = _event_parts(b, entity.id)
    return {
        "entity": entity,
        "members": b.links(entity.members),
        "member_of": tuple(b.link(p.id) for p in _backlinks(b, entity.id, ("members",))),
        "people": tuple(b.link(a) for a in site.people.get(entity.id, ())),
        "histories": b.histories(_history_keys(site, holder=entity.id)),
        "events": _events_of(b, entity.id, ("parties",)),
        "accounts": tuple(accounts), "claims": tuple(claims),
        "proposed": tuple(b.link(p.id) for p in _backlinks(b, entity.id, ("proposed_by",))),
    }


def _actor(entity: Entity, b: ViewBuilder) -> dict[str, object]:
    assert isinstance(entity, Actor)
    quotes, accounts, claims = _event_parts(b, entity.id)
    roles = tuple((r.title, b.link(r.party) if r.party else None, b.date(r.start), b.date(r.end))
                  for r in entity.roles)
    return {
        "entity": entity, "roles": roles,
        "image": f"{b.root}static/{entity.image}" if entity.image else "",
        "events": _events_of(b, entity.id, ("actors",)),
        "quotes": tuple(quotes), "accounts": tuple(accounts), "claims": tuple(claims),
        "stances": _stances_by(b, entity.id),
        "histories": b.histories(_history_keys(b.site, holder=entity.id)),
        "proposed": tuple(b.link(p.id) for p in _backlinks(b, entity.id, ("proposed_by",))),
    }


def _issue(entity: Entity, b: ViewBuilder) -> dict[str, object]:
    assert isinstance(entity, Issue)
    proposals = _backlinks(b, entity.id, ("issues",), "proposals")
    histories = _history_keys(b.site, on=entity.id)
    for proposal in proposals:
        histories.extend(_history_keys(b.site, on=proposal.id))
    return {
        "entity": entity,
        "parent": b.link(entity.parent) if entity.parent else None,
        "children": tuple(b.link(i.id) for i in _backlinks(b, entity.id, ("parent",))),
        "proposals": tuple(b.link(p.id) for p in proposals),
        "histories": b.histories(histories),
        "events": _events_of(b, entity.id, ("issues",)),
    }


def _proposal(entity: Entity, b: ViewBuilder) -> dict[str, object]:
    assert isinstance(entity, Proposal)
    status = b.proposal_status(entity)
    return {
        "entity": entity,
        "date": b.date(entity.date, entity.approximate),
        "issues": b.links(entity.issues), "proposed_by": b.links(entity.proposed_by),
        "status": status, "current": status[-1] if status else None,
        "counter_to": b.links(entity.counter_to), "supersedes": b.links(entity.supersedes),
        "countered_by": tuple(b.link(p.id) for p in
                              _backlinks(b, entity.id, ("counter_to",), "proposals")),
        "superseded_by": tuple(b.link(p.id) for p in
                               _backlinks(b, entity.id, ("supersedes",), "proposals")),
        "histories": b.histories(_history_keys(b.site, on=entity.id)),
        "events": _events_of(b, entity.id, ("proposals",)),
        "days": proposal_days(b, entity),
    }


def _event(entity: Entity, b: ViewBuilder) -> dict[str, object]:
    assert isinstance(entity, Event)
    order = b.site.event_order[entity.id]
    events = b.site.events()
    return {
        "entity": entity,
        "date": b.dated(entity.date, entity.approximate), "end": b.date(entity.end),
        "parties": b.links(entity.parties), "actors": b.links(entity.actors),
        "issues": b.links(entity.issues), "proposals": b.links(entity.proposals),
        "sources": b.sources(entity.sources),
        "quotes": tuple(b.quote(q, entity) for q in entity.quotes),
        "accounts": account_groups(entity, b),
        "claims": tuple(b.claim(c, entity) for c in entity.claims),
        "map": neighbours_map(entity, order, events, b),
        "previous": _event_link_at(b, events, order - 1),
        "next": _event_link_at(b, events, order + 1),
        "timelines": tuple(b.link(t.id) for t in _backlinks(b, entity.id, ("events",),
                                                            "timelines")),
    }


def _event_link_at(b: ViewBuilder, events: Sequence[Event], index: int) -> LinkView | None:
    """The event at `index` in date order, if any (asks for that one position only)."""
    if index < 0:
        return None
    try:
        return b.link(events[index].id)
    except IndexError:
        return None


def _timeline(entity: Entity, b: ViewBuilder) -> dict[str, object]:
    assert isinstance(entity, Timeline)
    events = [e for e in (b.site.entities[ref.id] for ref in entity.events)
              if isinstance(e, Event)]  # (linking checked that each is an event)
    return {"entity": entity, "timeline": timeline_view(events, b),
            "map": event_map(events, b)}


def _source(entity: Entity, b: ViewBuilder) -> dict[str, object]:
    assert isinstance(entity, Source)
    citing: dict[str, dict[str, LinkView]] = defaultdict(dict)
    stances: list[StanceView] = []
    for backlink in b.site.backlinks.get(entity.id, ()):
        source = b.site.entities.get(backlink.source)
        if isinstance(source, Position):
            stances.append(b.stance(source))
        elif source is not None and source.id not in citing[backlink.field]:
            citing[backlink.field][source.id] = b.link(source.id)
    return {"entity": entity, "date": b.date(entity.date, entity.approximate),
            "accessed": b.date(entity.accessed), "stances": tuple(stances),
            "claims": _claims_citing(b, entity.id),
            "citing": {k: tuple(v.values()) for k, v in sorted(citing.items())}}


def _claims_citing(b: ViewBuilder, source_id: str) -> tuple[ClaimView, ...]:
    """Every claim sourced here, by its own source(s) or, lacking one, its event's."""
    events = [e for e in _backlinks(b, source_id, ("sources", "claims"), "events")
              if isinstance(e, Event)]
    events.sort(key=lambda e: b.site.event_order[e.id])
    return tuple(b.claim(c, e) for e in events for c in e.claims
                 if source_id in {r.id for r in c.sources or e.sources})


def _page(entity: Entity, b: ViewBuilder) -> dict[str, object]:
    assert isinstance(entity, Page)
    return {"entity": entity}


_ENTITY_PAGES = {Party: _party, Actor: _actor, Issue: _issue, Proposal: _proposal,
                 Event: _event, Timeline: _timeline, Source: _source, Page: _page}


def _home(key: PageKey, b: ViewBuilder) -> PageView:
    site = b.site
    index = site.entities.get("index")
    assert index is None or isinstance(index, Page)
    proposals = standing(b)  # first: the state of play's sources are the first cited
    facts = key_facts(index, b)
    # pages/index.md's title (the site title unless set) and summary head the home page.
    title = index.label if index is not None else site.config.title
    summary = b.prose(getattr(index, "summary", None))
    body = b.prose(index.body) if index is not None else ""
    events = site.events()
    latest_events = tuple(b.event_item(e) for e in reversed(events[-5:]))
    return PageView(key, title, site.config.description, summary, body, (),
                    {"proposals": proposals, "latest_events": latest_events,
                     "key_facts": facts, "updated": updated(b, index),
                     "map": event_map(events, b)})


def _matrix(key: PageKey, b: ViewBuilder) -> PageView:
    site = b.site
    matrices = (matrix_view(b, site.by_kind["proposals"], b.locale.gettext("Stances on proposals")),
                matrix_view(b, site.by_kind["issues"], b.locale.gettext("Stances on issues")))
    return PageView(key, b.locale.gettext("Who supports what"),
                    b.locale.gettext("The latest stance of each party on each proposal"),
                    sections={"matrices": tuple(m for m in matrices if m is not None),
                              "days": day_links(b)})


__all__ = ["DateView", "PageKey", "PageView", "StatusView", "build_page", "page_keys"]
