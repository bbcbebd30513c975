"""Small view models shared by every page, and the builder that makes them from a Site.

Templates see only these: URLs resolved, dates formatted, Markdown rendered, no Refs.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar, cast

from detente.content.dates import PartialDate, Precision
from detente.content.markdown import ProseContext, Target, resolve_placeholders
from detente.content.model import (
    Account,
    Claim,
    Correction,
    Entity,
    Event,
    Party,
    Position,
    Proposal,
    Prose,
    Quote,
    Ref,
    SiteReader,
    Source,
    StatusEntry,
)
from detente.content.routes import entity_path
from detente.pages.locale import PageLocale, page_locale

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class LinkView:
    label: str
    url: str
    kind: str  # the entity kind ('parties', ...) or '' for site pages
    id: str = ""
    color: str = ""
    short: str = ""  # a party's short name, for chips and the matrix; else the label
    lang: str = ""  # on a translated page, the language of a label left untranslated

    @property
    def short_label(self) -> str:
        return self.short or self.label

    @property
    def party_class(self) -> str:
        """The class that gives the party's colour (assets/parties.css), or ''."""
        return f"party-{self.id}" if self.color else ""


@dataclass(frozen=True, slots=True)
class DateView:
    text: str  # "18 March 2025", "c. 1998"
    iso: str  # for <time datetime>


@dataclass(frozen=True, slots=True)
class SourceView:
    id: str
    title: str
    publisher: str
    date: DateView | None
    url: str  # the source's page on this site
    external: str  # the original, or ''
    number: int = 0  # its number in the page's one list of sources
    lang: str = ""  # on a translated page, the language of a title left untranslated


@dataclass(frozen=True, slots=True)
class CorrectionView:
    date: DateView
    text_html: str
    sources: tuple[SourceView, ...]


@dataclass(frozen=True, slots=True)
class StanceView:
    holder: LinkView
    on: LinkView
    stance: str
    date: DateView
    sources: tuple[SourceView, ...]
    summary_html: str
    conditions: tuple[tuple[str, LinkView | None], ...]
    quote: str
    said_by: LinkView | None
    body_html: str = ""  # a position's own prose (its body)
    corrections: tuple[CorrectionView, ...] = ()
    updated: DateView | None = None


@dataclass(frozen=True, slots=True)
class HistoryView:
    holder: LinkView
    on: LinkView
    stances: tuple[StanceView, ...]  # oldest first

    @property
    def latest(self) -> StanceView:
        return self.stances[-1]


@dataclass(frozen=True, slots=True)
class EventItem:
    link: LinkView
    date: DateView
    kind: str
    parties: tuple[LinkView, ...]
    summary_html: str
    issues: tuple[LinkView, ...] = ()  # with parties and kind, what the timeline filters on


@dataclass(frozen=True, slots=True)
class QuoteView:
    text: str
    by: LinkView
    date: DateView | None
    sources: tuple[SourceView, ...]
    event: LinkView


@dataclass(frozen=True, slots=True)
class AccountView:
    by: LinkView
    summary_html: str
    sources: tuple[SourceView, ...]
    event: LinkView


@dataclass(frozen=True, slots=True)
class ClaimView:
    text: str
    claimed_by: LinkView
    disputed_by: tuple[LinkView, ...]
    sources: tuple[SourceView, ...]
    event: LinkView


@dataclass(frozen=True, slots=True)
class StatusView:
    date: DateView
    status: str
    note: str
    sources: tuple[SourceView, ...]


def display_name(entity: Entity) -> str:
    """The one name an entity goes by wherever it is mentioned: a party's short name if it
    has one (its full name heads its own page)."""
    if isinstance(entity, Party) and entity.short_name:
        return entity.short_name
    return entity.label


def label_lang(entity: Entity) -> str:
    """The language tag of an entity's display name when it is a fallback, else ''."""
    if not entity.untranslated:
        return ""
    if isinstance(entity, Party) and entity.short_name:
        attr = "short_name"
    else:
        attr = "name" if hasattr(entity, "name") else "title"
    return entity.fallback_lang if attr in entity.untranslated else ""


class ViewBuilder:
    """Turns model values into views for one page; collects that page's citations."""

    def __init__(self, site: SiteReader, markdown: Callable[[str], str],
                 links: dict[str, LinkView] | None = None,
                 memo: dict[str, object] | None = None,
                 locale: PageLocale | None = None) -> None:
        """`markdown`: Markdown text → HTML with reference placeholders (a pure function of
        the text, so its caller may cache it). `links`: link views by entity id, and `memo`:
        values made from the whole Site (`shared`), both shared by the pages of one Site (a
        page that lists a thousand events would otherwise make each link anew on every
        page). `locale`: the page's language, for the theme's words and dates (by default the
        site's language, with the theme's catalog only)."""
        self.site = site
        self.locale = locale if locale is not None else page_locale(site.config.lang, None)
        self.markdown = markdown
        self._links = links if links is not None else {}
        self._memo = memo if memo is not None else {}
        self.base = site.config.base_path
        self.root = site.config.root_path  # shared by every language: static/, data/
        self.zone = zoneinfo.ZoneInfo(site.config.timezone)
        self.prose_context = ProseContext(self._target)

    # -- urls and links
    def url(self, path: str) -> str:
        return self.base + path

    def entity_url(self, entity: Entity) -> str:
        return self.base + entity_path(entity)

    def _target(self, entity_id: str) -> Target | None:
        entity = self.site.get(entity_id)
        return None if entity is None else Target(display_name(entity),
                                                   self.entity_url(entity), label_lang(entity))

    def link(self, ref: Ref | str) -> LinkView:
        entity_id = ref if isinstance(ref, str) else ref.id
        view = self._links.get(entity_id)
        if view is not None:
            self.site.get(entity_id)  # a read all the same: the reader may be recording
            return view
        entity = self.site.entities[entity_id]
        party = entity if isinstance(entity, Party) else None
        view = LinkView(display_name(entity), self.entity_url(entity), entity.kind, entity.id,
                        party.color if party else "", party.short_name if party else "",
                        label_lang(entity))
        self._links[entity_id] = view
        return view

    def shared(self, name: str, make: Callable[[SiteReader], T],
               reads: Callable[[SiteReader], object]) -> T:
        """`make(site)`, made once for the pages sharing this builder's memo. `reads(site)`
        repeats the reads `make` depends on, cheaply, so that a page that finds the value
        made still records them (the reader may be recording)."""
        if name in self._memo:
            reads(self.site)
            return cast("T", self._memo[name])
        value = self._memo[name] = make(self.site)
        return value

    def links(self, refs: tuple[Ref, ...]) -> tuple[LinkView, ...]:
        return tuple(self.link(r) for r in refs)

    # -- values
    def date(self, value: PartialDate | None, approximate: bool = False) -> DateView | None:
        if value is None:
            return None
        return self.dated(value, approximate)

    def dated(self, value: PartialDate, approximate: bool = False) -> DateView:
        return DateView(self.locale.date_text(value, approximate), value.iso())

    def day(self, day: datetime.date) -> DateView:
        return self.dated(PartialDate(day.year, day.month, day.day, precision=Precision.DAY))

    def updated(self, entity: Entity) -> DateView | None:
        """When the entity's page was last updated, as a day in the site's time zone."""
        value = entity.last_updated
        if value is None:
            return None
        return DateView(self.locale.date_text(value.day_in(self.zone)), value.iso())

    def corrections(self, items: tuple[Correction, ...]) -> tuple[CorrectionView, ...]:
        """Newest first."""
        ordered = sorted(items, key=lambda c: c.date.sort_key(), reverse=True)
        return tuple(CorrectionView(self.dated(c.date), self.prose(c.text),
                                    self.sources(c.sources)) for c in ordered)

    def prose(self, prose: Prose | None) -> str:
        if prose is None:
            return ""
        html = resolve_placeholders(self.markdown(prose.text), self.prose_context)
        # Left in the default language on a translated page: marked, so that screen
        # readers read it in its own voice.
        return f'<div lang="{prose.lang}">{html}</div>' if prose.lang else html

    def source(self, source_id: str) -> SourceView:
        entity = self.site.entities[source_id]
        assert isinstance(entity, Source)
        return SourceView(entity.id, entity.title, entity.publisher,
                          self.date(entity.date, entity.approximate), self.entity_url(entity),
                          entity.url, self.prose_context.cite(source_id), label_lang(entity))

    def sources(self, refs: tuple[Ref, ...]) -> tuple[SourceView, ...]:
        return tuple(self.source(r.id) for r in refs)

    def citations(self) -> tuple[SourceView, ...]:
        return tuple(self.source(i) for i in self.prose_context.citations)

    # -- composite views
    def stance(self, position: Position) -> StanceView:
        conditions = tuple(
            (text, self.link(text) if self._is_link_target(text) else None)
            for text in position.conditions)
        return StanceView(
            holder=self.link(position.holder), on=self.link(position.on),
            stance=position.stance, date=self.dated(position.date, position.approximate),
            sources=self.sources(position.sources), summary_html=self.prose(position.summary),
            conditions=conditions, quote=position.quote,
            said_by=self.link(position.said_by) if position.said_by else None,
            body_html=self.prose(position.body),
            corrections=self.corrections(position.corrections), updated=self.updated(position))

    def _is_link_target(self, text: str) -> bool:
        entity = self.site.get(text)
        return entity is not None and entity.kind in ("proposals", "issues")

    def history(self, key: tuple[str, str]) -> HistoryView:
        positions = self.site.histories[key]
        return HistoryView(self.link(key[0]), self.link(key[1]),
                           tuple(self.stance(p) for p in positions))

    def histories(self, keys: list[tuple[str, str]]) -> tuple[HistoryView, ...]:
        return tuple(self.history(k) for k in keys)

    def event_item(self, event: Event) -> EventItem:
        return EventItem(self.link(event.id), self.dated(event.date, event.approximate),
                         event.event_kind, self.links(event.parties), self.prose(event.summary),
                         self.links(event.issues))

    def quote(self, quote: Quote, event: Event) -> QuoteView:
        return QuoteView(quote.text, self.link(quote.by), self.date(quote.date),
                         self.sources(quote.sources or event.sources), self.link(event.id))

    def account(self, account: Account, event: Event) -> AccountView:
        return AccountView(self.link(account.by), self.prose(account.summary),
                           self.sources(account.sources or event.sources), self.link(event.id))

    def claim(self, claim: Claim, event: Event) -> ClaimView:
        return ClaimView(claim.text, self.link(claim.claimed_by), self.links(claim.disputed_by),
                         self.sources(claim.sources or event.sources), self.link(event.id))

    def status(self, entry: StatusEntry) -> StatusView:
        return StatusView(self.dated(entry.date, entry.approximate), entry.status, entry.note,
                          self.sources(entry.sources))

    def proposal_status(self, proposal: Proposal) -> tuple[StatusView, ...]:
        entries = sorted(proposal.status, key=lambda e: e.date.sort_key())
        return tuple(self.status(e) for e in entries)

