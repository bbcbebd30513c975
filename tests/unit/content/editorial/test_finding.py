"""Whether a role (from, to) was held on a date, as partial dates allow."""

from __future__ import annotations

import pytest

from detente.content.dates import parse_date
from detente.content.editorial.finding import overlaps


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
