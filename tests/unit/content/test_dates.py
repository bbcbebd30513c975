"""Partial dates: what parses, what does not and why, how they sort and display."""

from __future__ import annotations

import pytest

from detente.content.check import check_project
from detente.content.dates import DateError, PartialDate, Precision, parse_date
from detente.content.diagnostics import Diagnostics
from detente.content.schema import Date as DateType
from detente.content.validate import Validator
from detente.content.yamlnodes import Mapping, SourceText, parse_yaml
from tests.helpers.sites import SITES

Y, M, D, MIN, SEC = (Precision.YEAR, Precision.MONTH, Precision.DAY, Precision.MINUTE,
                     Precision.SECOND)

VALID = [
    # text, (year, month, day, hour, minute, second, offset minutes), precision, iso
    ("1998", (1998, 0, 0, 0, 0, 0, 0), Y, "1998"),
    ("0001", (1, 0, 0, 0, 0, 0, 0), Y, "0001"),
    ("2025-03", (2025, 3, 0, 0, 0, 0, 0), M, "2025-03"),
    ("2025-03-18", (2025, 3, 18, 0, 0, 0, 0), D, "2025-03-18"),
    ("2024-02-29", (2024, 2, 29, 0, 0, 0, 0), D, "2024-02-29"),
    ("2000-02-29", (2000, 2, 29, 0, 0, 0, 0), D, "2000-02-29"),
    ("  2025-03-18 ", (2025, 3, 18, 0, 0, 0, 0), D, "2025-03-18"),
    ("2025-03-18T16:00+03:00", (2025, 3, 18, 16, 0, 0, 180), MIN, "2025-03-18T16:00+03:00"),
    ("2025-03-18T16:00+0300", (2025, 3, 18, 16, 0, 0, 180), MIN, "2025-03-18T16:00+03:00"),
    ("2025-03-18 16:00+03:00", (2025, 3, 18, 16, 0, 0, 180), MIN, "2025-03-18T16:00+03:00"),
    ("2025-03-18T16:00-05:30", (2025, 3, 18, 16, 0, 0, -330), MIN, "2025-03-18T16:00-05:30"),
    ("2025-03-18T16:00Z", (2025, 3, 18, 16, 0, 0, 0), MIN, "2025-03-18T16:00Z"),
    ("2025-03-18T16:00:30Z", (2025, 3, 18, 16, 0, 30, 0), SEC, "2025-03-18T16:00:30Z"),
    ("2025-03-18T23:59:59+14:00", (2025, 3, 18, 23, 59, 59, 840), SEC,
     "2025-03-18T23:59:59+14:00"),
    ("2025-03-18T00:00+00:00", (2025, 3, 18, 0, 0, 0, 0), MIN, "2025-03-18T00:00Z"),
]


@pytest.mark.parametrize(("text", "parts", "precision", "iso"), VALID,
                         ids=[v[0].strip() for v in VALID])
def test_valid_dates(text: str, parts: tuple[int, ...], precision: Precision, iso: str) -> None:
    date = parse_date(text)
    assert (date.year, date.month, date.day, date.hour, date.minute, date.second,
            date.offset_minutes) == parts
    assert date.precision is precision
    assert date.iso() == iso
    assert parse_date(date.iso()) == date  # the canonical text reads back the same


INVALID = [
    ("2025-13", "month 13 in '2025-13' does not exist"),
    ("2024-13-02", "month 13 in '2024-13-02' does not exist"),
    ("2025-00", "month 0 in '2025-00' does not exist"),
    ("2023-02-30", "February 2023 has no day 30 ('2023-02-30')"),
    ("2023-02-29", "February 2023 has no day 29 ('2023-02-29')"),
    ("1900-02-29", "February 1900 has no day 29 ('1900-02-29')"),
    ("2025-04-31", "April 2025 has no day 31 ('2025-04-31')"),
    ("2025-03-00", "March 2025 has no day 0 ('2025-03-00')"),
    ("0000", "year 0 in '0000' does not exist"),
    ("2025-03-18T16:00", "date-time '2025-03-18T16:00' has no UTC offset"),
    ("2025-03-18T16:00:00", "date-time '2025-03-18T16:00:00' has no UTC offset"),
    ("2025-03-18T24:00Z", "'2025-03-18T24:00Z' is not a valid time of day"),
    ("2025-03-18T16:60Z", "'2025-03-18T16:60Z' is not a valid time of day"),
    ("2025-03-18T16:00:60Z", "'2025-03-18T16:00:60Z' is not a valid time of day"),
    ("2025-03-18T16:00+19:00", "UTC offset in '2025-03-18T16:00+19:00' is out of range"),
    ("2025-02-30T16:00Z", "February 2025 has no day 30 ('2025-02-30T16:00Z')"),
    ("25-03-18", "'25-03-18' is not a date"),
    ("2025-3-18", "'2025-3-18' is not a date"),
    ("18 March 2025", "'18 March 2025' is not a date"),
    ("March 2025", "'March 2025' is not a date"),
    ("2025/03/18", "'2025/03/18' is not a date"),
    ("20250318", "'20250318' is not a date"),
    ("", "'' is not a date"),
    ("yesterday", "'yesterday' is not a date"),
    ("2025-03-18T16Z", "'2025-03-18T16Z' is not a date"),
]


@pytest.mark.parametrize(("text", "message"), INVALID, ids=[i[0] or "empty" for i in INVALID])
def test_invalid_dates(text: str, message: str) -> None:
    with pytest.raises(DateError) as raised:
        parse_date(text)
    assert str(raised.value) == message


# ------------------------------------------------------------------ YAML gives the text
def _validate_date(yaml_text: str) -> tuple[object, list[str]]:
    diagnostics = Diagnostics()
    node = parse_yaml(SourceText.of("x.yaml", yaml_text), diagnostics)
    assert isinstance(node, Mapping)
    value = Validator(diagnostics).value(node.entries["date"].value, DateType(), "date")
    return value, [f"{d.span}: {d.message}" for d in diagnostics.items]


@pytest.mark.parametrize(("yaml_text", "iso"), [
    ("date: 1998\n", "1998"),  # an int to YAML
    ("date: '1998'\n", "1998"),  # a string
    ('date: "2025-03"\n', "2025-03"),
    ("date: 2025-03\n", "2025-03"),
    ("date: 2025-03-18\n", "2025-03-18"),  # a timestamp to YAML 1.1
    ("date: 2025-03-18T16:00+03:00\n", "2025-03-18T16:00+03:00"),
    ("date: 2025-03-18T16:00:00Z\n", "2025-03-18T16:00:00Z"),
    ("date: 2025-03-18 16:00:00 +03:00\n", None),  # YAML allows a space before the offset
])
def test_dates_from_yaml_keep_their_text(yaml_text: str, iso: str | None) -> None:
    value, problems = _validate_date(yaml_text)
    if iso is None:
        assert problems == ["x.yaml:1:7: 'date': '2025-03-18 16:00:00 +03:00' is not a date"]
    else:
        assert problems == []
        assert isinstance(value, PartialDate) and value.iso() == iso


# ------------------------------------------------------------------ order
def test_sorting_is_by_start_then_precision() -> None:
    texts = ["2025-03-18T16:00+03:00", "2025", "2025-03-18", "2024-12-31T23:30-05:00",
             "2025-03", "2025-03-18T12:00Z", "2025-03-17", "2025-03-18T13:00:30Z"]
    ordered = sorted((parse_date(t) for t in texts), key=PartialDate.sort_key)
    assert [d.iso() for d in ordered] == [
        "2025",  # its year starts first, and the year sorts before its months
        "2024-12-31T23:30-05:00",  # 04:30 UTC on 1 January 2025
        "2025-03",
        "2025-03-17",
        "2025-03-18",  # a day sorts before the moments in it
        "2025-03-18T12:00Z",
        "2025-03-18T16:00+03:00",  # 13:00 UTC
        "2025-03-18T13:00:30Z",
    ]


def test_equal_starts_sort_coarse_first() -> None:
    dates = [parse_date(t) for t in ("2025-03-01", "2025-03", "2025")]
    assert [d.precision for d in sorted(dates, key=PartialDate.sort_key)] == [Y, M, D]


def test_moments_compare_in_utc() -> None:
    kyiv = parse_date("2025-03-18T16:00+02:00")  # 14:00 UTC
    london = parse_date("2025-03-18T15:00Z")
    assert kyiv.sort_key() < london.sort_key()


# ------------------------------------------------------------------ display
@pytest.mark.parametrize(("text", "approximate", "shown"), [
    ("1998", False, "1998"),
    ("1998", True, "c. 1998"),
    ("2025-03", False, "March 2025"),
    ("2025-03", True, "c. March 2025"),
    ("2025-03-18", False, "18 March 2025"),
    ("2025-03-01", False, "1 March 2025"),
    ("2025-03-18T16:00Z", False, "18 March 2025, 16:00 UTC"),
    ("2025-03-18T16:00+03:00", False, "18 March 2025, 16:00 UTC+03:00"),
    ("2025-03-18T16:00-05:30", False, "18 March 2025, 16:00 UTC-05:30"),
    ("2025-03-18T16:00:30+03:00", False, "18 March 2025, 16:00 UTC+03:00"),
])
def test_display(text: str, approximate: bool, shown: str) -> None:
    assert parse_date(text).display(approximate) == shown


def test_full_site_dates_display_as_written() -> None:
    """The date of each precision in the full fixture site shows as an editor expects."""
    site = check_project(SITES / "full").site
    assert site is not None
    shown = {e.id: e.date.display(e.approximate)  # type: ignore[attr-defined]
             for e in site.events()}
    assert shown["harbour-charter-1998"] == "c. 1998"
    assert shown["2023-11-envoy-appointed"] == "November 2023"
    assert shown["framework-in-force"] == "1 March 2024, 09:30 UTC+01:00"
    assert shown["crews-exchanged"] == "2 March 2024, 18:00 UTC"
