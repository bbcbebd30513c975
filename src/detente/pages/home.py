"""The home page: what a reader should understand in thirty seconds, then the prose.

The "what we know" box (the home page's `key_facts`), the state of play (each proposal's
status and the main parties' latest stances), when the site was last updated, the latest
events.
"""

from __future__ import annotations

from dataclasses import dataclass

from detente.content.link import current_status
from detente.content.model import Page, Proposal
from detente.pages.views import DateView, LinkView, SourceView, StanceView, StatusView, ViewBuilder


@dataclass(frozen=True, slots=True)
class KeyFactView:
    label: str
    value: str
    sources: tuple[SourceView, ...]
    as_of: DateView | None


def key_facts(index: Page | None, b: ViewBuilder) -> tuple[KeyFactView, ...]:
    if index is None:
        return ()
    return tuple(KeyFactView(f.label, f.value, b.sources(f.sources), b.date(f.as_of))
                 for f in index.key_facts)


def standing(b: ViewBuilder) -> tuple[tuple[LinkView, StatusView | None,
                                             tuple[StanceView, ...]], ...]:
    """Each proposal with its current status and each holder's latest stance on it."""
    site = b.site
    proposals = []
    for proposal in site.by_kind["proposals"]:
        assert isinstance(proposal, Proposal)
        entry = current_status(proposal.status)
        latest = tuple(b.history(k).latest for k in site.histories_of.get(proposal.id, ())
                       if k[1] == proposal.id)
        proposals.append((b.link(proposal.id), b.status(entry) if entry else None, latest))
    return tuple(proposals)
