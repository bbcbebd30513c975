"""The order of events: by date; events that share a date by time where both have one, then
by `after:` (then by title). And the `after:` that would make that order impossible: one
that names an event dated later, or a cycle.

Each event names at most one event it followed, so the `after:` links of a day form chains;
every check below walks each chain once.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Sequence

from detente.content.dates import PartialDate, Precision
from detente.content.diagnostics import Diagnostics
from detente.content.model import Entity, Event

DayKey = tuple[int, int, int, int]
LATER_HINT = ("an event can only follow one dated on or before it: correct one of the dates, "
              "or remove 'after:'")
CYCLE_HINT = "an event cannot follow itself, even through others: remove or change one 'after:'"


def day_key(date: PartialDate) -> DayKey:
    """The date as written, to the day: a month sorts before its days, and events with a
    time share their day with those without one (whatever their offset)."""
    return (date.year, date.month, date.day, min(int(date.precision), int(Precision.DAY)))


def _timed(event: Event) -> bool:
    return event.date.precision >= Precision.MINUTE


def _base_key(event: Event) -> tuple[object, ...]:
    return (event.date.sort_key(), event.label.casefold(), event.id)


def _when(event: Event) -> str:
    return event.date.display()


def check_after(events: Iterable[Entity], index: dict[str, Entity],
                diagnostics: Diagnostics) -> None:
    """Report each `after:` that names an event dated later, each cycle (once, at its first
    event in date order), and each chain that puts an event after one timed later."""
    ordered = sorted((e for e in events if isinstance(e, Event)), key=_base_key)
    parent: dict[str, Event] = {}
    for event in ordered:
        target = index.get(event.after.id) if event.after is not None else None
        if not isinstance(target, Event) or target is event:
            continue  # unknown ids, other kinds and itself are reported by `link`
        assert event.after is not None
        if _dated_later(target, event):
            diagnostics.error(event.after.span, f"'after: {target.id}' names an event dated "
                              f"later ({_when(target)}) than this one ({_when(event)})",
                              LATER_HINT)
        elif day_key(target.date) == day_key(event.date):
            parent[event.id] = target
    in_cycle = _report_cycles(ordered, parent, diagnostics)
    for event in ordered:
        if _timed(event) and event.id in parent and event.id not in in_cycle:
            _check_chain_times(event, parent, diagnostics)


def _dated_later(target: Event, event: Event) -> bool:
    if day_key(target.date) != day_key(event.date):
        return day_key(target.date) > day_key(event.date)
    return _timed(target) and _timed(event) and \
        target.date.to_datetime() > event.date.to_datetime()


def _report_cycles(ordered: list[Event], parent: dict[str, Event],
                   diagnostics: Diagnostics) -> set[str]:
    done: set[str] = set()
    in_cycle: set[str] = set()
    for event in ordered:
        chain: list[str] = []
        current: Event | None = event
        while current is not None and current.id not in done and current.id not in chain:
            chain.append(current.id)
            current = parent.get(current.id)
        done.update(chain)
        if current is not None and current.id in chain:  # back to one on this walk: a cycle
            cycle = chain[chain.index(current.id):]
            in_cycle.update(cycle)
            first = min((e for e in ordered if e.id in cycle), key=_base_key)
            start = cycle.index(first.id)
            path = [*cycle[start:], *cycle[:start], first.id]
            assert first.after is not None
            diagnostics.error(first.after.span, "'after:' makes a cycle: "
                              + " -> ".join(path), CYCLE_HINT)
    return in_cycle


def _check_chain_times(event: Event, parent: dict[str, Event], diagnostics: Diagnostics) -> None:
    """The nearest timed event up `event`'s chain must not be timed later than it (the one
    right before it is checked as 'dated later')."""
    chain = [event.id]
    current = parent.get(event.id)
    while current is not None and not _timed(current):
        chain.append(current.id)
        current = parent.get(current.id)
    if current is None or len(chain) == 1:
        return
    if current.date.to_datetime() > event.date.to_datetime():
        chain.append(current.id)
        assert event.after is not None
        diagnostics.error(event.after.span, f"'after: {event.after.id}' puts this event "
                          f"({_when(event)}) after '{current.id}', which is timed later "
                          f"({_when(current)}): " + " -> ".join(chain), LATER_HINT)


def order_events(events: Sequence[Entity], index: dict[str, Entity]) -> tuple[Entity, ...]:
    """Events by day; within a day, an order that keeps every time and every `after:`,
    otherwise by time, then title. (With contradictions, reported by `check_after`, any
    order.)"""
    days: dict[DayKey, list[Event]] = defaultdict(list)
    for event in events:
        assert isinstance(event, Event)
        days[day_key(event.date)].append(event)
    out: list[Entity] = []
    for key in sorted(days):
        group = days[key]
        out.extend(_order_day(group, index) if len(group) > 1 else group)
    return tuple(out)


def _order_day(group: list[Event], index: dict[str, Entity]) -> list[Event]:
    members = {e.id: e for e in group}
    keys: dict[str, tuple[object, ...]] = {e.id: _base_key(e) for e in group}
    after_it: dict[str, list[str]] = defaultdict(list)  # id → ids that must come after it
    for level, barrier, next_level in _time_levels(group):
        keys[barrier] = ((), "", barrier)  # taken as soon as it is free
        for event_id in level:
            after_it[event_id].append(barrier)
        after_it[barrier].extend(next_level)
    for event in group:
        target = index.get(event.after.id) if event.after is not None else None
        if target is not None and target.id in members and target is not event:
            after_it[target.id].append(event.id)
    waiting: dict[str, int] = dict.fromkeys(keys, 0)
    for followers in after_it.values():
        for follower in followers:
            waiting[follower] += 1
    ready = [(keys[i], i) for i in keys if waiting[i] == 0]
    heapq.heapify(ready)
    out: list[Event] = []
    while ready:
        _key, node = heapq.heappop(ready)
        if node in members:
            out.append(members[node])
        for follower in after_it[node]:
            waiting[follower] -= 1
            if waiting[follower] == 0:
                heapq.heappush(ready, (keys[follower], follower))
    if len(out) < len(group):  # a contradiction (reported): the rest by date and title
        placed = {e.id for e in out}
        out.extend(sorted((e for e in group if e.id not in placed), key=_base_key))
    return out


def _time_levels(group: list[Event]) -> list[tuple[list[str], str, list[str]]]:
    """The timed events by moment, as levels of equal moments: (a level, a barrier that waits
    for all of it, the next level, all of which waits for the barrier)."""
    timed = sorted((e for e in group if _timed(e)), key=lambda e: e.date.to_datetime())
    levels: list[list[Event]] = []
    for event in timed:
        if levels and levels[-1][0].date.to_datetime() == event.date.to_datetime():
            levels[-1].append(event)
        else:
            levels.append([event])
    ids = [[e.id for e in level] for level in levels]
    return [(ids[n], f"\x00{n}", ids[n + 1]) for n in range(len(ids) - 1)]
