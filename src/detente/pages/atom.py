"""Atom (RFC 4287) documents: the site's feeds share their head, ids and timestamps.

Every timestamp comes from the content: a date without a time of day is read in the site's
time zone. A feed's own `updated` is its newest entry's, or SOURCE_DATE_EPOCH when that is
set (reproducible builds); the wall clock is never read.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from detente.content.dates import PartialDate, Precision
from detente.content.model import SiteReader
from detente.content.routes import absolute_url
from detente.pages.xmltext import escape, quoteattr

ATOM_NS = "http://www.w3.org/2005/Atom"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class AtomEntry:
    title: str
    path: str  # the page it links to, below the site root ('events/x/', 'proposals/y/#z')
    id_path: str  # what makes its id, unique in the feed
    published: datetime
    updated: datetime
    summary_html: str
    extra: tuple[str, ...] = ()  # more elements, as XML text (categories)


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


def atom_id(site: SiteReader, path: str) -> str:
    """The page's address where it has one; otherwise a name-based UUID, just as stable."""
    if site.config.origin:
        return absolute_url(site.config, path)
    name = f"detente:{site.config.title}:{path}"
    return uuid.uuid5(uuid.NAMESPACE_URL, name).urn


def atom_document(site: SiteReader, feed_path: str, title: str, alternate: str,
                  entries: Sequence[AtomEntry], fixed_updated: datetime | None) -> bytes:
    """A whole feed: `alternate` is the page it is the feed of ('' for the home page)."""
    config = site.config
    updated = fixed_updated or max((e.updated for e in entries), default=EPOCH)
    home = absolute_url(config, "")
    base = f" xml:base={quoteattr(home)}" if config.origin else ""
    head = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM_NS}" xml:lang={quoteattr(config.lang)}{base}>',
        f"<title>{escape(title)}</title>",
    ]
    if config.description:
        head.append(f"<subtitle>{escape(config.description)}</subtitle>")
    head += [
        f'<link rel="self" type="application/atom+xml" '
        f"href={quoteattr(absolute_url(config, feed_path))}/>",
        f'<link rel="alternate" type="text/html" '
        f"href={quoteattr(absolute_url(config, alternate))}/>",
        f"<id>{escape(atom_id(site, feed_path))}</id>",
        f"<updated>{rfc3339(updated)}</updated>",
        f"<author><name>{escape(config.title)}</name></author>",
        "<generator>Detente</generator>",
    ]
    body = [_entry(site, entry) for entry in entries]
    return ("\n".join([*head, *body, "</feed>"]) + "\n").encode("utf-8")


def _entry(site: SiteReader, entry: AtomEntry) -> str:
    href = absolute_url(site.config, entry.path)
    return "\n".join([
        "<entry>",
        f"<title>{escape(entry.title)}</title>",
        f'<link rel="alternate" type="text/html" href={quoteattr(href)}/>',
        f"<id>{escape(atom_id(site, entry.id_path))}</id>",
        f"<published>{rfc3339(entry.published)}</published>",
        f"<updated>{rfc3339(entry.updated)}</updated>",
        *entry.extra,
        f'<summary type="html">{escape(entry.summary_html)}</summary>',
        "</entry>",
    ])
