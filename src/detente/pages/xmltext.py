"""Escaping text for XML (the feed, the sitemap): what xml.sax.saxutils does, without
importing it, which pulls in urllib.request, http.client and ssl (20 ms of every build)."""

from __future__ import annotations


def escape(text: str) -> str:
    """&, < and > as entities."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(text: str) -> str:
    """An attribute value with its quotes, as `xml.sax.saxutils.quoteattr` writes it."""
    text = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"{}"'.format(text.replace('"', "&quot;"))
