"""The map's geometry: the bundled countries, the view around the events, clipping."""

from __future__ import annotations

import pytest

from detente.pages.eventmap import _clip, _projection, _view_box, countries


def test_the_bundled_countries_are_natural_earths_110m() -> None:
    shapes = countries()
    assert len(shapes) == 177
    names = {c.name for c in shapes}
    assert {"Ukraine", "Russia", "Finland", "United Kingdom", "Saudi Arabia"} <= names
    ukraine = next(c for c in shapes if c.name == "Ukraine")
    west, south, east, north = ukraine.box
    assert 22 < west < 23 and 44 < south < 45.5 and 40 < east < 40.5 and 52 < north < 52.5


@pytest.mark.parametrize("points", [
    [(60.17, 24.94), (51.51, -0.13)],  # Helsinki and London
    [(59.91, 10.75), (59.5, 10.6)],  # two places close together
    [(-33.9, 18.4), (64.1, -21.9)],  # far apart, both hemispheres
])
def test_the_view_holds_every_event_with_room_around_it(points: list[tuple[float, float]]) -> None:
    (west, south, east, north), height = _view_box(points)
    assert 280 <= height <= 440
    project = _projection((west, south, east, north), height)
    for lat, lon in points:
        x, y = project(lon, lat)
        assert 20 < x < 620 and 10 < y < height - 10, (lat, lon, x, y)


def test_clipping_keeps_what_is_inside_and_cuts_the_rest_at_the_edge() -> None:
    box = (0.0, 0.0, 10.0, 10.0)
    inside = ((1.0, 1.0), (2.0, 1.0), (2.0, 2.0))
    assert _clip(inside, box) == list(inside)
    assert _clip(((20.0, 20.0), (30.0, 20.0), (30.0, 30.0)), box) == []
    big = ((-5.0, -5.0), (15.0, -5.0), (15.0, 15.0), (-5.0, 15.0))
    clipped = _clip(big, box)
    assert {(round(x, 6), round(y, 6)) for x, y in clipped} == \
        {(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)}
    half = _clip(((5.0, 5.0), (15.0, 5.0), (15.0, 8.0), (5.0, 8.0)), box)
    assert max(x for x, _ in half) == 10.0 and min(x for x, _ in half) == 5.0
