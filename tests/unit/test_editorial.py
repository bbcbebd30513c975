"""The small pieces the editorial checks, the git dates and the dated pages stand on."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from detente.content.dates import parse_date
from detente.content.editorial.codes import parse_days
from detente.content.editorial.consistency import words
from detente.content.editorial.finding import overlaps
from detente.content.editorial.sourcing import comparable, in_text
from detente.content.history import parse_log
from detente.pages.asof import day_of, in_effect, neighbours

UTC = ZoneInfo("UTC")


@pytest.mark.parametrize(("text", "days"), [("90d", 90), ("12w", 84), (" 1d ", 1),
                                            ("3 months", None), ("90", None), ("-1d", None),
                                            ("1y", None), ("", None)])
def test_spans_of_days_or_weeks(text: str, days: int | None) -> None:
    assert parse_days(text) == days


SOURCE = comparable('The talks opened. “We came to listen,” the minister said, “and to\n'
                    'talk about *the river*.”')


@pytest.mark.parametrize(("quote", "found"), [
    ("We came to listen.", True),  # a final full stop reported as a comma
    ("we came to listen", True),  # case
    ('"We came to listen,"', True),  # straight quotes around it
    ("and to talk about the river", True),  # a line break and emphasis in the source
    ("We came to listen … about the river", True),  # an ellipsis for words left out
    ("We came to listen ... about the river", True),
    ("about the river … We came to listen", False),  # the parts out of order
    ("We came to talk", False),
    ("We came to listen to the river", False),
])
def test_a_quote_is_found_in_the_text_as_written(quote: str, found: bool) -> None:
    assert in_text(quote, SOURCE) is found


def test_names_compare_by_words_without_little_words_or_case() -> None:
    assert words("Trump's") == {"trump"}
    assert words("The Republic of Northland") == {"republic", "northland"}
    assert words("President Zelenskyy") & words("Volodymyr Zelenskyy") == {"zelenskyy"}


@pytest.mark.parametrize(("start", "end", "day", "held"), [
    (None, None, "2024-05-03", True),
    ("2024-02-01", None, "2024-01-31", False),
    ("2024-02", None, "2024-02-29", True),  # a month starts on its first day
    ("2019-05", "2024-01-31", "2024-01-31", True),
    ("2019-05", "2024-01", "2024-02-01", False),
    ("2019-05", "2024-01", "2024", True),  # a year may be any day of it
])
def test_a_role_held_on_a_date(start: str | None, end: str | None, day: str,
                               held: bool) -> None:
    parsed = [parse_date(v) if v else None for v in (start, end)]
    assert overlaps(parsed[0], parsed[1], parse_date(day)) is held


def test_git_log_gives_each_file_its_newest_commit() -> None:
    log = ("\x1e2024-02-20T23:30:00+00:00\0\ncontent/parties/p.yaml\0"
           "\x1e2024-01-05T10:00:00+01:00\0\ncontent/parties/p.yaml\0content/events/e.md\0"
           "\x1e2023-12-01T00:00:00+00:00\0"  # a commit touching nothing (a merge)
           "\x1enot a date\0\ncontent/x.yaml\0")
    dates = {path: value.iso() for path, value in parse_log(log).items()}
    assert dates == {"content/parties/p.yaml": "2024-02-20T23:30:00Z",
                     "content/events/e.md": "2024-01-05T10:00:00+01:00"}


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
