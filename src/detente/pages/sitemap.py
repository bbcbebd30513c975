"""sitemap.xml (sitemaps.org 0.9) with the full address of every page, and robots.txt.

A sitemap takes only full addresses, so a site whose base_url is a path alone gets no
sitemap, and a robots.txt that does not point at one.
"""

from __future__ import annotations

from collections.abc import Iterator

from detente.content.model import Site
from detente.content.routes import absolute_url
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
    for key in page_keys(site):
        if key.template not in _LEFT_OUT:
            lines.append(f"<url><loc>{escape(absolute_url(site.config, key.path))}</loc></url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots_txt(site: Site) -> bytes:
    lines = ["User-agent: *", "Disallow:"]
    if site.config.origin:
        lines += ["", f"Sitemap: {absolute_url(site.config, SITEMAP_FILE)}"]
    return ("\n".join(lines) + "\n").encode("utf-8")
