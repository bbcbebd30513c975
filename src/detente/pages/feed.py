"""feed.xml: an Atom feed (RFC 4287) of the site's events, newest first.

Every timestamp comes from the content: an event's date, read in the site's time zone when
it has no time of day. The feed's own `updated` is the newest entry's, or SOURCE_DATE_EPOCH
when that is set (reproducible builds); the wall clock is never read.
"""

from __future__ import annotations

import os
import uuid
import zoneinfo
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, tzinfo

from detente.content.dates import PartialDate, Precision
from detente.content.markdown import make_markdown, render_template
from detente.content.model import Event, Site
from detente.content.routes import absolute_url, entity_path
from detente.pages.views import ViewBuilder
from detente.pages.xmltext import escape, quoteattr

FEED_FILE = "feed.xml"
FEED_LIMIT = 100  # the newest events; the open data has them all
ATOM_NS = "http://www.w3.org/2005/Atom"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def produce(site: Site) -> Iterator[tuple[str, tuple[bytes]]]:
    yield FEED_FILE, (atom_feed(site, source_date_epoch()),)


def source_date_epoch() -> datetime | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return datetime.fromtimestamp(int(value), UTC)


def timestamp(value: PartialDate, zone: tzinfo) -> datetime:
    """The moment a partial date starts: midnight in `zone` for a year, month or day."""
    if value.precision >= Precision.MINUTE:
        return value.to_datetime()
    return datetime(value.year, value.month or 1, value.day or 1, tzinfo=zone)


def rfc3339(moment: datetime) -> str:
    text = moment.isoformat(timespec="seconds")
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def atom_feed(site: Site, fixed_updated: datetime | None = None) -> bytes:
    config = site.config
    zone = zoneinfo.ZoneInfo(config.timezone)
    moments = _moments(site.events(), zone)[-FEED_LIMIT:]
    md = make_markdown(config.allow_html)
    builder = ViewBuilder(site, lambda text: render_template(md, text))
    entries = [_entry(site, event, builder, moment) for event, moment in reversed(moments)]
    newest = max((moment for _event, moment in moments), default=_EPOCH)
    updated = fixed_updated or newest
    home = absolute_url(config, "")
    base = f" xml:base={quoteattr(home)}" if config.origin else ""
    head = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM_NS}" xml:lang={quoteattr(config.language)}{base}>',
        f"<title>{escape(config.title)}</title>",
    ]
    if config.description:
        head.append(f"<subtitle>{escape(config.description)}</subtitle>")
    head += [
        f'<link rel="self" type="application/atom+xml" '
        f"href={quoteattr(absolute_url(config, FEED_FILE))}/>",
        f'<link rel="alternate" type="text/html" href={quoteattr(home)}/>',
        f"<id>{escape(_id(site, FEED_FILE))}</id>",
        f"<updated>{rfc3339(updated)}</updated>",
        f"<author><name>{escape(config.title)}</name></author>",
        "<generator>Detente</generator>",
    ]
    return ("\n".join([*head, *entries, "</feed>"]) + "\n").encode("utf-8")


def _moments(events: Sequence[Event], zone: tzinfo) -> list[tuple[Event, datetime]]:
    """Each event with the moment it is dated to, never earlier than the one before it: an
    event without a time that followed a timed one that day (`after:`) takes its time."""
    out: list[tuple[Event, datetime]] = []
    for event in events:
        moment = timestamp(event.date, zone)
        if out and moment < out[-1][1]:
            moment = out[-1][1]
        out.append((event, moment))
    return out


def _id(site: Site, path: str) -> str:
    """The page's address where it has one; otherwise a name-based UUID, just as stable."""
    if site.config.origin:
        return absolute_url(site.config, path)
    name = f"detente:{site.config.title}:{path}"
    return uuid.uuid5(uuid.NAMESPACE_URL, name).urn


def _entry(site: Site, event: Event, b: ViewBuilder, moment: datetime) -> str:
    config = site.config
    path = entity_path(event)
    start = rfc3339(moment)
    lines = [
        "<entry>",
        f"<title>{escape(event.title)}</title>",
        f'<link rel="alternate" type="text/html" href={quoteattr(absolute_url(config, path))}/>',
        f"<id>{escape(_id(site, path))}</id>",
        f"<published>{start}</published>",
        f"<updated>{start}</updated>",
    ]
    if event.event_kind:
        lines.append(f"<category term={quoteattr(event.event_kind)}/>")
    for ref in event.parties:
        party = b.link(ref)
        lines.append(f"<category term={quoteattr(party.id)} label={quoteattr(party.label)} "
                     f"scheme={quoteattr(absolute_url(config, 'parties/'))}/>")
    lines.append(f'<summary type="html">{escape(_summary_html(event, b))}</summary>')
    lines.append("</entry>")
    return "\n".join(lines)


def _summary_html(event: Event, b: ViewBuilder) -> str:
    when = b.dated(event.date, event.approximate).text
    end = b.date(event.end)
    facts = [escape(f"{when} – {end.text}" if end else when)]
    if event.location:
        facts.append(escape(event.location))
    return f"<p>{' · '.join(facts)}</p>{b.prose(event.summary)}"
