"""The picture each page shows when it is shared (Open Graph, Twitter cards): what it says.

Each page but the "not found" and search pages has one, `share.png` beside its
`index.html`, made at build time like a page: a `PageKey` of its own (template
`SHARE_TEMPLATE`, `page` naming the template of the page it pictures), rendered through the
same reader, so the cache renders it again exactly when what it shows changes.
`shareimage` draws it.
"""

from __future__ import annotations

from dataclasses import dataclass

from detente.content.colors import shade_for
from detente.content.model import Entity, Event, Party, Proposal, SiteReader, Source
from detente.pages.home import main_parties
from detente.pages.locale import N_, capitalized
from detente.pages.page import page_keys
from detente.pages.pagetypes import PageKey
from detente.pages.views import ViewBuilder
from detente.pages.words import KIND_NAMES, LIST_PAGES, vocabulary_word

SHARE_TEMPLATE = "share.png"
SHARE_FILE = "share.png"
WITHOUT = ("404.html", "search.html")  # pages nobody shares
# The titles of the site's own pages (the pages' views say the same).
PAGE_TITLES = {"full-timeline.html": N_("Timeline"), "positions.html": N_("Who supports what"),
               "data.html": N_("Open data")}
MAX_COLOURS = 6


@dataclass(frozen=True, slots=True)
class ShareCard:
    site_title: str
    title: str
    label: str  # 'Event · Call', 'Party', ''
    date: str  # '18 March 2025', or ''
    colours: tuple[str, ...]  # the parties concerned, '#rrggbb', as the light theme shows them


def share_path(page_path: str) -> str:
    """'actors/x/' → 'actors/x/share.png'; '' (home) → 'share.png'."""
    return page_path + SHARE_FILE


def wants_share_image(template: str) -> bool:
    return template not in WITHOUT


def output_keys(site: SiteReader) -> list[PageKey]:
    """What the build renders: every page, and the share picture of each page that has one
    (after all the pages)."""
    keys = page_keys(site)
    return [*keys, *(PageKey(SHARE_TEMPLATE, share_path(k.path), k.entity_id, k.kind, k.template)
                     for k in keys if wants_share_image(k.template))]


def share_card(template: str, entity_id: str, kind: str, b: ViewBuilder) -> ShareCard:
    """What the picture of the page (`template`, its entity or its list `kind`) shows."""
    site = b.site
    config = site.config
    if template == "home.html":
        index = site.entities.get("index")
        return ShareCard(config.title, index.label if index is not None else config.title,
                         "", "", _colours(site, main_parties(site)))
    if not entity_id:
        title = b.locale.gettext(PAGE_TITLES[template] if template in PAGE_TITLES else
                                 LIST_PAGES[kind][0] if kind in LIST_PAGES else kind.capitalize())
        return ShareCard(config.title, title, "", "", _colours(site, main_parties(site)))
    entity = site.entities[entity_id]
    return ShareCard(config.title, entity.label, _label(entity, b), _date(entity, b),
                     _colours(site, _parties_of(entity, site)))


def _label(entity: Entity, b: ViewBuilder) -> str:
    label = b.locale.gettext(KIND_NAMES[entity.kind]) if entity.kind in KIND_NAMES else ""
    event_kind = getattr(entity, "event_kind", "")
    role = getattr(entity, "role", "")
    detail = (vocabulary_word(b.locale, "event kind", event_kind) if event_kind else
              vocabulary_word(b.locale, "party role", role) if role else "")
    return f"{label} · {capitalized(detail)}" if label and detail else label


def _date(entity: Entity, b: ViewBuilder) -> str:
    if isinstance(entity, Event | Proposal | Source) and entity.date is not None:
        return b.dated(entity.date, entity.approximate).text
    return ""


def _parties_of(entity: Entity, site: SiteReader) -> tuple[str, ...]:
    if isinstance(entity, Party):
        return (entity.id,)
    refs = getattr(entity, "parties", ()) or getattr(entity, "proposed_by", ())
    found = tuple(r.id for r in refs if site.entities[r.id].kind == "parties")
    return found or tuple(p for p in _people_parties(entity))


def _people_parties(entity: Entity) -> tuple[str, ...]:
    roles = getattr(entity, "roles", ())
    return tuple(dict.fromkeys(r.party.id for r in roles if r.party is not None))


def _colours(site: SiteReader, party_ids: tuple[str, ...]) -> tuple[str, ...]:
    colours = []
    for party_id in party_ids:
        party = site.entities[party_id]
        if isinstance(party, Party) and party.color:
            colours.append(shade_for(party.color, False))
    return tuple(dict.fromkeys(colours))[:MAX_COLOURS]

