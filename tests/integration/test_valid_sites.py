"""The valid fixture sites load without a single diagnostic, and `full` uses the whole model."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from detente.content import schema as s
from detente.content.check import check_project
from detente.content.diagnostics import Diagnostics
from detente.content.load import load_content, record_id_of
from detente.content.model import Entity, Event, Party, Proposal, Timeline
from detente.content.yamlnodes import Mapping, Seq

pytestmark = pytest.mark.fast

SITES = Path(__file__).parent.parent / "fixtures" / "sites"
FULL = SITES / "full"
MINIMAL = SITES / "minimal"


@pytest.mark.parametrize("site", [FULL, MINIMAL], ids=["full", "minimal"])
@pytest.mark.parametrize("drafts", [False, True], ids=["published", "with-drafts"])
def test_valid_site_has_no_diagnostics(site: Path, drafts: bool) -> None:
    result = check_project(site, include_drafts=drafts)
    assert [str(d) for d in result.diagnostics.sorted()] == []
    assert result.site is not None


def _loaded_ids(site: Path) -> set[str]:
    """Every entity id the files define (list items, single files, .md-only entities)."""
    records = load_content(site, Diagnostics()).records
    ids = {record_id_of(r) for r in records}
    for record in records:  # inline events of timelines
        events = record.mapping.get("events")
        if record.kind == "timelines" and isinstance(events, Seq):
            ids.update(item.entries["id"].value.text  # type: ignore[union-attr]
                       for item in events.items if isinstance(item, Mapping))
    return {i for i in ids if i is not None}


def test_every_entity_of_full_is_in_the_site() -> None:
    site = check_project(FULL, include_drafts=True).site
    assert site is not None
    public = {i for i in site.entities if "#" not in i}
    assert public == _loaded_ids(FULL)
    assert len(site.by_kind["positions"]) == 8  # 7 published (one with an id) + 1 draft


def test_drafts_are_left_out_unless_asked_for() -> None:
    published = check_project(FULL).site
    everything = check_project(FULL, include_drafts=True).site
    assert published is not None and everything is not None
    drafts = {i for i, e in everything.entities.items() if e.draft}
    assert drafts >= {"unannounced-round", "notes", "shadow-delegation", "leaked-minutes"}
    assert not drafts & set(published.entities)
    assert {e.kind for e in everything.entities.values() if e.draft} == set(s.KINDS)


def test_full_site_values() -> None:
    site = check_project(FULL).site
    assert site is not None
    norway = site.get("norway")
    assert isinstance(norway, Party)
    assert norway.country == "NO"  # not YAML 1.1's false
    assert norway.body is not None and norway.body.span.path == "content/parties/norway.md"
    front = site.get("tessic-front")
    assert isinstance(front, Party) and front.short_name == "TLF"  # from the .md front matter
    assert front.color == "#d62728"
    talks = site.get("2024-02-12-oslo-talks")
    assert isinstance(talks, Event)
    assert talks.location == "Oslo, Norway"  # front matter of a CRLF file
    assert talks.coordinates == (59.9139, 10.7522)
    assert talks.end is not None and talks.end.display() == "14 February 2024"
    assert talks.quotes[0].text.endswith("12:30 on day three.")
    assert talks.body is not None
    assert [(r.id, r.span.line, r.span.column) for r in talks.body.refs][:2] == [
        ("aldmark", 6, 20), ("tessic-front", 6, 40)]
    framework = site.get("strait-framework")
    assert isinstance(framework, Proposal)
    assert [e.status for e in framework.status] == [
        "proposed", "under-negotiation", "agreed", "in-force", "violated", "suspended",
        "expired", "superseded"]
    timeline = site.get("strait-talks")
    assert isinstance(timeline, Timeline)
    assert "2024-02-20-delegations-report-back" in [r.id for r in timeline.events]
    assert site.get("2024-02-20-delegations-report-back") is not None
    index = site.get("index")
    assert index is not None and index.label == "The Verrand Strait talks"
    bom = site.get("rami-osei")
    assert bom is not None and bom.label == "Rami Osei"


def test_minimal_home_page_takes_the_site_title() -> None:
    site = check_project(MINIMAL).site
    assert site is not None
    assert site.get("index") is not None
    assert site.get("index").label == "A minimal site"  # type: ignore[union-attr]


# ------------------------------------------------------------------ every field is used
def _expected_keys() -> set[tuple[str, ...]]:
    """(kind, field) and (kind, field, subfield) for every key editors can write."""
    out: set[tuple[str, ...]] = set()

    def visit(prefix: tuple[str, ...], specs: tuple[s.FieldSpec, ...]) -> None:
        for spec in specs:
            keys = ("source", "sources") if isinstance(spec.type, s.Sources) else (spec.key,)
            for key in keys:
                out.add((*prefix, key))
            inner = spec.type.item if isinstance(spec.type, s.ListOf) else spec.type
            if isinstance(inner, s.Record):
                visit((*prefix, spec.key), inner.fields)

    for kind, spec in s.KINDS.items():
        visit((kind,), spec.fields)
    return out


def _used_keys(site: Path) -> set[tuple[str, ...]]:
    used: set[tuple[str, ...]] = set()

    def visit(prefix: tuple[str, ...], node: object) -> None:
        if isinstance(node, Mapping):
            for key, entry in node.entries.items():
                used.add((*prefix, key))
                visit((*prefix, key), entry.value)
        elif isinstance(node, Seq):
            for item in node.items:
                visit(prefix, item)

    for record in load_content(site, Diagnostics()).records:
        visit((record.kind,), record.mapping)
        if record.mapping.get("id") is None:
            used.add((record.kind, "id"))  # the id comes from the file name
        if record.body is not None:
            used.add((record.kind, "body"))  # prose from a .md file
    return used


def test_full_site_uses_every_field_of_every_kind() -> None:
    missing = _expected_keys() - _used_keys(FULL)
    assert sorted(missing) == []


def _choice_values(kind: str, attribute: str, entities: list[Entity]) -> set[str]:
    return {getattr(e, attribute) for e in entities if e.kind == kind}


def test_full_site_uses_every_choice_value() -> None:
    site = check_project(FULL, include_drafts=True).site
    assert site is not None
    entities = list(site.entities.values())
    assert _choice_values("parties", "party_kind", entities) >= set(s.PARTY_KINDS)
    assert _choice_values("parties", "role", entities) >= set(s.PARTY_ROLES)
    assert _choice_values("events", "event_kind", entities) >= set(s.EVENT_KINDS)
    assert _choice_values("sources", "source_kind", entities) >= set(s.SOURCE_KINDS)
    assert _choice_values("positions", "stance", entities) >= set(s.STANCES)
    statuses = {entry.status for e in entities if isinstance(e, Proposal) for entry in e.status}
    assert statuses == set(s.PROPOSAL_STATUSES)


def test_full_site_uses_every_date_precision() -> None:
    site = check_project(FULL).site
    assert site is not None
    precisions = set()
    for entity in site.entities.values():
        for field in dataclasses.fields(entity):
            value = getattr(entity, field.name)
            if hasattr(value, "precision"):
                precisions.add(value.precision.name)
    assert precisions == {"YEAR", "MONTH", "DAY", "MINUTE", "SECOND"}
