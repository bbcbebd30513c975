"""What the theme's JavaScript adds: timeline filters, a theme toggle that is remembered,
and search on Pagefind's index."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from tests.browser.harness import ServedSite

from detente.content.model import Event
from detente.content.routes import entity_path

SITE_NAMES = ["example", "full"]

# Records the theme as <main> is parsed: if it is already the saved one, nothing flashes.
THEME_AT_FIRST_CONTENT = """
window.__themeAtMain = undefined;
new MutationObserver((_, observer) => {
  if (document.querySelector("main")) {
    window.__themeAtMain = document.documentElement.dataset.theme || "";
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    context = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": 900})
    yield context
    context.close()


def visible_events(page: Any) -> list[str]:
    return page.locator(".tl-item:visible .event-title a").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)")


def paths(site: ServedSite, events: list[Event]) -> list[str]:
    return [site.base_path + entity_path(e) for e in events]


@pytest.mark.parametrize("site_name", SITE_NAMES)
def test_timeline_filters_by_party_issue_and_kind(served: dict[str, ServedSite], context: Any,
                                                  site_name: str) -> None:
    site = served[site_name]
    events = [e for e in site.site.events() if isinstance(e, Event)]
    page = context.new_page()
    page.goto(site.url("timeline/"))
    assert page.locator(".tl-filters").is_visible()
    assert visible_events(page) == paths(site, events)

    # A party in some events but not all, so the filter visibly removes some.
    counts = {p.id: sum(p.id in {r.id for r in e.parties} for e in events)
              for p in site.site.by_kind["parties"]}
    party = next(pid for pid, n in sorted(counts.items()) if 0 < n < len(events))
    page.select_option("select[name=party]", party)
    expected = [e for e in events if party in {r.id for r in e.parties}]
    assert visible_events(page) == paths(site, expected)
    assert f"Showing {len(expected)} of {len(events)}" in page.inner_text(".tl-count")
    for month in page.locator(".tl-month").all():
        assert month.is_visible() == (month.locator(".tl-item:not([hidden])").count() > 0)
    assert f"party={party}" in page.url

    page.reload()  # the filter is in the address, so a reload or a shared link keeps it
    assert page.input_value("select[name=party]") == party
    assert visible_events(page) == paths(site, expected)

    page.select_option("select[name=party]", "")
    issue = next(r.id for e in events for r in e.issues
                 if sum(r.id in {i.id for i in x.issues} for x in events) < len(events))
    page.select_option("select[name=issue]", issue)
    assert visible_events(page) == paths(site, [e for e in events
                                                if issue in {r.id for r in e.issues}])

    page.click(".tl-reset")
    page.wait_for_function("document.querySelectorAll('.tl-item[hidden]').length === 0")
    kind = events[0].event_kind
    page.select_option("select[name=kind]", kind)
    assert visible_events(page) == paths(site, [e for e in events if e.event_kind == kind])
    page.select_option("select[name=party]", party)
    both = [e for e in events if e.event_kind == kind and party in {r.id for r in e.parties}]
    assert visible_events(page) == paths(site, both), "filters combine"


def background_is_dark(page: Any) -> bool:
    rgb = page.evaluate("""() => getComputedStyle(document.body).backgroundColor
                                   .match(/\\d+/g).slice(0, 3).map(Number)""")
    return sum(rgb) / 3 < 80


def test_theme_toggle_is_remembered_across_pages_and_reloads(served: dict[str, ServedSite],
                                                              context: Any) -> None:
    site = served["example"]
    context.add_init_script(THEME_AT_FIRST_CONTENT)
    page = context.new_page()
    page.goto(site.url())
    toggle = page.locator(".theme-toggle")
    assert toggle.is_visible()
    assert toggle.get_attribute("aria-pressed") == "false"
    assert not background_is_dark(page), "the system scheme (light) by default"

    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert background_is_dark(page)

    page.reload()
    assert page.evaluate("window.__themeAtMain") == "dark", "applied before the content"
    assert background_is_dark(page)
    assert page.locator(".theme-toggle").get_attribute("aria-pressed") == "true"

    page.goto(site.url("timeline/"))
    assert page.evaluate("window.__themeAtMain") == "dark"
    assert background_is_dark(page)

    page.locator(".theme-toggle").click()
    page.reload()
    assert page.evaluate("window.__themeAtMain") == "light"
    assert not background_is_dark(page)


def test_the_toggle_starts_from_a_dark_system_scheme(served: dict[str, ServedSite],
                                                     browser: Any) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(served["example"].url())
    assert background_is_dark(page)
    assert page.locator(".theme-toggle").get_attribute("aria-pressed") == "true"
    page.locator(".theme-toggle").click()
    assert not background_is_dark(page), "a reader can pick light over a dark system"
    context.close()


@pytest.mark.parametrize("site_name", SITE_NAMES)
def test_search_finds_an_actor_by_name(served: dict[str, ServedSite], context: Any,
                                       site_name: str) -> None:
    site = served[site_name]
    assert (site.out / "pagefind" / "pagefind.js").is_file(), "the build indexes the site"
    actor = site.site.by_kind["actors"][0]
    target = site.base_path + entity_path(actor)
    page = context.new_page()
    page.goto(site.url("search/"))
    page.fill("#search-query", actor.label)
    hit = page.locator(f'.search-hit a[href="{target}"]')
    hit.wait_for(timeout=15_000)
    group = page.locator(".search-group", has=hit)
    assert group.locator(".search-group-h").inner_text() == "People", "grouped by kind"
    assert "?q=" in page.url
    hit.click()
    page.wait_for_url(site.origin + target)
    assert page.locator("h1").first.inner_text() == actor.label


def test_the_header_box_searches_from_any_page(served: dict[str, ServedSite],
                                               context: Any) -> None:
    site = served["example"]
    actor = site.site.by_kind["actors"][-1]
    page = context.new_page()
    page.goto(site.url("timeline/"))
    box = page.locator(".header-search input")
    assert box.is_visible()
    box.fill(actor.label)
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    page.locator(f'.search-hit a[href="{site.base_path + entity_path(actor)}"]').wait_for(
        timeout=15_000)
    assert page.input_value("#search-query") == actor.label


@pytest.mark.parametrize("site_name", SITE_NAMES)
def test_the_date_picker_is_a_select_that_goes_to_the_day(served: dict[str, ServedSite],
                                                          context: Any, site_name: str) -> None:
    site = served[site_name]
    page = context.new_page()
    page.goto(site.url("positions/"))
    picker = page.locator("form.asof-form")
    assert picker.is_visible() and not page.locator("ol.asof-days").is_visible()
    options = page.locator("#asof-day option")
    values = options.evaluate_all("options => options.map(o => o.value)")
    assert len(values) >= 2
    page.get_by_label("Show the matrix on").select_option(values[-1])  # the oldest day
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(site.origin + values[-1])
    assert page.locator("h1").inner_text().startswith("Who stood where on ")
    page.close()
