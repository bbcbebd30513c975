"""The editorial checks by their stable codes, each with the one line that says why it
matters; `checks: {ignore: [...]}` and the docs take their names from here."""

from __future__ import annotations

import re

from detente.content.diagnostics import Diagnostics, SourceSpan

CHECKS: dict[str, str] = {
    "unsourced": "A stance, quote, account or claim with no source, of its own or its "
                 "event's, cannot be checked by a reader.",
    "source-without-publisher": "Readers weigh a source by who published it.",
    "source-without-date": "Without a date a reader cannot tell what the source could "
                           "have known.",
    "source-without-url": "Without an address a reader cannot go to the original and check "
                          "it.",
    "source-uncited": "A source nothing cites supports nothing on the site: a leftover, or "
                      "a citation forgotten.",
    "unlinked": "An entity that nothing refers to and that refers to nothing is reached only "
                "through its list: a link is probably missing.",
    "no-party-stance": "A proposal or issue on which no party has a stance leaves the "
                       "matrix's question unanswered.",
    "party-without-stance": "A party with no stance on anything is missing from the "
                            "positions matrix.",
    "disputed-without-disputer": "Prose that calls a claim disputed while no claim names a "
                                 "disputer asserts a dispute the record does not show.",
    "one-sided-dispute": "A dispute shown without the disputer's own account or words on "
                         "that event tells one side of it.",
    "stale-stance": "A stance much older than the latest event involving its holder and "
                    "its subject may no longer hold.",
    "actor-party-missing": "An event that lists a person but not the party they act for "
                           "under-reports who took part, and is missing from that party's "
                           "page.",
    "link-text-mismatch": "Link text that matches none of an entity's names is likely a "
                          "link to the wrong entity.",
    "quote-not-in-source": "A quote that is not in its source's text is misquoted, or "
                           "credited to the wrong source.",
    "shallow-history": "A shallow clone has no history to date pages from: they would show "
                       "no 'updated' date.",
}
CODES = tuple(CHECKS)

DEFAULT_STALE_AFTER = 90  # days
_DURATION_RE = re.compile(r"(\d{1,5})([dw])\Z")
DURATION_HINT = "write a number of days or weeks, e.g. 90d or 12w"


def duration_days(text: str, span: SourceSpan, key: str, diagnostics: Diagnostics) -> int | None:
    """`parse_days`, reporting text that is not a span at `span`."""
    days = parse_days(text)
    if days is None:
        diagnostics.error(span, f"'{key}' takes a span of days or weeks, not '{text}'",
                          DURATION_HINT)
    return days


def parse_days(text: str) -> int | None:
    """'90d' → 90, '12w' → 84; None for anything else."""
    match = _DURATION_RE.match(text.strip())
    if match is None:
        return None
    return int(match.group(1)) * (7 if match.group(2) == "w" else 1)
