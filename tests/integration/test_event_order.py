"""The order of events within a day (time, then `after:`) is the same everywhere a reader or
a reuser meets it: the timeline, the events list, each event's previous and next, the feed
and the open data.

The `full` fixture has two events on 1 March 2024: 'framework-in-force' at 09:30, and
'framework-welcomed', with no time, `after: framework-in-force`. Without `after:` the
untimed one would come first (a day sorts before its moments), so each assertion below
could fail."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.helpers.html import parse
from tests.helpers.sites import SITES

from detente.content.check import check_project

FIRST, THEN = "framework-in-force", "framework-welcomed"


@pytest.fixture
def built(built_site: Callable[..., Path]) -> Path:
    return built_site("full", "--no-search")


def _event_ids(html: str) -> list[str]:
    return re.findall(r'class="event-title"><a href="[^"]*/events/([^/"]+)/"', html)


def _before(ids: list[str]) -> bool:
    return ids.index(FIRST) < ids.index(THEN)


def test_the_model_orders_the_day_by_after() -> None:
    site = check_project(SITES / "full").site
    assert site is not None
    ids = [e.id for e in site.events()]
    assert ids.index(THEN) == ids.index(FIRST) + 1
    assert site.event_order[THEN] == site.event_order[FIRST] + 1


def test_the_timeline_and_the_events_list(built: Path) -> None:
    assert _before(_event_ids((built / "timeline" / "index.html").read_text()))
    listed = re.findall(r'href="[^"]*/events/([^/"]+)/" class="ref',
                        (built / "events" / "index.html").read_text())
    assert _before(listed)


def test_previous_and_next(built: Path) -> None:
    welcomed = parse((built / "events" / THEN / "index.html").read_text()).main
    previous = welcomed.find("a", where=lambda a: a.attrs.get("rel") == "prev")
    assert previous.attrs["href"].endswith(f"/events/{FIRST}/")
    in_force = parse((built / "events" / FIRST / "index.html").read_text()).main
    following = in_force.find("a", where=lambda a: a.attrs.get("rel") == "next")
    assert following.attrs["href"].endswith(f"/events/{THEN}/")


def test_the_feed_newest_first(built: Path) -> None:
    ids = re.findall(r'<link rel="alternate" type="text/html" href="[^"]*/events/([^/"]+)/"',
                     (built / "feed.xml").read_text())
    assert ids.index(THEN) < ids.index(FIRST), "newest first: the later one leads"


def test_the_open_data(built: Path) -> None:
    document = json.loads((built / "data" / "site.json").read_text())
    assert _before([e["id"] for e in document["entities"]["events"]])
    rows = list(csv.DictReader(io.StringIO((built / "data" / "events.csv").read_text())))
    assert _before([row["id"] for row in rows])
    assert next(r for r in rows if r["id"] == THEN)["after"] == FIRST
