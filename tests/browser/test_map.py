"""The map of events: on the home page, the timeline and each event page with coordinates,
an SVG with one numbered mark per event with coordinates, each a link to the event's page,
and the same events in a numbered list; it prints."""

from __future__ import annotations

from typing import Any

import pytest
from tests.browser.harness import ServedSite

from detente.content.model import Event
from detente.content.routes import entity_path

SITE_NAMES = ["example", "full"]


def _placed(site: ServedSite) -> list[Event]:
    return [e for e in site.site.events() if isinstance(e, Event) and e.coordinates]


def _marks(page: Any) -> list[str]:
    return page.locator("svg.map-svg a.map-mark").evaluate_all(
        "as => as.map(a => a.getAttribute('href'))")


def _listed(page: Any) -> list[str]:
    return page.locator(".map-list li").evaluate_all(
        "lis => lis.map(li => li.value + ' ' + li.textContent.trim())")


@pytest.mark.parametrize("site_name", SITE_NAMES)
def test_home_and_timeline_map_every_event_with_coordinates(served: dict[str, ServedSite],
                                                            browser: Any,
                                                            site_name: str) -> None:
    site = served[site_name]
    placed = _placed(site)
    assert len(placed) >= 2, "the site should have events with coordinates"
    expected = [site.base_path + entity_path(e) for e in placed]
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    for path in ("", "timeline/"):
        page.goto(site.url(path))
        assert page.locator("svg.map-svg").is_visible()
        assert page.locator("svg.map-svg path.map-land").count() > 0, "countries are drawn"
        assert _marks(page) == expected
        numbers = page.locator("svg.map-svg a.map-mark text").evaluate_all(
            "ts => ts.map(t => t.textContent)")
        assert numbers == [str(n) for n in range(1, len(placed) + 1)]
        listed = _listed(page)
        assert [item.split(" ", 1)[0] for item in listed] == numbers
        for event, item in zip(placed, listed, strict=True):
            assert event.title in item
        links = page.locator(".map-list a").evaluate_all("as => as.map(a => a.pathname)")
        assert links == expected, "the list links each event too"
        # Each mark stands inside the picture.
        box = page.locator("svg.map-svg").bounding_box()
        for mark in page.locator("svg.map-svg a.map-mark circle").all():
            circle = mark.bounding_box()
            assert box["x"] <= circle["x"] and circle["x"] + circle["width"] <= \
                box["x"] + box["width"] + 1
    context.close()


@pytest.mark.parametrize("site_name", SITE_NAMES)
def test_an_event_page_maps_the_event_and_its_neighbours(served: dict[str, ServedSite],
                                                         browser: Any, site_name: str) -> None:
    site = served[site_name]
    placed = _placed(site)
    context = browser.new_context()
    page = context.new_page()
    for event in placed:
        page.goto(site.url(entity_path(event)))
        marks = _marks(page)
        own = site.base_path + entity_path(event)
        assert own in marks
        assert page.locator("a.map-mark.is-current").get_attribute("href") == own
        others = [site.base_path + entity_path(e) for e in placed if e.id != event.id]
        assert set(marks) - {own} <= set(others) and len(marks) == len(placed)
    without = next(e for e in site.site.events() if isinstance(e, Event) and not e.coordinates)
    page.goto(site.url(entity_path(without)))
    assert page.locator(".event-map").count() == 0, "no map for an event without coordinates"
    context.close()


def test_the_map_prints(served: dict[str, ServedSite], browser: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(served["example"].url())
    page.emulate_media(media="print")
    assert page.locator("svg.map-svg").is_visible()
    assert page.locator(".map-list").is_visible()
    context.close()
