"""sitemap.xml (sitemaps.org 0.9) with the full address of every page, and robots.txt.

A sitemap takes only full addresses, so a site whose base_url is a path alone gets no
sitemap, and a robots.txt that does not point at one.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterator
from datetime import tzinfo

from detente.content.dates import PartialDate, Precision
from detente.content.model import Site
from detente.content.routes import absolute_url
from detente.pages.atom import rfc3339, timestamp
from detente.pages.page import page_keys
from detente.pages.xmltext import escape

SITEMAP_FILE = "sitemap.xml"
ROBOTS_FILE = "robots.txt"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_LEFT_OUT = ("404.html", "search.html")  # not pages to land on from a search engine


def produce(site: Site) -> Iterator[tuple[str, tuple[bytes]]]:
    yield ROBOTS_FILE, (robots_txt(site),)
    if site.config.origin:
        yield SITEMAP_FILE, (sitemap_xml(site),)


def sitemap_xml(site: Site) -> bytes:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f'<urlset xmlns="{SITEMAP_NS}">']
    zone = zoneinfo.ZoneInfo(site.config.timezone)
    for key in page_keys(site):
        if key.template not in _LEFT_OUT:
            entity = site.entities.get(key.entity_id) if key.entity_id and key.path else None
            modified = lastmod(entity.last_updated, zone) if entity is not None else ""
            lines.append(f"<url><loc>{escape(absolute_url(site.config, key.path))}</loc>"
                         + (f"<lastmod>{modified}</lastmod>" if modified else "") + "</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def lastmod(value: PartialDate | None, zone: tzinfo) -> str:
    """The date a page shows it was updated, as a sitemap's W3C date or date-time; '' for a
    month or a year (the sitemap would claim a day)."""
    if value is None or value.precision < Precision.DAY:
        return ""
    if value.precision == Precision.DAY:
        return value.iso()
    return rfc3339(timestamp(value, zone))


def robots_txt(site: Site) -> bytes:
    lines = ["User-agent: *", "Disallow:"]
    if site.config.origin:
        lines += ["", f"Sitemap: {absolute_url(site.config, SITEMAP_FILE)}"]
    return ("\n".join(lines) + "\n").encode("utf-8")
