"""schema.org JSON-LD for the pages that describe something schema.org knows.

Events are Events, actors Persons, parties Organizations, sources CreativeWorks, and the
home page is the WebSite. Each is a plain dict; `script_json` makes it safe inside <script>.
"""

from __future__ import annotations

import json
from typing import Any

from detente.content.model import Actor, Entity, Event, Party, Ref, SiteReader, Source
from detente.content.routes import absolute_url, entity_path
from detente.pages.plaintext import plain

CONTEXT = "https://schema.org"
_TYPES = {"parties": "Organization", "actors": "Person", "events": "Event",
          "sources": "CreativeWork"}
# Inside <script>, '</script>' or '<!--' would end or confuse the element; '&' is escaped too
# so the text reads the same wherever it is pasted.
_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script_json(data: dict[str, Any]) -> str:
    """JSON text that can stand between <script type="application/ld+json"> tags as is."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.translate(_SCRIPT_ESCAPES)


def website(site: SiteReader, search_path: str) -> dict[str, Any]:
    config = site.config
    data: dict[str, Any] = {"@context": CONTEXT, "@type": "WebSite", "name": config.title,
                            "url": absolute_url(config, ""), "inLanguage": config.lang}
    if config.description:
        data["description"] = config.description
    if search_path:
        data["potentialAction"] = {
            "@type": "SearchAction",
            "target": absolute_url(config, search_path) + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        }
    return data


def describe(entity: Entity, site: SiteReader, description: str) -> dict[str, Any] | None:
    """The JSON-LD for an entity's page: the thing it describes, with the page itself (when
    it was updated, what it corrected) as its `mainEntityOfPage`. For kinds schema.org has
    no type for here, the page alone, or None when there is nothing to say of it."""
    page = _web_page(entity, site)
    kind = _TYPES.get(entity.kind)
    if kind is None:
        if page is None:
            return None
        return {"@context": CONTEXT, **page, "name": entity.label,
                **({"description": description} if description else {})}
    data: dict[str, Any] = {"@context": CONTEXT, **_thing(entity, site)}
    if description:
        data["description"] = description
    if len(site.config.published_languages) > 1:  # (one language: the WebSite's says it)
        data["inLanguage"] = site.config.lang
    if page is not None:
        data["mainEntityOfPage"] = page
    if isinstance(entity, Event):
        data.update(_event(entity, site))
    elif isinstance(entity, Actor):
        data.update(_person(entity, site))
    elif isinstance(entity, Party):
        data.update(_organization(entity, site))
    elif isinstance(entity, Source):
        data.update(_creative_work(entity, site))
    return data


def _web_page(entity: Entity, site: SiteReader) -> dict[str, Any] | None:
    """The page: when it was last updated and the corrections it carries, if any."""
    modified = entity.last_updated
    if modified is None and not entity.corrections:
        return None
    corrections = [{"@type": "CorrectionComment", "datePublished": c.date.iso(),
                    "text": plain(c.text.text, site, 0)}
                   for c in sorted(entity.corrections, key=lambda c: c.date.sort_key())]
    return _compact({"@type": "WebPage", "url": absolute_url(site.config, entity_path(entity)),
                     "dateModified": modified.iso() if modified is not None else None,
                     "correction": corrections})


def _thing(entity: Entity, site: SiteReader) -> dict[str, Any]:
    """A short node for an entity: its type, name and page."""
    return {"@type": _TYPES.get(entity.kind, "Thing"), "name": entity.label,
            "url": absolute_url(site.config, entity_path(entity))}


def _things(refs: tuple[Ref, ...], site: SiteReader) -> list[dict[str, Any]]:
    return [_thing(site.entities[r.id], site) for r in refs]


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out what the content does not say."""
    return {k: v for k, v in data.items() if v is not None and v != "" and v != []}


def _event(event: Event, site: SiteReader) -> dict[str, Any]:
    place = None
    if event.location or event.coordinates:
        geo = None
        if event.coordinates:
            geo = {"@type": "GeoCoordinates", "latitude": event.coordinates[0],
                   "longitude": event.coordinates[1]}
        place = _compact({"@type": "Place", "name": event.location, "geo": geo})
    return _compact({
        "startDate": event.date.iso(),
        "endDate": event.end.iso() if event.end is not None else None,
        "location": place,
        "attendee": _things(event.parties, site) + _things(event.actors, site),
        "about": _things(event.issues, site) + _things(event.proposals, site),
        "subjectOf": _things(event.sources, site),
    })


def _person(actor: Actor, site: SiteReader) -> dict[str, Any]:
    parties = dict.fromkeys(r.party.id for r in actor.roles if r.party)
    return _compact({
        "alternateName": actor.native_name,
        "image": site.config.origin + site.config.root_path + f"static/{actor.image}"
        if actor.image else None,
        "jobTitle": [r.title for r in actor.roles if r.title and r.end is None],
        "affiliation": [_thing(site.entities[p], site) for p in parties],
        "sameAs": [link.url for link in actor.links],
    })


def _organization(party: Party, site: SiteReader) -> dict[str, Any]:
    member_of = dict.fromkeys(b.source for b in site.backlinks.get(party.id, ())
                              if b.field == "members")
    return _compact({
        "alternateName": party.short_name,
        "member": _things(party.members, site),
        "memberOf": [_thing(site.entities[p], site) for p in member_of],
        "sameAs": [link.url for link in party.links],
    })


def _creative_work(source: Source, site: SiteReader) -> dict[str, Any]:
    publisher = {"@type": "Organization", "name": source.publisher} if source.publisher else None
    return _compact({
        "sameAs": source.url,
        "publisher": publisher,
        "datePublished": source.date.iso() if source.date is not None else None,
    })
