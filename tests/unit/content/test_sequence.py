"""Events in order: by day; within a day by time where both have one, then by `after:`, then
by title. Table-driven: each case is a day's events as (id, date, after) and the order."""

from __future__ import annotations

import pytest

from detente.content.dates import parse_date
from detente.content.diagnostics import Diagnostics, SourceSpan
from detente.content.model import Entity, Event, Ref
from detente.content.sequence import check_after, order_events

SPAN = SourceSpan("content/events/x.yaml", 1, 1)

CASES = {
    "by title when nothing else says": (
        [("b-call", "2025-03-18", ""), ("a-fire", "2025-03-18", "")],
        ["a-fire", "b-call"]),
    "after: puts an event after the one it names": (
        [("call", "2025-03-18", ""), ("a-fire", "2025-03-18", "call"),
         ("a-drones", "2025-03-18", "call")],
        ["call", "a-drones", "a-fire"]),
    "a chain of after:": (
        [("c", "2025-03-18", "b"), ("b", "2025-03-18", "a"), ("a", "2025-03-18", "")],
        ["a", "b", "c"]),
    "times order timed events; after: places the untimed": (
        [("evening", "2025-03-18T20:00+02:00", ""), ("morning", "2025-03-18T08:00+02:00", ""),
         ("a-reaction", "2025-03-18", "evening")],
        ["morning", "evening", "a-reaction"]),
    "equal times keep every later time after all of them": (
        [("z1", "2025-03-18T08:00Z", ""), ("z2", "2025-03-18T08:00Z", ""),
         ("a3", "2025-03-18T09:00Z", "")],
        ["z1", "z2", "a3"]),
    "an offset does not move an event to another day": (
        [("late", "2025-03-18T23:30-05:00", ""), ("next-day", "2025-03-19", "")],
        ["late", "next-day"]),
    "a month before its days, days by date": (
        [("day", "2025-03-02", ""), ("month", "2025-03", ""), ("year", "2025", "")],
        ["year", "month", "day"]),
    "after: an event of an earlier day changes nothing": (
        [("b", "2025-03-19", "a"), ("a", "2025-03-18", ""), ("a2", "2025-03-19", "")],
        ["a", "a2", "b"]),
}


def _events(rows: list[tuple[str, str, str]]) -> list[Event]:
    return [Event(id=i, span=SPAN, title=i, date=parse_date(d), sources=(),
                  after=Ref(a, SPAN, ("events",), "after") if a else None) for i, d, a in rows]


@pytest.mark.parametrize("case", sorted(CASES))
def test_order(case: str) -> None:
    rows, expected = CASES[case]
    events = _events(rows)
    index: dict[str, Entity] = {e.id: e for e in events}
    diagnostics = Diagnostics()
    check_after(events, index, diagnostics)
    assert not diagnostics.sorted()
    assert [e.id for e in order_events(events, index)] == expected


@pytest.mark.parametrize(("rows", "message"), [
    ([("a", "2025-03-18", "b"), ("b", "2025-03-19", "")], "names an event dated later"),
    ([("a", "2025-03-18T08:00Z", "b"), ("b", "2025-03-18T09:00Z", "")],
     "names an event dated later"),
    ([("a", "2025-03-18", "b"), ("b", "2025-03-18", "a")], "makes a cycle: a -> b -> a"),
    ([("a", "2025-03-18T08:00Z", "u"), ("u", "2025-03-18", "b"), ("b", "2025-03-18T09:00Z", "")],
     "which is timed later"),
])
def test_contradictions_are_errors_and_still_give_every_event(rows: list[tuple[str, str, str]],
                                                              message: str) -> None:
    events = _events(rows)
    index: dict[str, Entity] = {e.id: e for e in events}
    diagnostics = Diagnostics()
    check_after(events, index, diagnostics)
    found = diagnostics.sorted()
    assert len(found) == 1 and message in found[0].message, found
    assert sorted(e.id for e in order_events(events, index)) == sorted(e.id for e in events)
