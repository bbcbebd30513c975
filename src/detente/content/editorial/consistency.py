"""Checks that parts of the record agree: disputes with both sides, events with the parties
of their people, and links whose text names the entity they point to."""

from __future__ import annotations

import re
from collections.abc import Iterator

from detente.content.editorial.finding import Finding, overlaps, proses
from detente.content.model import Actor, Party, Prose, ProseRef, Site
from detente.content.prose import find_refs
from detente.content.syntax import WIKI_RE

_DISPUTED_RE = re.compile(r"\bdisput(?:ed|es)\b", re.IGNORECASE)


def disputed_without_disputer(site: Site) -> Iterator[Finding]:
    """An event whose prose calls something disputed while none of its claims names who
    disputes it."""
    for event in site.events():
        if not event.claims or any(c.disputed_by for c in event.claims):
            continue
        # (not its corrections: they may tell of a dispute once wrongly shown)
        told = (event.summary, event.body, *(a.summary for a in event.accounts))
        if any(p is not None and _DISPUTED_RE.search(p.text) for p in told):
            claim = event.claims[0]
            yield Finding("disputed-without-disputer", claim.span or event.span,
                          f"the prose of event '{event.id}' calls a claim disputed, but no "
                          "claim names who disputes it",
                          "add 'disputed_by: [...]' to the claim the sources report disputed, "
                          "or reword the prose", (event.id,))


def one_sided_disputes(site: Site) -> Iterator[Finding]:
    """A disputer with no account or quote of its own (or its people's) on the event."""
    for event in site.events():
        voices = {a.by.id for a in event.accounts} | {q.by.id for q in event.quotes}
        for claim in event.claims:
            for disputer in claim.disputed_by:
                speakers = {disputer.id, *site.people.get(disputer.id, ())}
                if not speakers & voices:
                    yield Finding("one-sided-dispute", disputer.span,
                                  f"'{disputer.id}' disputes a claim of event '{event.id}' "
                                  "but has no account or quote on it",
                                  "add their account or words from the source that reports "
                                  "the dispute", (event.id,))


def actor_parties_missing(site: Site) -> Iterator[Finding]:
    """An event listing a person in `actors:` but none of the parties they act for then."""
    for event in site.events():
        parties = {ref.id for ref in event.parties}
        for ref in event.actors:
            actor = site.entities[ref.id]
            assert isinstance(actor, Actor)
            theirs = list(dict.fromkeys(
                role.party.id for role in actor.roles
                if role.party is not None and overlaps(role.start, role.end, event.date)))
            if theirs and not parties.intersection(theirs):
                names = " or ".join(f"'{p}'" for p in theirs)
                yield Finding("actor-party-missing", ref.span,
                              f"'{actor.id}' is in the actors of event '{event.id}', but "
                              f"{names}, the party they act for, is not in its parties",
                              f"add {names} to 'parties:'", (event.id,))


_STOPWORDS = frozenset({"the", "of", "and", "a", "an", "for", "in", "on", "to", "s"})
_WORD_RE = re.compile(r"\w+")


def words(text: str) -> set[str]:
    """The words of a name, case- and possessive-blind, without little words."""
    return {w for w in _WORD_RE.findall(text.casefold()) if w not in _STOPWORDS}


def link_text_mismatches(site: Site) -> Iterator[Finding]:
    """`[[id|text]]` to a party or person, whose text shares no word with any of its
    names, aliases or (for a person) titles."""
    names: dict[str, set[str]] = {}
    for entity in site.entities.values():
        for prose in proses(entity):
            if "|" not in prose.text:
                continue
            for text, ref in _link_texts(prose):
                target = site.entities.get(ref.id)
                if not isinstance(target, Party | Actor):
                    continue
                if target.id not in names:
                    names[target.id] = _names(target)
                if text.strip() and not words(text) & names[target.id]:
                    yield Finding("link-text-mismatch", ref.span,
                                  f"'[[{ref.id}|{text}]]': '{text}' is none of the names of "
                                  f"'{ref.id}' ({target.label})",
                                  "link the entity you meant, or add the name to its "
                                  "'aliases:'", (entity.id,))


def _names(entity: Party | Actor) -> set[str]:
    found = words(entity.name) | set().union(*(words(a) for a in entity.aliases))
    if isinstance(entity, Party):
        return found | words(entity.short_name)
    return found | words(entity.native_name) | set().union(
        *(words(role.title) for role in entity.roles))


def _link_texts(prose: Prose) -> Iterator[tuple[str, ProseRef]]:
    """(link text, its reference) for each `[[id|text]]` (the references in `prose.refs`
    are in the order `find_refs` finds them)."""
    for found, ref in zip(find_refs(prose.text), prose.refs, strict=False):
        token, is_citation = found[4], found[3]
        match = WIKI_RE.fullmatch(token) if not is_citation else None
        if match is not None and match.group(2) is not None:
            yield match.group(2), ref
