"""Spans of days or weeks, as `checks: {stale_after: ...}` takes them."""

from __future__ import annotations

import pytest

from detente.content.editorial.codes import parse_days


@pytest.mark.parametrize(("text", "days"), [("90d", 90), ("12w", 84), (" 1d ", 1),
                                            ("3 months", None), ("90", None), ("-1d", None),
                                            ("1y", None), ("", None)])
def test_spans_of_days_or_weeks(text: str, days: int | None) -> None:
    assert parse_days(text) == days
