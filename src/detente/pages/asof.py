"""The state of play on a date: the positions matrix as it stood at the end of each day on
which a stance or a proposal's status changed, and a proposal's status on those days.

A stance or status dated to the day (or the minute: read in the site's time zone) changes
the matrix on that day; one dated only to a month or a year is counted from the month's or
year's last day, when it surely held, and marks no day as a change. Each page is linear in
the parties × the columns × their stances; the site has one page per change day.
"""

from __future__ import annotations

import bisect
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from functools import lru_cache

from detente.content.dates import PartialDate, Precision
from detente.content.model import Entity, Position, Proposal, SiteReader, StatusEntry
from detente.pages.views import DateView, LinkView, ViewBuilder

DAYS_PATH = "positions/"


@lru_cache(maxsize=1 << 16)  # (every page of every day asks again for the same stances)
def day_of(value: PartialDate, zone: tzinfo) -> date | None:
    """The day a date names, in `zone`; None for a month or a year."""
    if value.precision < Precision.DAY:
        return None
    return value.day_in(zone).first_day()


@lru_cache(maxsize=1 << 16)
def in_effect(value: PartialDate, zone: tzinfo) -> date:
    """The first day by the end of which a stance or status of this date surely held."""
    return day_of(value, zone) or value.last_day()


def day_path(day: date) -> str:
    return f"{DAYS_PATH}{day.isoformat()}/"


def change_days(site: SiteReader) -> tuple[date, ...]:
    """Every day on which a stance or a proposal's status changed, oldest first."""
    zone = zoneinfo.ZoneInfo(site.config.timezone)
    days: set[date | None] = {day_of(p.date, zone) for p in _positions(site)}
    for proposal in site.by_kind["proposals"]:
        assert isinstance(proposal, Proposal)
        days.update(day_of(entry.date, zone) for entry in proposal.status)
    return tuple(sorted(d for d in days if d is not None))


def _positions(site: SiteReader) -> Sequence[Position]:
    return [p for p in site.by_kind["positions"] if isinstance(p, Position)]


def _reads(site: SiteReader) -> None:
    """What `change_days` reads: every position and proposal (iterating records both)."""
    iter(site.by_kind["positions"])
    iter(site.by_kind["proposals"])


def shared_change_days(b: ViewBuilder) -> tuple[date, ...]:
    return b.shared("change-days", change_days, _reads)


def neighbours(days: tuple[date, ...], day: date) -> tuple[date | None, date | None]:
    """The change days before and after `day`."""
    at = bisect.bisect_left(days, day)
    before = days[at - 1] if at > 0 else None
    after_at = at + 1 if at < len(days) and days[at] == day else at
    return before, days[after_at] if after_at < len(days) else None


def status_on(entries: tuple[StatusEntry, ...], day: date, zone: tzinfo) -> StatusEntry | None:
    """The status in effect at the end of `day` (the last written among equal dates)."""
    best: StatusEntry | None = None
    for entry in sorted(entries, key=lambda e: e.date.sort_key()):
        if in_effect(entry.date, zone) <= day:
            best = entry
    return best


def stance_on(history: tuple[Position, ...], day: date, zone: tzinfo) -> Position | None:
    """The stance in effect at the end of `day`: the latest dated by then."""
    best: Position | None = None
    for position in history:  # oldest first
        if in_effect(position.date, zone) <= day:
            best = position
    return best


@dataclass(frozen=True, slots=True)
class AsOfCell:
    """What a cell shows: less than a whole stance (a page has parties × columns of them)."""

    stance: str
    date: DateView
    changed: bool  # stated on the day
    url: str  # the stance history on the subject's page
    label: str  # '<party> on <subject>', for screen readers


@dataclass(frozen=True, slots=True)
class AsOfColumn:
    link: LinkView
    status: str  # a proposal's status at the end of the day, or ''
    changed: bool  # its status changed on the day


@dataclass(frozen=True, slots=True)
class AsOfMatrix:
    caption: str
    columns: tuple[AsOfColumn, ...]
    rows: tuple[tuple[LinkView, tuple[AsOfCell | None, ...]], ...]


def matrix_on(b: ViewBuilder, columns: Sequence[Entity], caption: str,
              day: date) -> AsOfMatrix | None:
    """Parties (rows) × proposals or issues (columns): each cell the stance in effect at
    the end of `day`; rows and columns with no stance by then are left out."""
    histories = b.site.histories
    party_ids = [p.id for p in b.site.by_kind["parties"]]
    cells: dict[tuple[str, str], Position] = {}
    for column in columns:
        for party in party_ids:
            if (party, column.id) in histories:
                found = stance_on(histories[(party, column.id)], day, b.zone)
                if found is not None:
                    cells[(party, column.id)] = found
    rows_used = [p for p in party_ids if any((p, c.id) in cells for c in columns)]
    columns_used = [c for c in columns if any((p, c.id) in cells for p in rows_used)]
    if not rows_used:
        return None
    rows = tuple((b.link(party), tuple(_cell(b, cells.get((party, c.id)), day)
                                       for c in columns_used)) for party in rows_used)
    return AsOfMatrix(caption, tuple(_column(b, c, day) for c in columns_used), rows)


def _cell(b: ViewBuilder, position: Position | None, day: date) -> AsOfCell | None:
    if position is None:
        return None
    holder, on = b.link(position.holder), b.link(position.on)
    return AsOfCell(position.stance, b.dated(position.date, position.approximate),
                    day_of(position.date, b.zone) == day,
                    f"{on.url}#stances-{holder.id}-{on.id}",
                    b.locale.gettext("%(holder)s on %(subject)s")
                    % {"holder": holder.short_label, "subject": on.label})


def _column(b: ViewBuilder, column: Entity, day: date) -> AsOfColumn:
    if not isinstance(column, Proposal):
        return AsOfColumn(b.link(column.id), "", False)
    entry = status_on(column.status, day, b.zone)
    changed = any(day_of(e.date, b.zone) == day for e in column.status)
    return AsOfColumn(b.link(column.id), entry.status if entry else "", changed)


@dataclass(frozen=True, slots=True)
class StatusOnDay:
    day: DateView
    url: str  # the matrix of that day
    status: str  # at the end of the day, or ''


def proposal_days(b: ViewBuilder, proposal: Proposal) -> tuple[StatusOnDay, ...]:
    """The proposal's status at the end of each day on which it, or a stance on it,
    changed: the days of the matrix pages that concern it."""
    days: set[date | None] = {day_of(e.date, b.zone) for e in proposal.status}
    for key in b.site.histories_of.get(proposal.id, ()):
        if key[1] == proposal.id:
            days.update(day_of(p.date, b.zone) for p in b.site.histories[key])
    out = []
    for day in sorted(d for d in days if d is not None):
        entry = status_on(proposal.status, day, b.zone)
        out.append(StatusOnDay(b.day(day), b.url(day_path(day)),
                               entry.status if entry else ""))
    return tuple(out)
