"""The explainer at a glance (issue 14), measured in Chromium as a reader sees it: the home
page answers first, no page scrolls sideways, every party colour stands out in both themes,
nothing shifts as the page loads, [n] shows its source, search finds every alias first
and reaches every result, and the timeline's chart follows its filters."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.browser.conftest import page_types
from tests.browser.harness import ServedSite, build_into, serve
from tests.helpers.sites import SITES

from detente.content import colors
from detente.content.check import check_project
from detente.content.model import Actor, Party
from detente.content.routes import entity_path

SITE_NAMES = ["example", "full"]
WIDTHS = (320, 390, 1366)

# Every layout shift the page makes, as the Layout Instability API reports it, from the
# start of the page (buffered); shifts right after input do not count (as in CLS).
RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
}).observe({type: "layout-shift", buffered: true});
"""
# After the load event (every stylesheet, script and picture is in by then; the theme fetches
# nothing later but search), the fonts and two frames: any shift the load caused has been
# reported. Waiting for network idle instead costs half a second a page and adds nothing.
SETTLED = """() => document.fonts.ready.then(() => new Promise(
  r => requestAnimationFrame(() => requestAnimationFrame(r))))"""


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    context = browser.new_context(color_scheme="light", viewport={"width": 1366, "height": 900})
    yield context
    context.close()


def _open(page: Any, site: ServedSite, template: str, path: str) -> None:
    if template == "search.html":
        path += f"?q={_query(site)}"
    page.goto(site.url(path))
    if template == "search.html":
        page.wait_for_selector(".search-hit")
    page.evaluate(SETTLED)


def _query(site: ServedSite) -> str:
    return site.site.by_kind["actors"][0].label.split()[-1]


def _top(page: Any, selector: str) -> float:
    return float(page.locator(selector).first.evaluate(
        "e => e.getBoundingClientRect().bottom + window.scrollY"))


# -- the home page answers first

@pytest.mark.parametrize(("width", "height", "screens"), [(1366, 900, 1.0), (390, 844, 1.5)])
@pytest.mark.parametrize("site_name", SITE_NAMES)
def test_the_home_page_answers_first(served: dict[str, ServedSite], browser: Any,
                                     site_name: str, width: int, height: int,
                                     screens: float) -> None:
    site = served[site_name]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(site.url())
    first = min(_top(page, ".state-item .status"), _top(page, ".state-stances li"))
    assert first <= height * screens, f"the first status or stance ends at {first}px"
    assert re.fullmatch(r"Updated (\d{1,2} )?(\w+ )?\d{4}", page.inner_text(".updated"))
    assert page.locator(".updated time").get_attribute("datetime")
    context.close()


@pytest.mark.parametrize("site_name", SITE_NAMES)
def test_every_key_fact_links_to_its_source(served: dict[str, ServedSite], context: Any,
                                            site_name: str) -> None:
    site = served[site_name]
    index = site.site.entities["index"]
    facts = getattr(index, "key_facts", ())
    assert facts, f"the {site_name} site should have key facts"
    page = context.new_page()
    page.goto(site.url())
    shown = page.locator(".key-fact")
    assert shown.count() == len(facts)
    for i, fact in enumerate(facts):
        item = shown.nth(i)
        assert item.locator("dt").inner_text() == fact.label
        assert item.locator(".key-fact-value").inner_text() == fact.value
        refs = item.locator("a.cite-ref")
        assert refs.count() == len(fact.sources)
        for j, ref in enumerate(fact.sources):
            target = refs.nth(j).get_attribute("href")
            assert target == f"#cite-{ref.id}"
            entry = page.locator(f".citations li{target}")
            source_page = site.base_path + entity_path(site.site.entities[ref.id])
            assert entry.locator(f'a[href="{source_page}"]').count() == 1


# -- no page scrolls sideways

@pytest.mark.parametrize("site_name", SITE_NAMES)
def test_no_page_type_scrolls_sideways(served: dict[str, ServedSite], browser: Any,
                                       site_name: str) -> None:
    site = served[site_name]
    wide: list[str] = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 800},
                                      color_scheme="dark")
        page = context.new_page()
        for template, path in page_types(site).items():
            _open(page, site, template, path)
            document = page.evaluate("document.documentElement.scrollWidth")
            if document > width:
                wide.append(f"{path or '/'} ({template}) at {width}px: {document}px wide")
        context.close()
    assert not wide, "\n".join(wide)


def test_matrix_headings_keep_their_words_whole(served: dict[str, ServedSite],
                                                browser: Any) -> None:
    """A column heading wraps between words, never inside one ('infrastructu/re')."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(served["example"].url("positions/"))
    broken = page.evaluate("""() => Array.from(document.querySelectorAll('.matrix thead th a'))
      .filter(a => a.scrollWidth > a.parentElement.clientWidth).map(a => a.textContent)""")
    context.close()
    assert broken == []


# -- party colours

SWATCHES = """() => {
  const root = getComputedStyle(document.documentElement);
  const backgrounds = ["--bg", "--surface", "--surface-2"]
    .map(v => root.getPropertyValue(v).trim());
  const found = [];
  for (const el of document.querySelectorAll('[class*="party-"]')) {
    const colour = getComputedStyle(el).getPropertyValue("--party").trim();
    if (colour) found.push([el.className, colour]);
  }
  return {backgrounds, found};
}"""


def _hex(css: str) -> str:
    css = css.strip().lower()
    if re.fullmatch(r"#[0-9a-f]{3}", css):
        return "#" + "".join(c * 2 for c in css[1:])
    if css.startswith("#"):
        return css
    r, g, b = (int(float(v)) for v in re.findall(r"[\d.]+", css)[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("site_name", SITE_NAMES)
def test_every_party_swatch_stands_out(served: dict[str, ServedSite], browser: Any,
                                       site_name: str, scheme: str) -> None:
    site = served[site_name]
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    low: list[str] = []
    seen = 0
    parties = [p for p in site.site.by_kind["parties"] if isinstance(p, Party) and p.color]
    paths = ["", "positions/", "parties/", "timeline/", *(entity_path(p) for p in parties)]
    for path in paths:
        page.goto(site.url(path))
        found = page.evaluate(SWATCHES)
        backgrounds = [_hex(b) for b in found["backgrounds"]]
        expected = colors.DARK_BACKGROUNDS if scheme == "dark" else colors.LIGHT_BACKGROUNDS
        assert tuple(backgrounds) == expected, "the theme and colors.py disagree"
        for where, colour in found["found"]:
            seen += 1
            worst = min(colors.contrast(_hex(colour), b) for b in backgrounds)
            if worst < colors.MIN_CONTRAST:
                low.append(f"/{path} {where}: {colour} {worst:.2f}:1")
    context.close()
    assert seen >= len(parties)
    assert not low, "\n".join(low)


def test_a_colour_too_dark_for_the_dark_theme_is_shown_lighter(
        tmp_path: Path, browser: Any) -> None:
    """A site whose party colour falls short in the dark theme: a warning at its line, and
    the dark theme shows a lighter shade that stands out (the light theme, the colour)."""
    project = tmp_path / "project"
    shutil.copytree(SITES / "full", project, ignore=shutil.ignore_patterns(".detente-cache"))
    others = project / "content/parties/others.yaml"
    others.write_text(others.read_text().replace("'#c73a57'", "'#002f6c'"))
    warnings = [d for d in check_project(project).diagnostics.sorted()]
    assert [(d.span.path, d.span.line) for d in warnings] == \
        [("content/parties/others.yaml", 13)]
    assert "'#002f6c'" in warnings[0].message and "dark theme" in warnings[0].message
    _out, _site, base_path = build_into(project, tmp_path / "root", tmp_path / "cache")
    with serve(tmp_path / "root") as origin:
        lighter = colors.shade_for("#002f6c", True)
        for scheme, expected in (("light", "#002f6c"), ("dark", lighter)):
            context = browser.new_context(color_scheme=scheme)
            page = context.new_page()
            page.goto(origin + base_path + "parties/norway/")
            found = page.evaluate(SWATCHES)
            shown = {_hex(c) for where, c in found["found"] if "party-norway" in where}
            assert shown == {expected}, scheme
            assert min(colors.contrast(expected, _hex(b)) for b in found["backgrounds"]) >= 3
            context.close()


# -- the favicon and the share pictures are there

@pytest.mark.parametrize("site_name", SITE_NAMES)
def test_no_page_asks_for_a_file_that_is_not_there(served: dict[str, ServedSite],
                                                   browser: Any, site_name: str) -> None:
    """Every page type, with what it loads itself (the favicon among it) and its share
    picture: nothing answers 404."""
    site = served[site_name]
    context = browser.new_context()
    page = context.new_page()
    missing: list[str] = []
    page.on("response", lambda r: missing.append(f"{r.status} {r.url}") if r.status >= 400
            else None)
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    for template, path in page_types(site).items():
        _open(page, site, template, path)
        picture = page.locator('meta[property="og:image"]')
        if picture.count():
            response = page.request.get(picture.get_attribute("content").replace(
                "https://example.org", site.origin))
            assert response.ok and response.headers["content-type"] == "image/png", path
    page.wait_for_load_state("networkidle")  # the favicon is asked for after the load event
    context.close()
    assert any(url.endswith("favicon.ico") or url.endswith("favicon.svg") for url in asked)
    assert not missing, "\n".join(missing)


# -- nothing shifts as a page loads

@pytest.mark.parametrize(("width", "height"), [(1366, 900), (390, 844)])
@pytest.mark.parametrize("site_name", SITE_NAMES)
def test_no_layout_shift_on_any_page_type(served: dict[str, ServedSite], browser: Any,
                                          site_name: str, width: int, height: int) -> None:
    site = served[site_name]
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_init_script(RECORD_SHIFTS)
    page = context.new_page()
    shifted: list[str] = []
    measured = 0
    for template, path in page_types(site).items():
        _open(page, site, template, path)
        cls = sum(page.evaluate("window.__shifts"))
        measured += 1
        if cls > 0.05:
            shifted.append(f"{path or '/'} ({template}): CLS {cls:.3f}")
    context.close()
    assert measured >= 10 and not shifted, "\n".join(shifted)


# -- citations

def _cited_page(site: ServedSite) -> str:
    return entity_path(max(site.site.events(), key=lambda e: len(e.quotes) + len(e.claims)))


def _popover_names(page: Any, source_title: str) -> bool:
    pop = page.locator("#cite-pop")
    return bool(pop.is_visible() and source_title in pop.inner_text())


@pytest.mark.parametrize("site_name", SITE_NAMES)
def test_a_citation_shows_its_source_on_hover_focus_and_tap(served: dict[str, ServedSite],
                                                            browser: Any,
                                                            site_name: str) -> None:
    site = served[site_name]
    path = _cited_page(site)
    desktop = browser.new_context(viewport={"width": 1366, "height": 900})
    page = desktop.new_page()
    page.goto(site.url(path))
    ref = page.locator("main a.cite-ref").first
    source = site.site.entities[ref.get_attribute("href")[len("#cite-"):]]
    title = source.label
    ref.hover()
    assert _popover_names(page, title), "hover"
    assert ref.get_attribute("aria-describedby") == "cite-pop"
    page.keyboard.press("Escape")
    assert not page.locator("#cite-pop").is_visible()
    page.mouse.move(0, 0)
    ref.focus()
    assert _popover_names(page, title), "focus"
    desktop.close()

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                has_touch=True)
    page = phone.new_page()
    page.goto(site.url(path))
    ref = page.locator("main a.cite-ref").first
    ref.tap()
    assert _popover_names(page, title), "tap"
    assert page.url == site.url(path), "the first tap shows the source, without leaving"
    box = page.locator("#cite-pop").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, "the popover fits the screen"
    phone.close()


# -- search

def _aliases(site: ServedSite) -> list[tuple[str, str]]:
    return [(alias, site.base_path + entity_path(e))
            for kind in ("parties", "actors") for e in site.site.by_kind[kind]
            if isinstance(e, Party | Actor) for alias in e.aliases]


@pytest.mark.parametrize("site_name", SITE_NAMES)
def test_search_finds_each_alias_first(served: dict[str, ServedSite], context: Any,
                                       site_name: str) -> None:
    site = served[site_name]
    aliases = _aliases(site)
    assert aliases, f"the {site_name} site should have aliases"
    page = context.new_page()
    for alias, target in aliases:
        page.goto(site.url("search/?q=" + alias))
        page.wait_for_selector(".search-hit")
        first = page.locator(".search-hit a").first.get_attribute("href")
        assert first == target, f"{alias!r}: first result {first}, not {target}"


def test_every_search_result_can_be_reached(served: dict[str, ServedSite],
                                            context: Any) -> None:
    site = served["example"]
    page = context.new_page()
    page.goto(site.url("search/?q=the"))
    page.wait_for_selector(".search-hit")
    total = int(re.match(r"(\d+) results?", page.inner_text(".search-count")).group(1))
    assert total > 20, "a query with more results than one screen shows"
    while page.locator(".search-more").count():
        page.click(".search-more")
        page.wait_for_function("n => document.querySelectorAll('.search-hit').length >= n",
                               arg=min(total, page.locator(".search-hit").count() + 1))
    hrefs = page.locator(".search-hit a").evaluate_all("as => as.map(a => a.href)")
    assert len(hrefs) == total == len(set(hrefs))
    assert f"{total} results" in page.inner_text(".search-count")


# -- the timeline's chart follows its filters

def test_the_month_chart_counts_the_filtered_events(served: dict[str, ServedSite],
                                                    context: Any) -> None:
    site = served["full"]
    page = context.new_page()
    page.goto(site.url("timeline/"))
    party = page.locator("select[name=party] option").nth(1).get_attribute("value")
    page.select_option("select[name=party]", party)
    shown = page.locator(".tl-item:visible").count()
    counted = sum(int(n) for n in page.locator(".tl-overview .tl-n").all_inner_texts())
    assert 0 < shown < len(site.site.events())
    assert counted == shown


# -- an event page on a phone: the story first

def test_an_event_page_tells_the_story_before_the_facts(served: dict[str, ServedSite],
                                                        browser: Any) -> None:
    site = served["example"]
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site.url(_cited_page(site)))
    assert _top(page, ".main-col .prose") < _top(page, ".facts-box")
    context.close()
