"""Checks on coverage: every entity connected, every question answered by some party, and
no stance left behind by the events since it was stated."""

from __future__ import annotations

from collections.abc import Iterator

from detente.content.dates import PartialDate
from detente.content.editorial.finding import Finding, named
from detente.content.link import iter_refs
from detente.content.model import Entity, Position, Site

# Proposals are all on the home page, and sources have a check of their own.
_MAY_BE_UNLINKED = ("parties", "actors", "issues", "events", "timelines", "pages")


def unlinked(site: Site) -> Iterator[Finding]:
    """An entity nothing refers to and that refers to nothing (the theme shows references
    both ways, so either links its page); prose pages in `nav:` and the home page aside."""
    for kind in _MAY_BE_UNLINKED:
        for entity in site.by_kind[kind]:
            if site.backlinks.get(entity.id) or next(iter_refs(entity), None) is not None:
                continue
            if kind == "pages" and (entity.id == "index" or entity.id in site.config.nav):
                continue
            yield Finding("unlinked", entity.span,
                          f"nothing links to {named(entity)}, and it links to nothing",
                          f"link it where it belongs ([[{entity.id}]] in prose, or a field "
                          "such as 'parties:'), or remove it", (entity.id,))


def _party_stances(site: Site, on: str) -> bool:
    return any(site.entities[holder].kind == "parties"
               for holder, subject in site.histories_of.get(on, ()) if subject == on)


def no_party_stance(site: Site) -> Iterator[Finding]:
    """A proposal, or an issue (with its proposals), on which no party has a stance."""
    for entity in (*site.by_kind["proposals"], *site.by_kind["issues"]):
        subjects = [entity.id]
        if entity.kind == "issues":
            subjects += [b.source for b in site.backlinks.get(entity.id, ())
                         if b.field == "issues" and site.entities[b.source].kind == "proposals"]
        if not any(_party_stances(site, subject) for subject in subjects):
            yield Finding("no-party-stance", entity.span, f"no party has a stance on "
                          f"{named(entity)}" + (" or its proposals" if len(subjects) > 1
                                                else ""),
                          "add the parties' stances the sources report in positions/",
                          (entity.id,))


def party_without_stance(site: Site) -> Iterator[Finding]:
    for party in site.by_kind["parties"]:
        if not any(holder == party.id for holder, _ in site.histories_of.get(party.id, ())):
            yield Finding("party-without-stance", party.span,
                          f"{named(party)} has no stance on anything",
                          "add its stances the sources report in positions/",
                          (party.id,))


def stale_stances(site: Site) -> Iterator[Finding]:
    """A holder's latest stance on a subject, older by more than `stale_after` than the
    newest event that involves both."""
    newest: dict[tuple[str, str], tuple[PartialDate, str]] = {}
    for event in site.events():  # by date: a later event overwrites an earlier one
        for holder in (*event.parties, *event.actors):
            for subject in (*event.proposals, *event.issues):
                if (holder.id, subject.id) in site.histories:
                    newest[(holder.id, subject.id)] = (event.date, event.id)
    for key, (date, event_id) in newest.items():
        latest = site.histories[key][-1]
        days = _stale_after(site, latest)
        gap = (date.first_day() - latest.date.last_day()).days
        if gap > days:
            yield Finding("stale-stance", latest.span,
                          f"the stance of '{key[0]}' on '{key[1]}' ({latest.date.iso()}) may "
                          f"be stale: '{event_id}' ({date.iso()}) involves both, {gap} days "
                          "later", f"add their stance after '{event_id}' if the sources give "
                          f"one, or set 'checks: {{stale_after: ...}}' (now {days}d)",
                          (latest.id, *key))


def _stale_after(site: Site, position: Position) -> int:
    """The position's own span, else its holder's, else its subject's, else the site's."""
    owners: tuple[Entity | None, ...] = (position, site.get(position.holder.id),
                                         site.get(position.on.id))
    for owner in owners:
        if owner is not None and owner.checks is not None and \
                owner.checks.stale_after is not None:
            return owner.checks.stale_after
    return site.config.stale_after
