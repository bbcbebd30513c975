"""Markdown prose as one line of plain text: for meta descriptions and JSON-LD."""

from __future__ import annotations

import re

from detente.content.model import SiteReader
from detente.content.syntax import CITE_RE, WIKI_RE
from detente.pages.views import display_name


def plain(text: str, site: SiteReader, limit: int = 200) -> str:
    """`text` without Markdown, links as their text, citations left out; cut at a word
    when longer than `limit` characters (0: never)."""
    def label(match: re.Match[str]) -> str:
        entity = site.get(match.group(1).strip())
        return match.group(2) or (display_name(entity) if entity is not None else
                                  match.group(1))

    text = WIKI_RE.sub(label, re.sub(r"\s*" + CITE_RE.pattern, "", text))
    flat = " ".join(re.sub(r"\*+|`+", "", text).split())
    if not limit or len(flat) <= limit:
        return flat
    return flat[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
