"""Every editorial check over a linked Site, as warnings with their codes, less those the
site or the entity concerned ignores."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from detente.content.diagnostics import Diagnostics
from detente.content.editorial import consistency, coverage, sourcing
from detente.content.editorial.finding import Finding
from detente.content.model import Site

Check = Callable[[Site], Iterable[Finding]]

CHECKS: tuple[Check, ...] = (
    sourcing.unsourced, sourcing.source_fields, sourcing.uncited, sourcing.quotes_in_sources,
    coverage.unlinked, coverage.no_party_stance, coverage.party_without_stance,
    coverage.stale_stances,
    consistency.disputed_without_disputer, consistency.one_sided_disputes,
    consistency.actor_parties_missing, consistency.link_text_mismatches,
)


def editorial_warnings(site: Site, diagnostics: Diagnostics) -> None:
    ignored = frozenset(site.config.ignore_checks)
    for check in CHECKS:
        for finding in check(site):
            if finding.code not in ignored and not _ignored_by_owner(site, finding):
                diagnostics.warning(finding.span, finding.message, finding.hint, finding.code)


def _ignored_by_owner(site: Site, finding: Finding) -> bool:
    """Ignored by an owner's `checks:`, or about a draft (work in progress, previewed with
    --drafts: its gaps are expected)."""
    for owner_id in finding.owners:
        owner = site.get(owner_id)
        if owner is not None and (owner.draft or (owner.checks is not None and
                                  finding.code in owner.checks.ignore)):
            return True
    return False
