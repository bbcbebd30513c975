"""Validated, frozen entities. References are ids (`Ref`), resolved once in `link`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol, cast

from detente.content.config import SiteConfig
from detente.content.dates import PartialDate
from detente.content.diagnostics import SourceSpan


class Ref(NamedTuple):
    """An id written by an editor, with where it was written. (A NamedTuple: a large site
    has hundreds of thousands, and tuples are much cheaper to make than frozen dataclasses.)
    """

    id: str
    span: SourceSpan
    kinds: tuple[str, ...] = ()  # the kinds it may name; checked in `link`
    key: str = ""  # the field it was written in, for messages


class ProseRef(NamedTuple):
    """A `[[id]]`, `[[id|text]]` or `[@source-id]` found in prose."""

    id: str
    span: SourceSpan
    is_citation: bool


@dataclass(frozen=True, slots=True)
class Prose:
    """Markdown as the editor wrote it, with where it starts and what it references."""

    text: str
    span: SourceSpan
    refs: tuple[ProseRef, ...] = ()
    # On a translated Site, prose left in the default language: that language's tag, so
    # that the page marks it (screen readers switch voice). Not part of the value.
    lang: str = field(default="", compare=False, repr=False)


# Records (the mappings inside an entity's fields) carry `span`: where their mapping starts,
# for messages; not part of their value (equality, repr: what fingerprints digest).
@dataclass(frozen=True, slots=True)
class Link:
    title: str
    url: str
    span: SourceSpan | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Role:
    title: str = ""
    party: Ref | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    span: SourceSpan | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class StatusEntry:
    date: PartialDate
    status: str
    sources: tuple[Ref, ...] = ()
    note: str = ""
    approximate: bool = False
    span: SourceSpan | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    by: Ref
    sources: tuple[Ref, ...] = ()
    date: PartialDate | None = None
    span: SourceSpan | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Account:
    by: Ref
    summary: Prose
    sources: tuple[Ref, ...] = ()
    span: SourceSpan | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Claim:
    text: str
    claimed_by: Ref
    disputed_by: tuple[Ref, ...] = ()
    sources: tuple[Ref, ...] = ()
    span: SourceSpan | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Correction:
    """A dated notice that the entity's page once said something wrong, and what."""

    date: PartialDate
    text: Prose
    sources: tuple[Ref, ...] = ()
    span: SourceSpan | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class CheckSettings:
    """`checks:` on an entity: editorial checks it turns off, and its own stale span."""

    ignore: tuple[str, ...] = ()
    stale_after: int | None = None  # days
    span: SourceSpan | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class KeyFact:
    """One line of the home page's "what we know" box."""

    label: str
    value: str
    sources: tuple[Ref, ...] = ()
    as_of: PartialDate | None = None
    span: SourceSpan | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    id: str
    span: SourceSpan
    draft: bool = False
    body: Prose | None = None
    updated: PartialDate | None = None  # when it last changed in substance, as written
    # when its files last changed in the project's git history (`content.history`)
    modified: PartialDate | None = None
    corrections: tuple[Correction, ...] = ()
    checks: CheckSettings | None = None
    # On a translated Site: the attributes still in the default language, and its tag.
    untranslated: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    fallback_lang: str = field(default="", compare=False, repr=False)

    kind: str = ""  # class attribute set by each subclass

    @property
    def label(self) -> str:
        """The display name used for `[[id]]` and in lists."""
        raise NotImplementedError

    @property
    def last_updated(self) -> PartialDate | None:
        """What the page says it was last updated: `updated:`, else the git date."""
        return self.updated or self.modified


@dataclass(frozen=True, slots=True, kw_only=True)
class Party(Entity):
    kind: str = "parties"
    name: str
    short_name: str = ""
    aliases: tuple[str, ...] = ()
    party_kind: str = ""
    role: str = ""
    members: tuple[Ref, ...] = ()
    country: str = ""
    color: str = ""
    order: int | None = None
    summary: Prose | None = None
    links: tuple[Link, ...] = ()

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor(Entity):
    kind: str = "actors"
    name: str
    native_name: str = ""
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    summary: Prose | None = None
    links: tuple[Link, ...] = ()
    image: str = ""

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True, kw_only=True)
class Issue(Entity):
    kind: str = "issues"
    title: str
    summary: Prose | None = None
    parent: Ref | None = None

    @property
    def label(self) -> str:
        return self.title


@dataclass(frozen=True, slots=True, kw_only=True)
class Proposal(Entity):
    kind: str = "proposals"
    title: str
    issues: tuple[Ref, ...] = ()
    proposed_by: tuple[Ref, ...] = ()
    date: PartialDate | None = None
    approximate: bool = False
    provisions: tuple[str, ...] = ()
    duration: str = ""
    status: tuple[StatusEntry, ...] = ()
    counter_to: tuple[Ref, ...] = ()
    supersedes: tuple[Ref, ...] = ()
    summary: Prose | None = None

    @property
    def label(self) -> str:
        return self.title


@dataclass(frozen=True, slots=True, kw_only=True)
class Position(Entity):
    kind: str = "positions"
    party: Ref | None = None
    actor: Ref | None = None
    on: Ref
    stance: str
    date: PartialDate
    approximate: bool = False
    sources: tuple[Ref, ...]
    summary: Prose | None = None
    conditions: tuple[str, ...] = ()
    quote: str = ""
    said_by: Ref | None = None

    @property
    def holder(self) -> Ref:
        holder = self.party or self.actor
        assert holder is not None, "validation guarantees a party or an actor"
        return holder

    @property
    def label(self) -> str:
        return f"{self.holder.id} {self.stance} {self.on.id}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Event(Entity):
    kind: str = "events"
    title: str
    date: PartialDate
    end: PartialDate | None = None
    approximate: bool = False
    after: Ref | None = None
    event_kind: str = ""
    location: str = ""
    coordinates: tuple[float, float] | None = None
    parties: tuple[Ref, ...] = ()
    actors: tuple[Ref, ...] = ()
    issues: tuple[Ref, ...] = ()
    proposals: tuple[Ref, ...] = ()
    summary: Prose | None = None
    sources: tuple[Ref, ...]
    quotes: tuple[Quote, ...] = ()
    accounts: tuple[Account, ...] = ()
    claims: tuple[Claim, ...] = ()

    @property
    def label(self) -> str:
        return self.title


@dataclass(frozen=True, slots=True, kw_only=True)
class Timeline(Entity):
    kind: str = "timelines"
    title: str
    summary: Prose | None = None
    events: tuple[Ref, ...] = ()

    @property
    def label(self) -> str:
        return self.title


@dataclass(frozen=True, slots=True, kw_only=True)
class Source(Entity):
    kind: str = "sources"
    title: str
    publisher: str = ""
    url: str = ""
    date: PartialDate | None = None
    approximate: bool = False
    source_kind: str = ""
    accessed: PartialDate | None = None
    summary: Prose | None = None
    text: str = ""  # the source's own words, for checking quotes; never published

    @property
    def label(self) -> str:
        return self.title


@dataclass(frozen=True, slots=True, kw_only=True)
class Page(Entity):
    kind: str = "pages"
    title: str
    summary: Prose | None = None
    key_facts: tuple[KeyFact, ...] = ()

    @property
    def label(self) -> str:
        return self.title


KIND_ORDER = ("parties", "actors", "issues", "proposals", "positions", "events", "timelines",
              "sources", "pages")


@dataclass(frozen=True, slots=True)
class Backlink:
    """`source` refers to the entity this is filed under, through its field `field`."""

    source: str
    field: str


@dataclass(frozen=True, slots=True)
class Site:
    """The linked site: every reference resolved, every inverse relation computed once."""

    config: SiteConfig
    entities: dict[str, Entity]  # every published entity (positions under ids with '#')
    by_kind: dict[str, tuple[Entity, ...]]  # sorted: dated kinds by date, others by label
    backlinks: dict[str, tuple[Backlink, ...]]
    histories: dict[tuple[str, str], tuple[Position, ...]]  # (holder id, on id) → by date
    positions: tuple[Position, ...]
    people: dict[str, tuple[str, ...]]  # party id → ids of actors holding roles in it
    # A holder's or a proposal's/issue's history keys, and the positions an actor or party
    # holds or stated: pages look these up instead of scanning every position.
    histories_of: dict[str, tuple[tuple[str, str], ...]]
    positions_of: dict[str, tuple[Position, ...]]
    event_order: dict[str, int]  # event id → index in by_kind["events"]
    # The default language's Site: the Site of each other language (`content.translate`).
    translated: dict[str, Site] = field(default_factory=dict, compare=False, repr=False)

    def get(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def events(self) -> tuple[Event, ...]:
        return cast("tuple[Event, ...]", self.by_kind.get("events", ()))


class SiteReader(Protocol):
    """Everything a page may read from the linked Site. `Site` is one; the dependency
    tracker (`detente.incremental.tracking`) is another, which records every read so that
    a page is rendered again exactly when something it read changes."""

    @property
    def config(self) -> SiteConfig: ...
    @property
    def entities(self) -> Mapping[str, Entity]: ...
    @property
    def by_kind(self) -> Mapping[str, Sequence[Entity]]: ...
    @property
    def backlinks(self) -> Mapping[str, tuple[Backlink, ...]]: ...
    @property
    def histories(self) -> Mapping[tuple[str, str], tuple[Position, ...]]: ...
    @property
    def people(self) -> Mapping[str, tuple[str, ...]]: ...
    @property
    def histories_of(self) -> Mapping[str, tuple[tuple[str, str], ...]]: ...
    @property
    def positions_of(self) -> Mapping[str, tuple[Position, ...]]: ...
    @property
    def event_order(self) -> Mapping[str, int]: ...
    def get(self, entity_id: str) -> Entity | None: ...
    def events(self) -> Sequence[Event]: ...
