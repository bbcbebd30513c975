"""The one place that maps an entity or a site page to its URL and its output file."""

from __future__ import annotations

from detente.content.config import SiteConfig
from detente.content.model import Entity

# Kinds that get a page of their own and a list page; positions appear on others' pages.
PAGE_KINDS = ("parties", "actors", "issues", "proposals", "events", "timelines", "sources")
SITE_PAGES = ("timeline", "positions", "search", "data", "changes", "corrections")


def entity_path(entity: Entity) -> str:
    """The URL path below the site root, without a leading slash: 'actors/x/' or ''."""
    if entity.kind == "pages":
        return "" if entity.id == "index" else f"{entity.id}/"
    return f"{entity.kind}/{entity.id}/"


def list_path(kind: str) -> str:
    return f"{kind}/"


def output_file(path: str) -> str:
    """'actors/x/' → 'actors/x/index.html'; files ('feed.xml') stay as they are."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def nav_path(name: str, page_ids: set[str]) -> str | None:
    """A `nav:` entry ('timeline', 'actors', a prose page id) → its path, or None."""
    if name in PAGE_KINDS or name in SITE_PAGES:
        return f"{name}/"
    if name in page_ids:
        return f"{name}/"
    return None


def absolute_url(config: SiteConfig, path: str) -> str:
    """The full address of a path below the site root (a path alone when base_url has no host)."""
    return config.origin + config.base_path + path
