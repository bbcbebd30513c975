"""Days of change: a date's day in the site's time zone, and a day's neighbours."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from detente.content.dates import parse_date
from detente.pages.asof import day_of, in_effect, neighbours

UTC = ZoneInfo("UTC")

def test_the_day_of_a_date_in_the_site_time_zone() -> None:
    late = parse_date("2024-02-20T23:30:00Z")
    assert day_of(late, UTC) == date(2024, 2, 20)
    assert day_of(late, ZoneInfo("Asia/Tokyo")) == date(2024, 2, 21)
    assert day_of(parse_date("2024-02"), UTC) is None  # no day to mark
    assert in_effect(parse_date("2024-02"), UTC) == date(2024, 2, 29)  # surely held by then
    assert in_effect(parse_date("2024"), UTC) == date(2024, 12, 31)


def test_neighbouring_days_of_change() -> None:
    days = (date(2024, 1, 1), date(2024, 1, 5), date(2024, 2, 1))
    assert neighbours(days, date(2024, 1, 1)) == (None, date(2024, 1, 5))
    assert neighbours(days, date(2024, 1, 5)) == (date(2024, 1, 1), date(2024, 2, 1))
    assert neighbours(days, date(2024, 2, 1)) == (date(2024, 1, 5), None)
    assert neighbours(days, date(2024, 1, 3)) == (date(2024, 1, 1), date(2024, 1, 5))
