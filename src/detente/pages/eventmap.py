"""A map of events, made at build time: an SVG of the countries around the events that have
`coordinates:`, each event a numbered mark linked to its page, and the same numbers in a
list (the map's text for screen readers, and what a reader without the picture reads).

The shapes are Natural Earth's 1:110m countries (public domain), bundled in world/; nothing
is fetched. The projection is equirectangular, stretched by the cosine of the view's middle
latitude so that shapes keep their proportions near it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from detente.content.model import Event
from detente.pages.views import DateView, LinkView, ViewBuilder

WIDTH = 640  # the SVG's own units; it scales to its box
MIN_HEIGHT, MAX_HEIGHT = 280, 440
MIN_SPAN = 8.0  # degrees of latitude the view shows at least, around close events
MARK_GAP = 24  # marks closer than this are set side by side
NEIGHBOURS = 2  # on an event's page: this many events with coordinates before it and after

Box = tuple[float, float, float, float]  # west, south, east, north
Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class MapMark:
    number: int
    link: LinkView  # the event
    date: DateView
    location: str
    x: float
    y: float
    current: bool = False  # the page's own event


@dataclass(frozen=True, slots=True)
class MapView:
    width: int
    height: int
    land: tuple[str, ...]  # SVG path data, a country each
    marks: tuple[MapMark, ...]


@dataclass(frozen=True, slots=True)
class _Country:
    name: str
    rings: tuple[Ring, ...]
    box: Box


@cache
def countries() -> tuple[_Country, ...]:
    text = (resources.files("detente.pages") / "world" / "countries.txt").read_text("utf-8")
    out = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        _iso, name, data = line.split("|", 2)
        rings = tuple(tuple((float(x), float(y)) for x, y in
                            (point.split(",") for point in ring.split()))
                      for ring in data.split(";"))
        xs = [x for ring in rings for x, _ in ring]
        ys = [y for ring in rings for _, y in ring]
        out.append(_Country(name, rings, (min(xs), min(ys), max(xs), max(ys))))
    return tuple(out)


def event_map(events: Sequence[Event], b: ViewBuilder, current: str = "") -> MapView | None:
    """The events that have coordinates, numbered in the order given; None if none has."""
    placed = [e for e in events if e.coordinates is not None]
    if not placed:
        return None
    view, height = _view_box([e.coordinates for e in placed if e.coordinates is not None])
    project = _projection(view, height)
    marks: list[MapMark] = []
    for number, event in enumerate(placed, 1):
        assert event.coordinates is not None
        x, y = project(event.coordinates[1], event.coordinates[0])
        while any(abs(m.x - x) < MARK_GAP and abs(m.y - y) < MARK_GAP for m in marks):
            x += MARK_GAP  # events at one place: side by side
        marks.append(MapMark(number, b.link(event.id), b.dated(event.date, event.approximate),
                             event.location, round(x, 1), round(y, 1), event.id == current))
    return MapView(WIDTH, height, _land(view, project), tuple(marks))


def neighbours_map(event: Event, order: int, events: Sequence[Event],
                   b: ViewBuilder) -> MapView | None:
    """On an event's page (at `order` in `events`): the event, and the nearest events with
    coordinates before and after it. Reads only as far as it must (a page is rendered again
    when what it read changes)."""
    if event.coordinates is None:
        return None
    before: list[Event] = []
    index = order - 1
    while index >= 0 and len(before) < NEIGHBOURS:
        if events[index].coordinates is not None:
            before.insert(0, events[index])
        index -= 1
    after: list[Event] = []
    index = order + 1
    while index < len(events) and len(after) < NEIGHBOURS:
        if events[index].coordinates is not None:
            after.append(events[index])
        index += 1
    return event_map([*before, event, *after], b, event.id)


def _view_box(points: list[tuple[float, float]]) -> tuple[Box, int]:
    """A box around the points (latitude, longitude), padded, at least MIN_SPAN high, in
    the proportions of an SVG WIDTH wide and between MIN_HEIGHT and MAX_HEIGHT high."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    middle = (min(lats) + max(lats)) / 2
    stretch = max(math.cos(math.radians(middle)), 0.2)
    span_y = max(max(lats) - min(lats), MIN_SPAN) * 1.5
    span_x = max((max(lons) - min(lons)) * 1.3, span_y / stretch * WIDTH / MAX_HEIGHT)
    height = round(min(MAX_HEIGHT, max(MIN_HEIGHT, WIDTH * span_y / (span_x * stretch))))
    span_y = span_x * stretch * height / WIDTH  # the proportions of the picture
    centre_x = (min(lons) + max(lons)) / 2
    south = max(-85.0, middle - span_y / 2)
    north = min(85.0, south + span_y)
    return (centre_x - span_x / 2, south, centre_x + span_x / 2, north), height


Projection = Callable[[float, float], tuple[float, float]]


def _projection(view: Box, height: int) -> Projection:
    west, south, east, north = view
    scale_x = WIDTH / (east - west)
    scale_y = height / (north - south)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * scale_x, (north - lat) * scale_y

    return project


def _land(view: Box, project: Projection) -> tuple[str, ...]:
    """The countries in view, each ring clipped to a margin around the view (so that a
    country as large as Russia costs no more than the part of it that shows)."""
    west, south, east, north = view
    margin_x, margin_y = (east - west) * 0.05, (north - south) * 0.05
    clip = (west - margin_x, south - margin_y, east + margin_x, north + margin_y)
    paths = []
    for country in countries():
        if not _overlaps(country.box, clip):
            continue
        parts = []
        for ring in country.rings:
            points = _clip(ring, clip)
            shown: list[str] = []
            for lon, lat in points:
                x, y = project(lon, lat)
                point = f"{x:.1f} {y:.1f}"
                if not shown or shown[-1] != point:
                    shown.append(point)
            if len(shown) >= 3:
                parts.append("M" + "L".join(shown) + "Z")
        if parts:
            paths.append("".join(parts))
    return tuple(paths)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _clip(ring: Ring, box: Box) -> list[tuple[float, float]]:
    """Sutherland-Hodgman: the ring cut to the box, one edge of the box at a time."""
    points = list(ring)
    for axis, limit, below in ((0, box[0], False), (0, box[2], True), (1, box[1], False),
                               (1, box[3], True)):
        out: list[tuple[float, float]] = []
        previous = points[-1] if points else (0.0, 0.0)
        for point in points:
            if _inside(point, axis, limit, below):
                if not _inside(previous, axis, limit, below):
                    out.append(_cross(previous, point, axis, limit))
                out.append(point)
            elif _inside(previous, axis, limit, below):
                out.append(_cross(previous, point, axis, limit))
            previous = point
        points = out
    return points


def _inside(point: tuple[float, float], axis: int, limit: float, below: bool) -> bool:
    return point[axis] <= limit if below else point[axis] >= limit


def _cross(a: tuple[float, float], b: tuple[float, float], axis: int,
           limit: float) -> tuple[float, float]:
    t = (limit - a[axis]) / (b[axis] - a[axis])
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
