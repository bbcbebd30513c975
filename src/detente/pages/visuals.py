"""Build-time views for the theme's visual pages: the timeline and the positions matrix.

Everything a reader sees on these pages is computed here, so the pages need no script to
show it; the theme's JavaScript only filters what is already in the HTML.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from detente.content.dates import PartialDate, Precision
from detente.content.model import Entity, Event
from detente.pages.locale import PageLocale, capitalized
from detente.pages.views import EventItem, HistoryView, LinkView, ViewBuilder

# Above this many months between the first and the last event, the overview counts years.
MAX_MONTH_BARS = 36


@dataclass(frozen=True, slots=True)
class MonthGroup:
    anchor: str  # 'm-2025-03', unique on its page
    year: int
    month: int  # 0 for events dated to the year
    heading: str  # 'March 2025', or '1998' for events dated to the year
    events: tuple[EventItem, ...]


@dataclass(frozen=True, slots=True)
class Facet:
    value: str  # what the event's data attribute holds: an id or an event kind
    label: str
    count: int
    color: str = ""


@dataclass(frozen=True, slots=True)
class Bar:
    label: str  # 'March 2025: 3 events'
    short: str  # 'Mar' or '2025', under the bar
    year: str  # under `short` where a year starts: '2025', else ''
    tick: bool  # whether to print `short` (not under every bar when there are many)
    count: int
    anchor: str  # the group to jump to, or '' for a span without events
    key: str = ""  # '2025-3' for a month, '2025' for a year: the groups it counts
    period: str = ""  # 'March 2025', '2025': what `label` counts the events of


@dataclass(frozen=True, slots=True)
class TimelineView:
    groups: tuple[MonthGroup, ...]
    parties: tuple[Facet, ...]
    issues: tuple[Facet, ...]
    kinds: tuple[Facet, ...]
    bars: tuple[Bar, ...]
    peak: int  # the largest bar, for scaling
    count: int


@dataclass(frozen=True, slots=True)
class MatrixView:
    caption: str
    columns: tuple[LinkView, ...]
    rows: tuple[tuple[LinkView, tuple[HistoryView | None, ...]], ...]
    without: tuple[LinkView, ...] = ()  # proposals or issues no party has a stance on


def timeline_view(events: Sequence[Event], b: ViewBuilder) -> TimelineView:
    """Events in the order given, grouped by month where consecutive events share one."""
    groups: list[tuple[tuple[int, int], list[EventItem]]] = []
    for event in events:
        key = (event.date.year, event.date.month)
        if not groups or groups[-1][0] != key:
            groups.append((key, []))
        groups[-1][1].append(b.event_item(event))
    anchors: Counter[str] = Counter()
    views = []
    for (year, month), items in groups:
        anchor = f"m-{year:04d}-{month:02d}" if month else f"m-{year:04d}"
        anchors[anchor] += 1
        if anchors[anchor] > 1:
            anchor += f"-{anchors[anchor]}"
        views.append(MonthGroup(anchor, year, month, _month_heading(b.locale, year, month),
                                tuple(items)))
    items = [item for group in views for item in group.events]
    bars = _bars(events, views, b.locale)
    return TimelineView(
        groups=tuple(views),
        parties=_facets([p for item in items for p in item.parties]),
        issues=_facets([i for item in items for i in item.issues]),
        kinds=tuple(Facet(kind, capitalized(b.locale.pgettext("event kind", kind)), n)
                    for kind, n in sorted(Counter(i.kind for i in items if i.kind).items())),
        bars=bars, peak=max((bar.count for bar in bars), default=0), count=len(items))


def _month_heading(locale: PageLocale, year: int, month: int) -> str:
    if not month:
        return str(year)
    return locale.date_text(PartialDate(year, month, precision=Precision.MONTH))


def _facets(links: list[LinkView]) -> tuple[Facet, ...]:
    counts = Counter(link.id for link in links)
    first = {link.id: link for link in reversed(links)}
    ordered = sorted(first.values(), key=lambda link: link.label.casefold())
    return tuple(Facet(link.id, link.label, counts[link.id], link.color) for link in ordered)


def _bars(events: Sequence[Event], groups: list[MonthGroup],
          locale: PageLocale) -> tuple[Bar, ...]:
    """One bar per month from the first event to the last (per year if that is too many)."""
    if not events:
        return ()
    dates = [e.date for e in events]
    first = min(dates, key=PartialDate.sort_key)
    last = max(dates, key=PartialDate.sort_key)
    months = (last.year - first.year) * 12 + (last.month or 1) - (first.month or 1) + 1
    by_year = months > MAX_MONTH_BARS or any(d.precision == Precision.YEAR for d in dates)
    anchors: dict[tuple[int, int], str] = {}
    for group in groups:
        anchors.setdefault((group.year, 0 if by_year else group.month), group.anchor)
    counts = Counter((d.year, 0 if by_year else d.month) for d in dates)
    if by_year:
        keys = [(year, 0) for year in range(first.year, last.year + 1)]
    else:
        keys = []
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            keys.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    bars = []
    for index, key in enumerate(keys):
        n = counts.get(key, 0)
        heading = _month_heading(locale, *key)
        short = heading if by_year else locale.month_abbreviation(key[1])
        year_label = str(key[0]) if not by_year and (index == 0 or key[1] == 1) else ""
        tick = len(keys) <= 12 or index == 0 or (key[0] % 5 == 0 if by_year else key[1] in (1, 7))
        label = locale.gettext("%(period)s: %(events)s") % {
            "period": heading, "events": locale.count("%(num)s event", "%(num)s events", n)}
        bars.append(Bar(label, short, year_label, tick, n,
                        anchors.get(key, "") if n else "",
                        str(key[0]) if by_year else f"{key[0]}-{key[1]}", heading))
    return tuple(bars)


def matrix_view(b: ViewBuilder, columns: Sequence[Entity], caption: str) -> MatrixView | None:
    """Parties (rows) × the given proposals or issues (columns), each cell a stance history."""
    histories = b.site.histories
    party_ids = [p.id for p in b.site.by_kind["parties"]]
    column_ids = [c.id for c in columns if any((p, c.id) in histories for p in party_ids)]
    parties = [p for p in party_ids if any((p, c) in histories for c in column_ids)]
    without = tuple(b.link(c.id) for c in columns if c.id not in column_ids)
    if not parties and not without:
        return None
    rows = []
    for party in parties:
        cells = tuple(b.history((party, c)) if (party, c) in histories else None
                      for c in column_ids)
        rows.append((b.link(party), cells))
    return MatrixView(caption, tuple(b.link(c) for c in column_ids), tuple(rows), without)
