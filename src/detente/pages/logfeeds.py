"""corrections.xml and changes.xml: Atom feeds of /corrections/ and /changes/, newest first."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterator
from datetime import datetime, tzinfo

from detente.content.markdown import make_markdown, render_template
from detente.content.model import Site
from detente.pages.atom import AtomEntry, atom_document, source_date_epoch, timestamp
from detente.pages.changelog import (
    ChangeEntry,
    CorrectionEntry,
    change_entries,
    correction_entries,
)
from detente.pages.recordpages import (
    CHANGES_FEED,
    CHANGES_PATH,
    CORRECTIONS_FEED,
    CORRECTIONS_PATH,
)
from detente.pages.views import LinkView, ViewBuilder
from detente.pages.xmltext import escape, quoteattr

FEED_LIMIT = 100  # the newest entries; the pages list them all


def produce(site: Site) -> Iterator[tuple[str, tuple[bytes]]]:
    md = make_markdown(site.config.allow_html)
    b = ViewBuilder(site, lambda text: render_template(md, text))
    fixed = source_date_epoch()
    yield CORRECTIONS_FEED, (corrections_feed(site, b, fixed),)
    yield CHANGES_FEED, (changes_feed(site, b, fixed),)


def corrections_feed(site: Site, b: ViewBuilder, fixed: datetime | None = None) -> bytes:
    zone = zoneinfo.ZoneInfo(site.config.timezone)
    entries = [_correction(b, e, zone) for e in correction_entries(b)[:FEED_LIMIT]]
    return atom_document(site, CORRECTIONS_FEED, f"Corrections · {site.config.title}",
                         CORRECTIONS_PATH, entries, fixed)


def changes_feed(site: Site, b: ViewBuilder, fixed: datetime | None = None) -> bytes:
    zone = zoneinfo.ZoneInfo(site.config.timezone)
    entries = [_change(b, e, zone) for e in change_entries(b)[:FEED_LIMIT]]
    return atom_document(site, CHANGES_FEED, f"What changed · {site.config.title}",
                         CHANGES_PATH, entries, fixed)


def _path(b: ViewBuilder, link: LinkView) -> str:
    """A link's address below the site root, as feeds take it."""
    return link.url.removeprefix(b.base)


def _page_html(link: LinkView) -> str:
    return f"<a href={quoteattr(link.url)}>{escape(link.label)}</a>"


def _correction(b: ViewBuilder, entry: CorrectionEntry, zone: tzinfo) -> AtomEntry:
    moment = timestamp(entry.moment, zone)
    summary = (f"<p>{escape(entry.correction.date.text)}: a correction to "
               f"{_page_html(entry.page)}</p>{entry.correction.text_html}")
    return AtomEntry(f"Correction: {entry.page.label}", _path(b, entry.page),
                     f"{CORRECTIONS_PATH}#{entry.anchor}", moment, moment, summary)


def change_title(entry: ChangeEntry) -> str:
    value, previous = (v.replace("-", " ") for v in (entry.value, entry.previous))
    if entry.kind == "event":
        return f"Event: {entry.link.label}"
    if entry.kind == "correction":
        return f"Correction: {entry.link.label}"
    return f"{entry.link.label}: {previous} → {value}" if previous else \
        f"{entry.link.label}: {value}"


def _change(b: ViewBuilder, entry: ChangeEntry, zone: tzinfo) -> AtomEntry:
    moment = timestamp(entry.moment, zone)
    summary = f"<p>{escape(entry.date.text)}: {_page_html(entry.link)}</p>{entry.text_html}"
    return AtomEntry(change_title(entry), _path(b, entry.link),
                     f"{CHANGES_PATH}#{entry.anchor}", moment, moment, summary)
