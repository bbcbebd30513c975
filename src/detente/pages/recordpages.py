"""The pages of the record over time: the positions matrix on each day a stance or a status
changed (/positions/<YYYY-MM-DD>/), what changed (/changes/) and what was corrected
(/corrections/)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from detente.content.model import SiteReader
from detente.pages.asof import (
    DAYS_PATH,
    change_days,
    day_path,
    matrix_on,
    neighbours,
    shared_change_days,
)
from detente.pages.changelog import change_entries, correction_entries
from detente.pages.pagetypes import PageKey, PageView
from detente.pages.views import DateView, LinkView, ViewBuilder

CHANGES_PATH = "changes/"
CORRECTIONS_PATH = "corrections/"
CHANGES_FEED = "changes.xml"
CORRECTIONS_FEED = "corrections.xml"


def record_keys(site: SiteReader) -> list[PageKey]:
    keys = [PageKey("positions-day.html", day_path(day)) for day in change_days(site)]
    keys.append(PageKey("changes.html", CHANGES_PATH))
    keys.append(PageKey("corrections.html", CORRECTIONS_PATH))
    return keys


def day_links(b: ViewBuilder) -> tuple[tuple[DateView, str], ...]:
    """Every change day's matrix, newest first: the date picker of /positions/."""
    return tuple((b.day(day), b.url(day_path(day)))
                 for day in reversed(shared_change_days(b)))


def _day_of(key: PageKey) -> date:
    return date.fromisoformat(key.path.removeprefix(DAYS_PATH).rstrip("/"))


def _link_to(b: ViewBuilder, day: date | None, label: str) -> LinkView | None:
    return None if day is None else LinkView(label % {"date": b.day(day).text},
                                             b.url(day_path(day)), "")


def _positions_day(key: PageKey, b: ViewBuilder) -> PageView:
    day = _day_of(key)
    when = b.day(day)
    before, after = neighbours(shared_change_days(b), day)
    words = b.locale
    matrices = (matrix_on(b, b.site.by_kind["proposals"], words.gettext("Stances on proposals"),
                          day),
                matrix_on(b, b.site.by_kind["issues"], words.gettext("Stances on issues"), day))
    return PageView(key, words.gettext("Who stood where on %(date)s") % {"date": when.text},
                    words.gettext("Each party's stance on each proposal at the end of %(date)s")
                    % {"date": when.text},
                    sections={"day": when, "matrices": tuple(m for m in matrices if m),
                              "previous": _link_to(b, before,
                                                   words.gettext("Previous change: %(date)s")),
                              "next": _link_to(b, after, words.gettext("Next change: %(date)s")),
                              "latest": b.url(DAYS_PATH)})


def _changes(key: PageKey, b: ViewBuilder) -> PageView:
    entries = change_entries(b)
    return PageView(key, b.locale.gettext("What changed"),
                    b.locale.gettext("Every change of stance or status, every event and every "
                                     "correction, newest first"), citations=b.citations(),
                    sections={"entries": entries, "feed": b.url(CHANGES_FEED)})


def _corrections(key: PageKey, b: ViewBuilder) -> PageView:
    entries = correction_entries(b)
    return PageView(key, b.locale.gettext("Corrections"),
                    b.locale.gettext("Everything this site has corrected, newest first"),
                    citations=b.citations(),
                    sections={"entries": entries, "feed": b.url(CORRECTIONS_FEED)})


RECORD_PAGES: dict[str, Callable[[PageKey, ViewBuilder], PageView]] = {
    "positions-day.html": _positions_day,
    "changes.html": _changes,
    "corrections.html": _corrections,
}
