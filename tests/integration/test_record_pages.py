"""The record over time: the positions matrix on each day a stance or status changed (each
page equal to a matrix worked out by hand from the example's content), previous and next
days, a proposal's status on those days, /changes/ and /corrections/ newest first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.helpers.html import Element, parse
from tests.helpers.sites import REPO, SITES

from detente.content.check import check_project
from detente.pages.page import page_keys

# (row party, column) → (stance, stated that day), for each day of the example site.
ON_18_MARCH = {
    ("Russia", "30-day pause on strikes on energy infrastructure"): ("supports", True),
    ("United States", "30-day pause on strikes on energy infrastructure"): ("supports", True),
    ("Ukraine", "30-day pause on strikes on energy infrastructure"): ("supports", True),
    ("Russia", "Complete cessation of foreign military aid and intelligence support to "
               "Ukraine"): ("proposes", True),
    ("United States", "Sparing the lives of Ukrainian soldiers trapped in the Kursk region"):
        ("proposes", True),
    ("Russia", "Sparing the lives of Ukrainian soldiers trapped in the Kursk region"):
        ("conditional", True),
    ("United States", "Technical negotiations on a maritime ceasefire in the Black Sea"):
        ("supports", True),
    ("Russia", "Technical negotiations on a maritime ceasefire in the Black Sea"):
        ("supports", True),
    ("United States", "Immediate full 30-day ceasefire"): ("proposes", True),
    ("Ukraine", "Immediate full 30-day ceasefire"): ("supports", True),
    ("Russia", "Immediate full 30-day ceasefire"): ("rejects", True),
    ("Russia", "A full ceasefire"): ("conditional", True),
    ("United States", "A lasting peace"): ("supports", True),
    ("Russia", "A lasting peace"): ("conditional", True),
    ("Russia", "Root causes of the crisis and Russia's security interests"): ("supports", True),
    ("Russia", "Control over a ceasefire"): ("supports", True),
    ("Ukraine", "Ukraine's place in the negotiations"): ("supports", True),
}
ON_20_MARCH = {
    **{cell: (stance, False) for cell, (stance, _) in ON_18_MARCH.items()},
    ("Germany", "Complete cessation of foreign military aid and intelligence support to "
                "Ukraine"): ("rejects", True),
}
# Each proposal column's status at the end of the day, and whether it changed that day.
STATUS_18 = {"30-day pause on strikes on energy infrastructure": ("agreed", True),
             "Complete cessation of foreign military aid and intelligence support to Ukraine":
                 ("proposed", True),
             "Sparing the lives of Ukrainian soldiers trapped in the Kursk region":
                 ("proposed", True),
             "Technical negotiations on a maritime ceasefire in the Black Sea": ("agreed", True),
             "Immediate full 30-day ceasefire": ("rejected", True)}
STATUS_20 = {column: (status, False) for column, (status, _) in STATUS_18.items()}


@pytest.fixture(scope="module")
def example(built_site: Callable[..., Path]) -> Path:
    return built_site("example", "--no-search")


def page(site: Path, path: str) -> Element:
    return parse((site / path / "index.html").read_text("utf-8")).root


def matrix_cells(root: Element) -> dict[tuple[str, str], tuple[str, bool]]:
    cells = {}
    for table in root.find_all("table", "matrix"):
        columns = [th.find("a").text() for th in table.find("thead").find_all("th")[1:]]
        for row in table.find("tbody").find_all("tr"):
            party = row.find("th").text()
            for column, cell in zip(columns, row.find_all("td"), strict=True):
                link = cell.find_all("a", "cell")
                if link:
                    stance = next(c for c in link[0].classes if c.startswith("st-"))[3:]
                    cells[(party, column)] = (stance, "changed" in cell.classes)
    return cells


def column_statuses(root: Element) -> dict[str, tuple[str, bool]]:
    found = {}
    for th in root.find("table", "matrix").find("thead").find_all("th")[1:]:
        status = th.find("span", "cell-status").text()
        found[th.find("a").text()] = (status, bool(th.find_all("span", "changed-mark")))
    return found


def test_a_page_for_every_day_a_stance_or_status_changed() -> None:
    site = check_project(REPO).site
    assert site is not None
    days = [k.path for k in page_keys(site) if k.template == "positions-day.html"]
    assert days == ["positions/2025-03-18/", "positions/2025-03-20/"]


@pytest.mark.parametrize(("day", "cells", "statuses"), [
    ("2025-03-18", ON_18_MARCH, STATUS_18), ("2025-03-20", ON_20_MARCH, STATUS_20)])
def test_each_day_is_the_matrix_worked_out_by_hand(example: Path, day: str,
                                                   cells: dict[tuple[str, str],
                                                               tuple[str, bool]],
                                                   statuses: dict[str, tuple[str, bool]],
                                                   ) -> None:
    root = page(example, f"positions/{day}")
    assert matrix_cells(root) == cells
    assert column_statuses(root) == statuses


def test_previous_and_next_days_and_the_way_back(example: Path) -> None:
    nav = page(example, "positions/2025-03-18").find("nav", "day-nav")
    assert [(a.attrs.get("rel", ""), a.attrs["href"]) for a in nav.find_all("a")] == [
        ("", "/explainer/positions/"), ("next", "/explainer/positions/2025-03-20/")]
    nav = page(example, "positions/2025-03-20").find("nav", "day-nav")
    assert [(a.attrs.get("rel", ""), a.attrs["href"]) for a in nav.find_all("a")] == [
        ("prev", "/explainer/positions/2025-03-18/"), ("", "/explainer/positions/")]


def test_the_positions_page_lists_every_day_newest_first(example: Path) -> None:
    root = page(example, "positions")
    links = [a.attrs["href"] for a in root.find("ol", "asof-days").find_all("a")]
    options = [o.attrs["value"] for o in root.find("form", "asof-form").find_all("option")]
    assert links == options == ["/explainer/positions/2025-03-20/",
                                "/explainer/positions/2025-03-18/"]
    assert "hidden" in root.find("form", "asof-form").attrs  # shown by the script


def test_a_proposal_shows_its_status_on_each_day_of_change(example: Path) -> None:
    root = page(example, "proposals/energy-strike-pause")
    rows = root.find("table", "days-table").find("tbody").find_all("tr")
    assert [(r.find("a").attrs["href"], r.find_all("td")[1].text()) for r in rows] == [
        ("/explainer/positions/2025-03-18/", "agreed")]


def test_changes_newest_first_each_linking_to_its_page(example: Path) -> None:
    entries = page(example, "changes").find("ol", "log").find_all("li", "log-entry")
    dates = [e.find("time").attrs["datetime"] for e in entries]
    assert dates == sorted(dates, reverse=True)
    kinds = [next(c for c in e.classes if c.startswith("log-") and c != "log-entry")
             for e in entries]
    site = check_project(REPO).site
    assert site is not None
    assert kinds.count("log-event") == len(site.events())
    assert kinds.count("log-stance") == len(site.positions)
    assert kinds.count("log-status") == sum(len(p.status) for p in site.by_kind["proposals"]
                                            if hasattr(p, "status"))
    for entry in entries:
        href = entry.find("p", "log-what").find("a").attrs["href"]
        assert (example / href.removeprefix("/explainer/").split("#")[0] / "index.html").is_file()
    # the same day: a status entered later is listed first
    pause = [e.find("p", "log-what").text() for e in entries
             if "log-status" in e.classes and "30-day pause" in e.text()]
    assert pause == ["30-day pause on strikes on energy infrastructure: proposed →then agreed "
                     "· the matrix that day",
                     "30-day pause on strikes on energy infrastructure: proposed · the matrix "
                     "that day"]


@pytest.fixture(scope="module")
def full(built_site: Callable[..., Path]) -> Path:
    return built_site("full", "--no-search")


def test_corrections_on_their_page_and_on_the_corrections_page(full: Path) -> None:
    site = check_project(SITES / "full").site
    assert site is not None
    written = sorted((c.date.iso(), e.id) for e in site.entities.values()
                     for c in e.corrections)
    entries = page(full, "corrections").find("ol", "log").find_all("li", "log-entry")
    shown = [e.find("time").attrs["datetime"] for e in entries]
    assert shown == sorted((d for d, _ in written), reverse=True)
    box = page(full, "parties/aldmark").find("aside", "corrections-box")
    assert [li.find("time").text() for li in box.find_all("li", "correction")] == [
        "5 March 2024", "4 March 2024"]
    assert "the wrong shore" in box.text()
    # a stance's correction shows with the stance, and links there from /corrections/
    card = page(full, "proposals/strait-framework").find(
        "section", where=lambda e: e.id == "stances-aldmark-strait-framework")
    assert "The quote is Jon Aldo's" in card.find("ul", "correction-list").text()
    link = next(e for e in entries if "Jon Aldo's" in e.text()).find("p", "log-what").find("a")
    assert link.attrs["href"].endswith("/proposals/strait-framework/"
                                       "#stances-aldmark-strait-framework")


def test_the_examples_one_correction_is_of_its_own_real_error(example: Path) -> None:
    """The example showed a claim as disputed that the article does not report disputed."""
    entries = page(example, "corrections").find("ol", "log").find_all("li", "log-entry")
    assert len(entries) == 1
    assert entries[0].find("p", "log-what").find("a").attrs["href"] == \
        "/explainer/events/2025-03-18-trump-putin-call/"
    call = page(example, "events/2025-03-18-trump-putin-call")
    assert "reports no one disputing that claim" in call.find("aside", "corrections-box").text()
    claim = next(c for c in call.find_all("div", "claim")
                 if "ready to work towards a peaceful resolution" in c.text())
    assert "is-disputed" not in claim.classes


def test_a_site_without_corrections_says_so(built_site: Callable[..., Path]) -> None:
    minimal = built_site("minimal", "--no-search")
    assert "Nothing on this site has needed a correction." in page(minimal, "corrections").text()
