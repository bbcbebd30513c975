"""With JavaScript turned off every page type shows all of its content: every event on the
timelines, every account and claim on an event, every stance in the matrix. Controls that
need the script (filters, theme toggle, search box) stay out of the way."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from tests.browser.conftest import page_types
from tests.browser.harness import ServedSite

from detente.content.model import Event, Timeline
from detente.content.routes import entity_path
from detente.pages.views import display_name

SITE_NAMES = ["example", "full"]

# Elements in <main> that the stylesheet hides although they are not [hidden]: none may be.
HIDDEN_BY_CSS = """() => Array.from(document.querySelectorAll("main *"))
  .filter(el => !el.closest("[hidden]") && !el.closest("svg") && !el.closest(".vh"))
  .filter(el => { const s = getComputedStyle(el);
                  return s.display === "none" || s.visibility === "hidden"; })
  .map(el => el.tagName.toLowerCase() + "." + el.className)"""
HIDDEN_ATTR = """() => Array.from(document.querySelectorAll("main [hidden]"))
  .map(el => el.tagName.toLowerCase() + "." + el.className)"""
# shown by the script (the "all languages" search needs Pagefind); nothing else may wait
ENHANCEMENTS = {"form.tl-filters", "form.asof-form", "div.search-all"}


@pytest.fixture(scope="module")
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("site_name", SITE_NAMES)
def test_every_page_type_shows_everything_without_javascript(
        served: dict[str, ServedSite], page: Any, site_name: str) -> None:
    site = served[site_name]
    for template, path in page_types(site).items():
        page.goto(site.url(path))
        assert page.locator(".theme-toggle[hidden]").count() == 1, "the script did not run"
        assert page.locator("main h1").first.is_visible(), f"{path}: no visible heading"
        assert page.evaluate(HIDDEN_BY_CSS) == [], f"{path} ({template}) hides content"
        waiting = set(page.evaluate(HIDDEN_ATTR)) - ENHANCEMENTS
        assert not waiting, f"{path} ({template}) keeps {waiting} hidden for the script"
        for control in (".theme-toggle", ".header-search", ".search-link"):
            assert not page.locator(control).is_visible(), f"{path}: {control} without JS"


@pytest.mark.parametrize("site_name", SITE_NAMES)
def test_the_timeline_lists_every_event(served: dict[str, ServedSite], page: Any,
                                        site_name: str) -> None:
    site = served[site_name]
    events = site.site.events()
    page.goto(site.url("timeline/"))
    items = page.locator(".tl-item")
    assert items.count() == len(events)
    shown = [items.nth(i).locator(".event-title").inner_text() for i in range(items.count())]
    assert shown == [e.title for e in events], "every event, oldest first"
    for i in range(items.count()):
        assert items.nth(i).is_visible()
    assert not page.locator(".tl-filters").is_visible()
    for event in events:
        date = page.locator(f'.tl-item:has(a[href$="/{entity_path(event)}"]) time').first
        expected = event.date.display(event.approximate)
        assert date.inner_text() == expected, f"{event.id}: date as precise as written"


@pytest.mark.parametrize("site_name", SITE_NAMES)
def test_timeline_pages_list_their_events(served: dict[str, ServedSite], page: Any,
                                          site_name: str) -> None:
    site = served[site_name]
    for timeline in site.site.by_kind["timelines"]:
        assert isinstance(timeline, Timeline)
        page.goto(site.url(entity_path(timeline)))
        titles = page.locator(".tl-item .event-title").all_inner_texts()
        expected = [site.site.entities[r.id].label for r in timeline.events]
        assert titles == expected


def _richest_event(site: ServedSite) -> Event:
    events = [e for e in site.site.events() if isinstance(e, Event)]
    return max(events, key=lambda e: (len(e.accounts), len(e.claims), len(e.quotes)))


@pytest.mark.parametrize("site_name", SITE_NAMES)
def test_an_event_shows_every_account_claim_and_quote(served: dict[str, ServedSite], page: Any,
                                                      site_name: str) -> None:
    site = served[site_name]
    event = _richest_event(site)
    assert event.accounts and event.claims, "the fixture should have accounts and claims"
    page.goto(site.url(entity_path(event)))
    # One card per side: a party's own account first, then its people's, each sourced.
    cards = page.locator(".account-grid > .account")
    sides = {card.locator(".account-h").inner_text(): card for card in cards.all()}
    for account in event.accounts:
        speaker = site.site.entities[account.by.id]
        party = next((r.party.id for r in getattr(speaker, "roles", ()) if r.party), "")
        side = display_name(site.site.entities[party] if party else speaker)
        assert side in sides, f"{speaker.id}: no card for {side}"
        card = sides[side]
        assert card.is_visible()
        if speaker.id == (party or speaker.id):
            assert card.locator(":scope > .source-line .sources").is_visible()
        else:
            person = card.locator(".account-person", has_text=display_name(speaker))
            assert person.locator(".sources").is_visible(), "every account shows its source"
    claims = page.locator(".claims .claim")
    assert claims.count() == len(event.claims)
    for i, claim in enumerate(event.claims):
        card = claims.nth(i)
        assert card.locator(".claim-text").inner_text() == claim.text
        disputers = card.locator("dd").nth(1).inner_text()
        for ref in claim.disputed_by:
            entity = site.site.entities[ref.id]
            assert (getattr(entity, "short_name", "") or entity.label) in disputers
        assert card.locator(".sources a").first.is_visible()
    assert page.locator(".quotes .quote").count() == len(event.quotes)


@pytest.mark.parametrize("site_name", SITE_NAMES)
def test_the_matrix_shows_every_party_stance(served: dict[str, ServedSite], page: Any,
                                             site_name: str) -> None:
    site = served[site_name]
    parties = {p.id for p in site.site.by_kind["parties"]}
    columns = {e.id for kind in ("proposals", "issues") for e in site.site.by_kind[kind]}
    histories = [k for k in site.site.histories if k[0] in parties and k[1] in columns]
    page.goto(site.url("positions/"))
    cells = page.locator("a.cell")
    assert cells.count() == len(histories)
    for i in range(cells.count()):
        cell = cells.nth(i)
        assert cell.is_visible()
        assert cell.locator("svg.glyph").count() == 1, "a shape for the stance"
        assert cell.locator(".stance-label").inner_text() in (
            "proposes", "supports", "conditional", "ambiguous", "opposes", "rejects")
    assert page.locator(".legend > div").count() == 6


@pytest.mark.parametrize("site_name", SITE_NAMES)
def test_matrix_cells_lead_to_a_dated_sourced_history(served: dict[str, ServedSite], page: Any,
                                                      site_name: str) -> None:
    site = served[site_name]
    page.goto(site.url("positions/"))
    hrefs = page.locator("a.cell").evaluate_all("cells => cells.map(c => c.href)")
    assert hrefs
    for href in hrefs[:12]:
        page.goto(href)
        anchor = href.split("#", 1)[1]
        history = page.locator(f"#{anchor}")
        assert history.is_visible()
        steps = history.locator(".step")
        assert steps.count() >= 1
        for i in range(steps.count()):
            assert steps.nth(i).locator("time").count() >= 1
            assert steps.nth(i).locator(".sources a").count() >= 1


def test_the_system_dark_scheme_applies_without_javascript(served: dict[str, ServedSite],
                                                           browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False, color_scheme="dark")
    page = context.new_page()
    page.goto(served["example"].url())
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    context.close()
    assert background == "rgb(19, 20, 22)"


@pytest.mark.parametrize("site_name", SITE_NAMES)
def test_every_day_of_the_matrix_is_a_link_away(served: dict[str, ServedSite], page: Any,
                                                site_name: str) -> None:
    """The date picker without the script: a list of links, each to its day's matrix,
    whose previous and next links walk through every day."""
    site = served[site_name]
    page.goto(site.url("positions/"))
    days = page.locator("ol.asof-days a")
    assert days.count() >= 2 and days.first.is_visible()
    assert not page.locator("form.asof-form").is_visible()
    hrefs = days.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    days.last.click()  # the oldest day
    seen = []
    while True:
        page.wait_for_load_state()
        seen.append(page.evaluate("location.pathname"))
        assert page.locator("table.matrix").count() >= 1
        following = page.locator("nav.day-nav a[rel=next]")
        if not following.count():
            break
        following.click()
    assert seen == list(reversed(hrefs))
