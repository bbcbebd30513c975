"""feed.xml: an Atom feed (RFC 4287) of the site's events, newest first.

An entry is published at its event's date and updated when its page was (`updated:`, or
the git history: the date the page shows).
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterator, Sequence
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
    moments = _moments(site.events(), zone)[-FEED_LIMIT:]
    md = make_markdown(site.config.allow_html)
    builder = ViewBuilder(site, lambda text: render_template(md, text))
    entries = [_entry(site, event, builder, zone, moment) for event, moment in reversed(moments)]
    return atom_document(site, FEED_FILE, site.config.title, "", entries, fixed_updated)


def _moments(events: Sequence[Event], zone: tzinfo) -> list[tuple[Event, datetime]]:
    """Each event with the moment it is published at: its date, never earlier than the
    event before it (an event without a time that followed a timed one that day, `after:`,
    takes its time), so that the entries stay newest first."""
    out: list[tuple[Event, datetime]] = []
    for event in events:
        moment = timestamp(event.date, zone)
        if out and moment < out[-1][1]:
            moment = out[-1][1]
        out.append((event, moment))
    return out


def _entry(site: Site, event: Event, b: ViewBuilder, zone: tzinfo,
           start: datetime) -> AtomEntry:
    path = entity_path(event)
    updated = event.last_updated
    categories = [f"<category term={quoteattr(event.event_kind)}/>"] if event.event_kind else []
    for ref in event.parties:
        party = b.link(ref)
        categories.append(
            f"<category term={quoteattr(party.id)} label={quoteattr(party.label)} "
            f"scheme={quoteattr(absolute_url(site.config, 'parties/'))}/>")
    return AtomEntry(event.title, path, path, start,
                     timestamp(updated if updated is not None else event.date, zone),
                     _summary_html(event, b), tuple(categories))


def _summary_html(event: Event, b: ViewBuilder) -> str:
    when = b.dated(event.date, event.approximate).text
    end = b.date(event.end)
    facts = [escape(f"{when} – {end.text}" if end else when)]
    if event.location:
        facts.append(escape(event.location))
    return f"<p>{' · '.join(facts)}</p>{b.prose(event.summary)}"
