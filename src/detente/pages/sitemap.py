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
from detente.pages.languages import alternates
from detente.pages.page import page_keys
from detente.pages.xmltext import escape

SITEMAP_FILE = "sitemap.xml"
ROBOTS_FILE = "robots.txt"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
_LEFT_OUT = ("404.html", "search.html")  # not pages to land on from a search engine


def produce(site: Site) -> Iterator[tuple[str, tuple[bytes]]]:
    yield ROBOTS_FILE, (robots_txt(site),)
    if site.config.origin:
        yield SITEMAP_FILE, (sitemap_xml(site),)


def sitemap_xml(site: Site) -> bytes:
    """Every page of every language; on a site of several, each page names its
    translations (`xhtml:link`, as search engines read hreflang from a sitemap)."""
    several = bool(site.translated)
    namespaces = f' xmlns:xhtml="{XHTML_NS}"' if several else ""
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<urlset xmlns="{SITEMAP_NS}"{namespaces}>']
    zone = zoneinfo.ZoneInfo(site.config.timezone)
    for each in (site, *site.translated.values()):
        for key in page_keys(each):
            if key.template not in _LEFT_OUT:
                entity = each.entities.get(key.entity_id) if key.entity_id and key.path \
                    else None
                modified = lastmod(entity.last_updated, zone) if entity is not None else ""
                links = "".join(f'<xhtml:link rel="alternate" hreflang="{a.lang}" '
                                f'href="{escape(a.url)}"/>'
                                for a in alternates(each.config, key.path)) if several else ""
                lines.append(f"<url><loc>{escape(absolute_url(each.config, key.path))}</loc>"
                             + (f"<lastmod>{modified}</lastmod>" if modified else "")
                             + links + "</url>")
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
