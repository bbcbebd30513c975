"""The theme's words that code makes rather than a template: marked here for the catalog
(`N_`, `NP_`: `pybabel extract` finds them, see babel.cfg), translated where they are shown.

The content model's closed vocabularies (stances, statuses, kinds, roles) are shown in the
page's language too; each has a context, since 'statement' is both an event and a source.
"""

from __future__ import annotations

import json

from detente.pages.locale import N_, PageLocale


def NN_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a plural message for the catalog (a script picks its form)."""
    return singular, plural


def NP_(context: str, message: str) -> str:
    """Marks a word of a closed vocabulary, in its context, for the catalog."""
    return message


# A list page's title and description, per kind (the titles are also the nav's and the
# search page's "Browse instead").
LIST_PAGES = {
    "parties": (N_("Parties"), N_("All parties")),
    "actors": (N_("Actors"), N_("All actors")),
    "issues": (N_("Issues"), N_("All issues")),
    "proposals": (N_("Proposals"), N_("All proposals")),
    "events": (N_("Events"), N_("All events")),
    "timelines": (N_("Timelines"), N_("All timelines")),
    "sources": (N_("Sources"), N_("All sources")),
}
# The nav's names for the site's own pages (a prose page is named by its title).
SITE_PAGE_NAMES = {
    "timeline": N_("Timeline"), "positions": N_("Positions"), "search": N_("Search"),
    "data": N_("Data"), "changes": N_("Changes"), "corrections": N_("Corrections"),
}
# One record of a kind: the eyebrow above its title and its share picture's label.
KIND_NAMES = {"parties": N_("Party"), "actors": N_("Person"), "issues": N_("Issue"),
              "proposals": N_("Proposal"), "events": N_("Event"), "timelines": N_("Timeline"),
              "sources": N_("Source")}
VOCABULARIES = {
    "stance": (NP_("stance", "proposes"), NP_("stance", "supports"),
               NP_("stance", "conditional"), NP_("stance", "ambiguous"),
               NP_("stance", "opposes"), NP_("stance", "rejects")),
    # As shown: the value with its hyphen a space ('under-negotiation' → 'under negotiation').
    "status": (NP_("status", "proposed"), NP_("status", "under negotiation"),
               NP_("status", "agreed"), NP_("status", "in force"), NP_("status", "violated"),
               NP_("status", "suspended"), NP_("status", "expired"),
               NP_("status", "collapsed"), NP_("status", "rejected"),
               NP_("status", "superseded")),
    "event kind": (NP_("event kind", "call"), NP_("event kind", "meeting"),
                   NP_("event kind", "talks"), NP_("event kind", "statement"),
                   NP_("event kind", "agreement"), NP_("event kind", "military"),
                   NP_("event kind", "attack"), NP_("event kind", "humanitarian"),
                   NP_("event kind", "sanction"), NP_("event kind", "other")),
    "party kind": (NP_("party kind", "state"), NP_("party kind", "government"),
                   NP_("party kind", "bloc"), NP_("party kind", "alliance"),
                   NP_("party kind", "coalition"), NP_("party kind", "armed group"),
                   NP_("party kind", "organisation")),
    "party role": (NP_("party role", "belligerent"), NP_("party role", "mediator"),
                   NP_("party role", "guarantor"), NP_("party role", "supporter"),
                   NP_("party role", "observer")),
    "source kind": (NP_("source kind", "news"), NP_("source kind", "readout"),
                    NP_("source kind", "statement"), NP_("source kind", "transcript"),
                    NP_("source kind", "post"), NP_("source kind", "report"),
                    NP_("source kind", "other")),
    # The fields a source is cited for, as a source's page lists them ('key_facts' → 'key facts').
    "field": (NP_("field", "sources"), NP_("field", "summary"), NP_("field", "body"),
              NP_("field", "quotes"), NP_("field", "accounts"), NP_("field", "claims"),
              NP_("field", "status"), NP_("field", "corrections"), NP_("field", "key facts")),
    "change": (NP_("change", "stance"), NP_("change", "status"), NP_("change", "event"),
               NP_("change", "correction")),
}


# The words the theme's script writes, per part of a page: each a message or, where a number
# decides, a plural one (`%(num)s` is the number; the script fills the rest).
SCRIPT_WORDS: dict[str, dict[str, str | tuple[str, str]]] = {
    "timeline": {
        "bar": N_("%(period)s: %(events)s"),
        "events": NN_("%(num)s event", "%(num)s events"),
        "all": NN_("Showing all %(num)s event.", "Showing all %(num)s events."),
        "some": NN_("Showing %(shown)s of %(num)s event.", "Showing %(shown)s of %(num)s events."),
    },
    "search": {
        "found": NN_("%(num)s result for “%(query)s”.", "%(num)s results for “%(query)s”."),
        "best": NN_("%(num)s result for “%(query)s”; the best %(shown)s shown.",
                    "%(num)s results for “%(query)s”; the best %(shown)s shown."),
        "more": NN_("Show %(num)s more", "Show %(num)s more"),
        "failed": N_("Search is not available here (its index did not load)."),
        "pages": N_("Pages"),
    },
}


def script_words(locale: PageLocale, part: str) -> str:
    """SCRIPT_WORDS[part] in the page's language, as JSON for a data-words attribute."""
    out: dict[str, object] = {}
    for name, message in SCRIPT_WORDS[part].items():
        out[name] = (locale.gettext(message) if isinstance(message, str) else
                     locale.plural_table(*message))
    return json.dumps(out, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def nav_name(name: str) -> str:
    """A `nav:` entry that is a kind or a site page, as the nav names it (to translate)."""
    if name in LIST_PAGES:
        return LIST_PAGES[name][0]
    return SITE_PAGE_NAMES.get(name, name.capitalize())


def vocabulary_word(locale: PageLocale, context: str, value: str) -> str:
    """A closed vocabulary's value as shown in the page's language ('in-force' → 'in force')."""
    return locale.pgettext(context, value.replace("-", " "))
