"""Partial dates that keep their precision: a year, a month, a day or a moment with offset."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from enum import IntEnum


class Precision(IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3
    MINUTE = 4
    SECOND = 5


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DATETIME_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?"
    r"(?:(Z)|([+-])(\d{2}):?(\d{2}))?$"
)

MONTHS = tuple(calendar.month_name)


class DateError(ValueError):
    """The text is not a date Detente reads; the message says what is."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    year: int
    month: int = 0
    day: int = 0
    hour: int = 0
    minute: int = 0
    second: int = 0
    offset_minutes: int = 0
    precision: Precision = Precision.YEAR

    def sort_key(self) -> tuple[int, ...]:
        """Chronological by start, then by precision (a month sorts before its days)."""
        if self.precision >= Precision.MINUTE:
            moment = self.to_datetime().astimezone(UTC)
            return (moment.year, moment.month, moment.day, moment.hour, moment.minute,
                    moment.second, int(self.precision))
        return (self.year, self.month, self.day, -1, 0, 0, int(self.precision))

    def to_datetime(self) -> datetime:
        tz = timezone(timedelta(minutes=self.offset_minutes))
        return datetime(self.year, self.month or 1, self.day or 1, self.hour, self.minute,
                        self.second, tzinfo=tz)

    def day_in(self, zone: tzinfo) -> PartialDate:
        """A date-time as the day it fell on in `zone`; a date as it is."""
        if self.precision < Precision.MINUTE:
            return self
        moment = self.to_datetime().astimezone(zone)
        return PartialDate(moment.year, moment.month, moment.day, precision=Precision.DAY)

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        """The last day the date can mean: '2024-05' runs to 31 May 2024."""
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def ends_before(self, start: PartialDate) -> bool:
        """Whether, read as a range's end, this is surely before `start` begins."""
        if self.precision >= Precision.MINUTE and start.precision >= Precision.MINUTE:
            return self.to_datetime() < start.to_datetime()
        return self.last_day() < start.first_day()

    def iso(self) -> str:
        """The canonical text, as an editor would write it."""
        if self.precision is Precision.YEAR:
            return f"{self.year:04d}"
        if self.precision is Precision.MONTH:
            return f"{self.year:04d}-{self.month:02d}"
        day = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.precision is Precision.DAY:
            return day
        clock = f"{self.hour:02d}:{self.minute:02d}"
        if self.precision is Precision.SECOND:
            clock += f":{self.second:02d}"
        return f"{day}T{clock}{format_offset(self.offset_minutes)}"

    def display(self, approximate: bool = False) -> str:
        """Reader-facing text: '2025', 'March 2025', '18 March 2025', '18 March 2025, 16:00 UTC'."""
        if self.precision is Precision.YEAR:
            text = str(self.year)
        elif self.precision is Precision.MONTH:
            text = f"{MONTHS[self.month]} {self.year}"
        else:
            text = f"{self.day} {MONTHS[self.month]} {self.year}"
            if self.precision >= Precision.MINUTE:
                offset = "UTC"
                if self.offset_minutes:
                    offset += format_offset(self.offset_minutes)
                text += f", {self.hour:02d}:{self.minute:02d} {offset}"
        return f"c. {text}" if approximate else text


def format_offset(minutes: int) -> str:
    if minutes == 0:
        return "Z"
    sign = "+" if minutes > 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


def parse_date(text: str) -> PartialDate:
    """Parse `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or an ISO date-time with an offset."""
    text = text.strip()
    match = _DATE_RE.match(text)
    if match:
        year_text, month_text, day_text = match.groups()
        year = int(year_text)
        month = int(month_text) if month_text else None  # '00' is month 0, not absent
        day = int(day_text) if day_text else None
        _check_calendar(text, year, month, day)
        precision = (Precision.DAY if day is not None else
                     Precision.MONTH if month is not None else Precision.YEAR)
        return PartialDate(year, month or 0, day or 0, precision=precision)
    match = _DATETIME_RE.match(text)
    if match:
        year, month, day, hour, minute = (int(match.group(i)) for i in range(1, 6))
        second_text, zulu, sign, off_h, off_m = match.group(6, 7, 8, 9, 10)
        if not zulu and not sign:
            raise DateError(f"date-time '{text}' has no UTC offset",)
        _check_calendar(text, year, month, day)
        second = int(second_text) if second_text else 0
        if hour > 23 or minute > 59 or second > 59:
            raise DateError(f"'{text}' is not a valid time of day")
        offset = 0 if zulu else (int(off_h) * 60 + int(off_m)) * (1 if sign == "+" else -1)
        if abs(offset) > 18 * 60:
            raise DateError(f"UTC offset in '{text}' is out of range")
        precision = Precision.SECOND if second_text else Precision.MINUTE
        return PartialDate(year, month, day, hour, minute, second, offset, precision)
    raise DateError(f"'{text}' is not a date")


def _check_calendar(text: str, year: int, month: int | None, day: int | None) -> None:
    if year < 1:
        raise DateError(f"year 0 in '{text}' does not exist")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"month {month} in '{text}' does not exist")
    if month is not None and day is not None and not (
            1 <= day <= calendar.monthrange(year, month)[1]):
        raise DateError(f"{MONTHS[month]} {year} has no day {day} ('{text}')")


DATE_HINT = ("write YYYY, YYYY-MM, YYYY-MM-DD or an ISO date-time with offset "
             "(2025-03-18T16:00+03:00)")
