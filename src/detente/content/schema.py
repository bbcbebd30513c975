"""The content model, declared once per kind.

Validation (`validate.py`), the JSON Schema export and the docs' field reference are all
driven from `KINDS`; `model.py` holds the frozen types the validated values fill.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from detente.content import model
from detente.content.editorial.codes import CODES

STANCES = ("proposes", "supports", "conditional", "ambiguous", "opposes", "rejects")
PROPOSAL_STATUSES = ("proposed", "under-negotiation", "agreed", "in-force", "violated",
                     "suspended", "expired", "collapsed", "rejected", "superseded")
PARTY_KINDS = ("state", "government", "bloc", "alliance", "coalition", "armed-group",
               "organisation")
PARTY_ROLES = ("belligerent", "mediator", "guarantor", "supporter", "observer")
EVENT_KINDS = ("call", "meeting", "talks", "statement", "agreement", "military", "attack",
               "humanitarian", "sanction", "other")
SOURCE_KINDS = ("news", "readout", "statement", "transcript", "post", "report", "other")
HOLDERS = ("parties", "actors")
HOME_ONLY = ("key_facts",)  # fields only the home page (pages/index.md) takes


# ---------------------------------------------------------------- value types
@dataclass(frozen=True)
class Text:
    """One line of plain text (names, titles)."""


@dataclass(frozen=True)
class PlainText:
    """Text of any length, kept as written (not Markdown)."""


@dataclass(frozen=True)
class Duration:
    """A span of days or weeks: '90d', '12w'."""


@dataclass(frozen=True)
class Markdown:
    """Prose in Markdown, with [[id]] and [@source] references."""


@dataclass(frozen=True)
class Slug:
    """An id: a lowercase slug."""


@dataclass(frozen=True)
class RefTo:
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class Date:
    """YYYY, YYYY-MM, YYYY-MM-DD or an ISO date-time with offset."""


@dataclass(frozen=True)
class Bool:
    pass


@dataclass(frozen=True)
class Integer:
    """A whole number."""


@dataclass(frozen=True)
class Choice:
    values: tuple[str, ...]
    what: str = ""  # what a value is, for messages ('a check code'); default: 'a <key>'


@dataclass(frozen=True)
class Color:
    """#rrggbb."""


@dataclass(frozen=True)
class Country:
    """ISO 3166-1 alpha-2."""


@dataclass(frozen=True)
class Url:
    """http or https only."""


@dataclass(frozen=True)
class StaticPath:
    """A file under static/."""


@dataclass(frozen=True)
class Coordinates:
    """[latitude, longitude]."""


@dataclass(frozen=True)
class Sources:
    """`source:` (one id) or `sources:` (a list of ids), never both."""


@dataclass(frozen=True)
class TextOrRef:
    """A string, linked when it is exactly the id of one of `kinds`."""

    kinds: tuple[str, ...]


@dataclass(frozen=True)
class ListOf:
    item: FieldType


@dataclass(frozen=True)
class Record:
    cls: type
    fields: tuple[FieldSpec, ...]


@dataclass(frozen=True)
class InlineEvents:
    """A timeline's events: event ids, or inline event mappings with their own `id:`."""


FieldType = (Text | PlainText | Duration | Markdown | Slug | RefTo | Date | Bool | Integer
             | Choice | Color | Country | Url | StaticPath | Coordinates | Sources | TextOrRef
             | ListOf | Record
             | InlineEvents)


@dataclass(frozen=True)
class FieldSpec:
    key: str
    type: FieldType
    doc: str
    required: bool = False
    attr: str = ""

    @property
    def attribute(self) -> str:
        return self.attr or self.key


@dataclass(frozen=True)
class KindSpec:
    name: str
    cls: type[model.Entity]
    doc: str
    fields: tuple[FieldSpec, ...]
    needs_id_in_lists: bool = True
    one_of: tuple[tuple[str, ...], ...] = field(default=())

    def field(self, key: str) -> FieldSpec | None:
        for spec in self.fields:
            if spec.key == key or (isinstance(spec.type, Sources) and key in ("source", "sources")):
                return spec
        return None

    @property
    def keys(self) -> tuple[str, ...]:
        out: list[str] = []
        for spec in self.fields:
            out.extend(("source", "sources") if isinstance(spec.type, Sources) else (spec.key,))
        return tuple(out)


def _f(key: str, type_: FieldType, doc: str, required: bool = False, attr: str = "") -> FieldSpec:
    return FieldSpec(key, type_, doc, required, attr)


_TEXT = Text()
_MD = Markdown()
_DATE = Date()
_BOOL = Bool()

CORRECTION = Record(model.Correction, (
    _f("date", _DATE, "When the correction was made.", True),
    _f("text", _MD, "What was wrong and what is right now.", True),
    _f("source", Sources(), "The source(s) of the corrected fact.", attr="sources"),
))
CHECK_SETTINGS = Record(model.CheckSettings, (
    _f("ignore", ListOf(Choice(CODES, "a check code")),
       "Editorial checks to turn off for this entity."),
    _f("stale_after", Duration(), "How much older than the latest event involving them "
       "its stances may be before they are flagged (default: the site's)."),
))
COMMON = (
    _f("id", Slug(), "The entity's id (default: the file name); unique across all kinds."),
    _f("draft", _BOOL, "Leave the entity out of the build unless drafts are asked for."),
    _f("body", _MD, "Prose (Markdown); or a `.md` file named after the id."),
)
EDITORIAL = (  # every kind's last fields
    _f("updated", _DATE, "When it last changed in substance (default: the date of the last "
       "commit touching its files, where the project is a git checkout)."),
    _f("corrections", ListOf(CORRECTION), "Dated corrections: shown on its page, on "
       "`corrections/` and in `corrections.xml`."),
    _f("checks", CHECK_SETTINGS, "Editorial checks: `ignore` (codes) and `stale_after`."),
)
SUMMARY = _f("summary", _MD, "A short summary (Markdown).")
APPROXIMATE = _f("approximate", _BOOL, "The date is approximate: shown with 'c.'.")
LINKS = _f("links", ListOf(Record(model.Link, (
    _f("title", _TEXT, "Link text.", True),
    _f("url", Url(), "http or https address.", True),
))), "Outside links.")


def _sources(required: bool = False) -> FieldSpec:
    return _f("source", Sources(), "The source id (`source:`) or ids (`sources:`).",
              required, "sources")


ALIASES = _f("aliases", ListOf(_TEXT), "Other spellings and transliterations "
             "(`[Zelensky, Zelenskiy]`): search finds the entity by any of them, and its page "
             "shows them. `[[...]]` takes only ids.")


ROLE = Record(model.Role, (
    _f("title", _TEXT, "The post, e.g. 'President'."),
    _f("party", RefTo(("parties",)), "The party the role is held in."),
    _f("from", _DATE, "When the role began.", attr="start"),
    _f("to", _DATE, "When it ended.", attr="end"),
))
STATUS = Record(model.StatusEntry, (
    _f("date", _DATE, "When the status began.", True),
    _f("status", Choice(PROPOSAL_STATUSES), "The status from that date.", True),
    _sources(),
    _f("note", _TEXT, "A note on the change."),
    APPROXIMATE,
))
QUOTE = Record(model.Quote, (
    _f("text", _TEXT, "The words, verbatim.", True),
    _f("by", RefTo(("actors",)), "Who said them.", True),
    _sources(),
    _f("date", _DATE, "When (default: the event's date)."),
))
ACCOUNT = Record(model.Account, (
    _f("by", RefTo(HOLDERS), "Whose account (a party or an actor).", True),
    _f("summary", _MD, "What they said happened.", True),
    _sources(),
))
KEY_FACT = Record(model.KeyFact, (
    _f("label", _TEXT, "What the number or fact is, e.g. 'Drones launched overnight'.", True),
    _f("value", _TEXT, "The number or fact, e.g. '137'.", True),
    _sources(True),
    _f("as_of", _DATE, "The date the value was true on."),
))
CLAIM = Record(model.Claim, (
    _f("text", _TEXT, "The claim.", True),
    _f("claimed_by", RefTo(HOLDERS), "Who made it.", True),
    _f("disputed_by", ListOf(RefTo(HOLDERS)), "Who disputes it."),
    _sources(),
))

PARTIES = KindSpec("parties", model.Party,
                   "States, governments, blocs, coalitions, armed groups, organisations.", (
    *COMMON,
    _f("name", _TEXT, "Full name.", True),
    _f("short_name", _TEXT, "Short name for tables and charts."),
    ALIASES,
    _f("kind", Choice(PARTY_KINDS), "What sort of party.", attr="party_kind"),
    _f("role", Choice(PARTY_ROLES), "Its role in the negotiation."),
    _f("members", ListOf(RefTo(("parties",))), "Member parties (blocs, coalitions)."),
    _f("country", Country(), "ISO 3166-1 alpha-2 code."),
    _f("color", Color(), "#rrggbb, used in charts (shown a shade lighter or darker where "
       "it would not stand out from a theme's background)."),
    _f("order", Integer(), "Where the party stands among those of its role in the matrix and "
       "lists: lower first; parties without one follow, by name."),
    SUMMARY,
    LINKS,
    *EDITORIAL,
))
ACTORS = KindSpec("actors", model.Actor, "People: leaders, envoys, spokespeople, ministers.", (
    *COMMON,
    _f("name", _TEXT, "Name as readers know it.", True),
    _f("native_name", _TEXT, "Name in its own script."),
    ALIASES,
    _f("roles", ListOf(ROLE), "Posts held."),
    SUMMARY,
    LINKS,
    _f("image", StaticPath(), "A picture: a path under static/."),
    *EDITORIAL,
))
ISSUES = KindSpec("issues", model.Issue, "Topics under negotiation.", (
    *COMMON,
    _f("title", _TEXT, "Title.", True),
    SUMMARY,
    _f("parent", RefTo(("issues",)), "The broader issue."),
    *EDITORIAL,
))
PROPOSALS = KindSpec("proposals", model.Proposal,
                     "Proposals, deals and agreements, with a dated status history.", (
    *COMMON,
    _f("title", _TEXT, "Title.", True),
    _f("issues", ListOf(RefTo(("issues",))), "Issues it addresses."),
    _f("proposed_by", ListOf(RefTo(HOLDERS)), "Who proposed it."),
    _f("date", _DATE, "When it was proposed."),
    APPROXIMATE,
    _f("provisions", ListOf(_TEXT), "What it provides."),
    _f("duration", _TEXT, "Free text, e.g. '30 days'."),
    _f("status", ListOf(STATUS), "Status history."),
    _f("counter_to", ListOf(RefTo(("proposals",))), "Proposals it answers."),
    _f("supersedes", ListOf(RefTo(("proposals",))), "Proposals it replaces."),
    SUMMARY,
    *EDITORIAL,
))
POSITIONS = KindSpec("positions", model.Position,
                     "Dated, sourced stances of parties or actors on proposals or issues.", (
    *COMMON,
    _f("party", RefTo(("parties",)), "Whose stance (or `actor`)."),
    _f("actor", RefTo(("actors",)), "Whose stance (or `party`)."),
    _f("on", RefTo(("proposals", "issues")), "The proposal or issue.", True),
    _f("stance", Choice(STANCES), "The stance.", True),
    _f("date", _DATE, "When it was stated.", True),
    APPROXIMATE,
    _sources(True),
    SUMMARY,
    _f("conditions", ListOf(TextOrRef(("proposals", "issues"))),
       "Conditions: text, or proposal/issue ids."),
    _f("quote", _TEXT, "The words, verbatim."),
    _f("said_by", RefTo(("actors",)), "Who stated it."),
    *EDITORIAL,
), needs_id_in_lists=False, one_of=(("party", "actor"),))
EVENT_FIELDS = (
    *COMMON,
    _f("title", _TEXT, "Title.", True),
    _f("date", _DATE, "When it happened (start of a range).", True),
    _f("end", _DATE, "End of a range."),
    APPROXIMATE,
    _f("after", RefTo(("events",)), "The id of an event this one followed on the same day: "
       "events that share a date are ordered by time where both have one, then by `after:`."),
    _f("kind", Choice(EVENT_KINDS), "What sort of event.", attr="event_kind"),
    _f("location", _TEXT, "Where, in words."),
    _f("coordinates", Coordinates(), "[latitude, longitude]."),
    _f("parties", ListOf(RefTo(("parties",))), "Parties involved."),
    _f("actors", ListOf(RefTo(("actors",))), "People involved."),
    _f("issues", ListOf(RefTo(("issues",))), "Issues concerned."),
    _f("proposals", ListOf(RefTo(("proposals",))), "Proposals concerned."),
    SUMMARY,
    _sources(True),
    _f("quotes", ListOf(QUOTE), "Quotes: text, by, source, date."),
    _f("accounts", ListOf(ACCOUNT), "How each side described the event."),
    _f("claims", ListOf(CLAIM), "Claims, and who disputes them."),
    *EDITORIAL,
)
EVENTS = KindSpec("events", model.Event, "Dated events: calls, meetings, talks, attacks ...",
                  EVENT_FIELDS)
TIMELINES = KindSpec("timelines", model.Timeline, "Named, ordered lists of events.", (
    *COMMON,
    _f("title", _TEXT, "Title.", True),
    SUMMARY,
    _f("events", InlineEvents(), "Event ids, or inline events with their own `id:`."),
    *EDITORIAL,
))
SOURCES = KindSpec("sources", model.Source, "Publications cited.", (
    *COMMON,
    _f("title", _TEXT, "Title.", True),
    _f("publisher", _TEXT, "Who published it."),
    _f("url", Url(), "http or https address of the original."),
    _f("date", _DATE, "Publication date."),
    APPROXIMATE,
    _f("kind", Choice(SOURCE_KINDS), "What sort of source.", attr="source_kind"),
    _f("accessed", _DATE, "When it was read."),
    SUMMARY,
    _f("text", PlainText(), "The source's text, to check quotes against; never published."),
    *EDITORIAL,
))
PAGES = KindSpec("pages", model.Page, "Free prose pages; `index.md` is the home page prose.", (
    *COMMON,
    _f("title", _TEXT, "Title (the home page's defaults to the site title).", True),
    SUMMARY,
    _f("key_facts", ListOf(KEY_FACT), "Only in `pages/index.md`: the \"what we know\" box at "
       "the top of the home page, each fact with its label, value, source(s) and the date it "
       "held on (`as_of`)."),
    *EDITORIAL,
))

KINDS: dict[str, KindSpec] = {spec.name: spec for spec in (
    PARTIES, ACTORS, ISSUES, PROPOSALS, POSITIONS, EVENTS, TIMELINES, SOURCES, PAGES)}

SINGULAR = {"parties": "party", "actors": "actor", "issues": "issue", "proposals": "proposal",
            "positions": "position", "events": "event", "timelines": "timeline",
            "sources": "source", "pages": "page"}
