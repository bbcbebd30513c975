"""feed.xml: an Atom feed (RFC 4287) of the site's events, newest first.

An entry is published at its event's date and updated when its page was (`updated:`, or
the git history: the date the page shows).
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterator
from datetime import datetime, tzinfo

from detente.content.markdown import make_markdown, render_template
from detente.content.model import Event, Site
from detente.content.routes import absolute_url, entity_path
from detente.pages.atom import AtomEntry, atom_document, source_date_epoch, timestamp
from detente.pages.views import ViewBuilder
from detente.pages.xmltext import escape, quoteattr

FEED_FILE = "feed.xml"
FEED_LIMIT = 100  # the newest events; the open data has them all


def produce(site: Site) -> Iterator[tuple[str, tuple[bytes]]]:
    yield FEED_FILE, (atom_feed(site, source_date_epoch()),)


def atom_feed(site: Site, fixed_updated: datetime | None = None) -> bytes:
    zone = zoneinfo.ZoneInfo(site.config.timezone)
    events = list(reversed(site.events()))[:FEED_LIMIT]
    md = make_markdown(site.config.allow_html)
    builder = ViewBuilder(site, lambda text: render_template(md, text))
    entries = [_entry(site, event, builder, zone) for event in events]
    return atom_document(site, FEED_FILE, site.config.title, "", entries, fixed_updated)


def _entry(site: Site, event: Event, b: ViewBuilder, zone: tzinfo) -> AtomEntry:
    path = entity_path(event)
    start = timestamp(event.date, zone)
    updated = event.last_updated
    categories = [f"<category term={quoteattr(event.event_kind)}/>"] if event.event_kind else []
    for ref in event.parties:
        party = b.link(ref)
        categories.append(
            f"<category term={quoteattr(party.id)} label={quoteattr(party.label)} "
            f"scheme={quoteattr(absolute_url(site.config, 'parties/'))}/>")
    return AtomEntry(event.title, path, path, start,
                     timestamp(updated, zone) if updated is not None else start,
                     _summary_html(event, b), tuple(categories))


def _summary_html(event: Event, b: ViewBuilder) -> str:
    when = b.dated(event.date, event.approximate).text
    end = b.date(event.end)
    facts = [escape(f"{when} – {end.text}" if end else when)]
    if event.location:
        facts.append(escape(event.location))
    return f"<p>{' · '.join(facts)}</p>{b.prose(event.summary)}"
