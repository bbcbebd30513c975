"""Validation: raw records → typed, frozen entities with the values as the schema declares
them; an entity with an error is left out (and remembered, so its references are not
reported again). The exact messages are the invalid fixtures' (tests/fixtures/invalid)."""

from __future__ import annotations

import pytest

from detente.content.dates import DATE_HINT, parse_date
from detente.content.diagnostics import Diagnostics, SourceSpan
from detente.content.model import (
    Account,
    Actor,
    Claim,
    Event,
    Link,
    Page,
    Party,
    Position,
    Prose,
    ProseRef,
    Quote,
    Ref,
    Role,
    Timeline,
)
from detente.content.validate import Validator
from tests.helpers.content import BASE, check_files, make_site, problems_of, records_of

EVENT = "content/events/talks.yaml"


def test_a_party_gets_every_value_typed() -> None:
    site = make_site({**BASE, "content/parties/bloc.yaml": """\
name: The Bloc
short_name: Bloc
kind: bloc
role: mediator
members: [north, south]
country: NO
color: '#5D7FA3'
summary: Two states.
links:
  - title: Home
    url: https://bloc.example/
"""})
    bloc = site.entities["bloc"]
    span = SourceSpan("content/parties/bloc.yaml")
    assert bloc == Party(
        id="bloc", span=span, name="The Bloc", short_name="Bloc", party_kind="bloc",
        role="mediator",
        members=(Ref("north", SourceSpan("content/parties/bloc.yaml", 5, 11), ("parties",),
                     "members"),
                 Ref("south", SourceSpan("content/parties/bloc.yaml", 5, 18), ("parties",),
                     "members")),
        country="NO", color="#5d7fa3",  # colours are kept lowercase
        summary=Prose("Two states.", SourceSpan("content/parties/bloc.yaml", 8, 10)),
        links=(Link("Home", "https://bloc.example/"),))


def test_an_event_gets_its_records_and_one_source_as_a_tuple() -> None:
    site = make_site({**BASE, "content/actors/ana.yaml": "name: Ana\nroles:\n"
                      "  - title: Envoy\n    party: north\n    from: 2020\n", EVENT: """\
title: Talks
date: 2024-01-12
end: 2024-01-13
approximate: true
kind: talks
coordinates: [59.91, 10.75]
source: report
quotes:
  - text: We came.
    by: ana
accounts:
  - by: north
    summary: Good talks.
claims:
  - text: The river is ours.
    claimed_by: north
    disputed_by: [south]
"""})
    event = site.entities["talks"]
    assert isinstance(event, Event)
    at = lambda line, column: SourceSpan(EVENT, line, column)  # noqa: E731
    assert (event.date, event.end) == (parse_date("2024-01-12"), parse_date("2024-01-13"))
    assert (event.approximate, event.event_kind, event.coordinates) == \
        (True, "talks", (59.91, 10.75))
    assert event.sources == (Ref("report", at(7, 9), ("sources",), "source"),)
    assert event.quotes == (Quote("We came.", Ref("ana", at(10, 9), ("actors",), "by")),)
    assert event.accounts == (Account(Ref("north", at(12, 9), ("parties", "actors"), "by"),
                                      Prose("Good talks.", at(13, 14))),)
    assert event.claims == (Claim("The river is ours.",
                                  Ref("north", at(16, 17), ("parties", "actors"), "claimed_by"),
                                  (Ref("south", at(17, 19), ("parties", "actors"),
                                       "disputed_by"),)),)
    ana = site.entities["ana"]
    assert isinstance(ana, Actor)
    assert ana.roles == (Role("Envoy", Ref("north", SourceSpan("content/actors/ana.yaml", 4, 12),
                                           ("parties",), "party"), parse_date("2020")),)


def test_positions_in_a_list_are_numbered_after_their_file() -> None:
    site = make_site({**BASE, "content/issues/water.yaml": "title: Water\n",
                      "content/positions/water.yaml": """\
- party: north
  on: water
  stance: supports
  date: 2024-01-15
  source: report
- party: south
  on: water
  stance: opposes
  date: 2024-01-16
  sources: [report]
  conditions: [water, A neutral chair]
"""})
    positions = site.by_kind["positions"]
    assert [p.id for p in positions] == ["water#1", "water#2"]
    second = positions[1]
    assert isinstance(second, Position)
    assert (second.holder.id, second.on.id, second.stance) == ("south", "water", "opposes")
    assert second.conditions == ("water", "A neutral chair")  # text; linked by the pages


def test_a_timelines_inline_events_become_events() -> None:
    site = make_site({**BASE, "content/events/call.yaml": "title: Call\ndate: 2024-01-01\n"
                      "source: report\n", "content/timelines/talks.yaml": """\
title: The talks
events:
  - call
  - id: signing
    title: Signing
    date: 2024-03-01
    source: report
"""})
    timeline = site.entities["talks"]
    assert isinstance(timeline, Timeline)
    assert timeline.events == (
        Ref("call", SourceSpan("content/timelines/talks.yaml", 3, 5), ("events",), "events"),
        Ref("signing", SourceSpan("content/timelines/talks.yaml", 4, 9), ("events",),
            "events"))
    signing = site.entities["signing"]
    assert isinstance(signing, Event) and signing.title == "Signing"
    assert [e.id for e in site.events()] == ["call", "signing"]


def test_prose_references_carry_the_line_and_column_they_are_written_at() -> None:
    site = make_site({**BASE, "content/events/talks.yaml": "title: Talks\ndate: 2024-01-12\n"
                      "source: report\nsummary: |\n  Met [[north]].\n  Cited [@report].\n",
                      "content/events/talks.md": "First line.\n\nThen [[south|the south]] "
                      "spoke [@report].\n"})
    event = site.entities["talks"]
    assert isinstance(event, Event) and event.summary is not None and event.body is not None
    assert event.summary.refs == (
        ProseRef("north", SourceSpan(EVENT, 5, 7), False),
        ProseRef("report", SourceSpan(EVENT, 6, 9), True))
    assert event.body.span == SourceSpan("content/events/talks.md", 1)
    assert event.body.refs == (
        ProseRef("south", SourceSpan("content/events/talks.md", 3, 6), False),
        ProseRef("report", SourceSpan("content/events/talks.md", 3, 32), True))


def test_the_home_page_takes_the_site_title_and_other_pages_need_one() -> None:
    checked = check_files({"content/pages/index.md": "Welcome.\n",
                           "content/pages/about.md": "---\nsummary: About.\n---\nText.\n"})
    # (the front matter's mapping starts on line 2, after its '---')
    assert checked.problems == [("content/pages/about.md:2:1", "a page needs 'title'",
                                 "add 'title: ...'")]
    site = make_site({"content/pages/index.md": "Welcome.\n"})
    home = site.entities["index"]
    assert isinstance(home, Page) and home.title == "Test site"


# Each file holds several problems: every one is reported, at its own line, and the
# validator goes on to the next.
@pytest.mark.parametrize(("text", "expected"), [
    ("title: [a list]\ndate: 2024-13-01\nsource: report\nkind: talk\n", [
        (f"{EVENT}:1:8", "'title' takes text, not a list", ""),
        (f"{EVENT}:2:7", "'date': month 13 in '2024-13-01' does not exist", DATE_HINT),
        (f"{EVENT}:4:7", "'talk' is not a kind", "did you mean 'talks', 'attack'? allowed: call, "
         "meeting, talks, statement, agreement, military, attack, humanitarian, sanction, "
         "other"),
    ]),
    ("titel: Talks\ndate: 2024-01-12\nsource: report\napproximate: yes\n", [
        (f"{EVENT}:1:1", "unknown field 'titel' for an event", "did you mean 'title'?"),
        (f"{EVENT}:4:14", "'approximate' takes true or false, not 'yes'",
         "write true or false (YAML 1.1 reads 'yes' as a yes/no, which is ambiguous)"),
    ]),
    ("title: Talks\ndate: 2024-01-12\nend: 2024-01-11\nsource: report\n", [
        (f"{EVENT}:3:6", "'end' (2024-01-11) is before 'date' (2024-01-12)",
         "swap them, or correct one of the dates"),
    ]),
    ("title: Talks\ndate: 2024-01-12\nsource: report\nsources: [report]\n", [
        (f"{EVENT}:4:1", "both 'source' and 'sources' are set",
         "use 'sources: [a, b]' for several, 'source: a' for one"),
    ]),
])
def test_every_problem_is_reported_and_the_entity_left_out(
        text: str, expected: list[tuple[str, str, str]]) -> None:
    checked = check_files({**BASE, EVENT: text})
    assert checked.problems == expected
    assert checked.site is None


def test_an_entity_with_errors_is_left_out_and_not_reported_again_where_referred_to() -> None:
    diagnostics = Diagnostics()
    files = {**BASE, "content/actors/ana.yaml": "name: Ana\ncolour: red\n",
             EVENT: "title: Talks\ndate: 2024-01-12\nsource: report\nactors: [ana]\n"}
    validator = Validator(diagnostics)
    entities = validator.entities(records_of(files, diagnostics))
    assert sorted(e.id for e in entities) == ["north", "report", "south", "talks"]
    assert validator.failed_ids == {"ana"}
    assert problems_of(files) == [("content/actors/ana.yaml:2:1",
                                   "unknown field 'colour' for an actor",
                                   "the fields are: id, draft, body, name, native_name, "
                                   "aliases, roles, summary, links, image, updated, "
                                   "corrections, checks")]
