"""Checks on sourcing: every statement has a source, every source is whole and cited, and
every quote is in its source's text where the project keeps that text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from detente.content.diagnostics import SourceSpan
from detente.content.editorial.finding import Finding, named
from detente.content.model import Ref, Site, Source

_SOURCE_HINT = "add 'source: <source id>' (or 'sources: [...]')"


def unsourced(site: Site) -> Iterator[Finding]:
    """A stance with no source; a quote, account or claim with none, on an event with none."""
    for position in site.positions:
        if not position.sources:
            yield Finding("unsourced", position.span,
                          f"the stance of '{position.holder.id}' on '{position.on.id}' has "
                          "no source", _SOURCE_HINT, (position.id,))
    for event in site.events():
        if event.sources:
            continue  # its quotes, accounts and claims inherit them
        parts = [("quote", q.by, q.sources, q.span) for q in event.quotes]
        parts += [("account", a.by, a.sources, a.span) for a in event.accounts]
        parts += [("claim", c.claimed_by, c.sources, c.span) for c in event.claims]
        for what, by, sources, span in parts:
            if not sources:
                yield Finding("unsourced", span or event.span,
                              f"the {what} by '{by.id}' has no source, and its event none "
                              "to inherit", _SOURCE_HINT + " to it or to the event",
                              (event.id,))


def source_fields(site: Site) -> Iterator[Finding]:
    """A source without publisher, date or address: each is a check of its own."""
    for source in site.by_kind["sources"]:
        assert isinstance(source, Source)
        for field, value, example in (("publisher", source.publisher, "<who published it>"),
                                      ("date", source.date, "<YYYY-MM-DD>"),
                                      ("url", source.url, "<https://...>")):
            if not value:
                yield Finding(f"source-without-{field}", source.span,
                              f"{named(source)} has no '{field}'",
                              f"add '{field}: {example}'", (source.id,))


def uncited(site: Site) -> Iterator[Finding]:
    for source in site.by_kind["sources"]:
        if not site.backlinks.get(source.id):
            yield Finding("source-uncited", source.span, f"nothing cites {named(source)}",
                          f"cite it ([@{source.id}] in prose, or 'source: {source.id}'), or "
                          "remove it", (source.id,))


_QUOTE_MARKS = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
                              "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
                              "*": None, "_": None})
_ELLIPSIS_RE = re.compile(r"\s*(?:\.\.\.|…|\[\.\.\.\]|\[…\])\s*")


def comparable(text: str) -> str:
    """Text as a quote check compares it: typographic quotes plain, Markdown emphasis and
    case ignored, every run of white space one space."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS).casefold()
    return " ".join(text.split())


def in_text(quote: str, text: str) -> bool:
    """Whether every part of `quote` (split at an ellipsis) stands in `text`, in order."""
    at = 0
    for part in _ELLIPSIS_RE.split(comparable(quote)):
        part = part.strip(" \"'.,;:")  # reported speech turns a final '.' into ','

        if not part:
            continue
        at = text.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True


def quotes_in_sources(site: Site) -> Iterator[Finding]:
    """A quote missing from the stored text of every source it cites that has one."""
    texts = _stored_texts(site)
    if not texts:
        return
    for event in site.events():
        for quote in event.quotes:
            if not _found(quote.text, quote.sources or event.sources, texts):
                yield _misquote(quote.by.id, quote.sources or event.sources,
                                quote.span or event.span, event.id)
    for position in site.positions:
        if position.quote and not _found(position.quote, position.sources, texts):
            yield _misquote(position.holder.id, position.sources, position.span, position.id)


def _stored_texts(site: Site) -> dict[str, str]:
    texts = {}
    for source in site.by_kind["sources"]:
        assert isinstance(source, Source)
        stored = "\n".join(t for t in (source.text, source.body.text if source.body else "")
                           if t)
        if stored:
            texts[source.id] = comparable(stored)
    return texts


def _found(quote: str, sources: tuple[Ref, ...], texts: dict[str, str]) -> bool:
    stored = [texts[ref.id] for ref in sources if ref.id in texts]
    return not stored or any(in_text(quote, text) for text in stored)


def _misquote(by: str, sources: tuple[Ref, ...], span: SourceSpan, owner: str) -> Finding:
    names = ", ".join(f"'{ref.id}'" for ref in sources)
    return Finding("quote-not-in-source", span,
                   f"the quote by '{by}' is not in the text of its source ({names})",
                   "copy the words exactly as the source has them, or cite the source that "
                   "has them", (owner,))
