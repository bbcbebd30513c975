"""Translated pages in Chromium: the example site's Ukrainian pages and the Arabic
(right-to-left) fixture's, one page of each type. axe-core finds no violations in light or
dark; no page scrolls sideways at 320 px; the Nu checker finds no errors in the Arabic
fixture (the example's Ukrainian pages are in test_html_validity's run); search finds
pages in the reader's language, and with "all languages" every language's, each result
marked with its own."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from tests.browser.conftest import needs_node_module, page_types
from tests.browser.harness import ServedSite, build_into, serve
from tests.browser.test_accessibility import RUN_AXE
from tests.helpers.sites import PROJECTS

SETTLED = "() => document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(r)))"


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    root = tmp_path_factory.mktemp("arabic")
    out, site, base_path = build_into(PROJECTS["arabic"], root,
                                      tmp_path_factory.mktemp("arabic-cache"))
    with serve(root) as origin:
        yield ServedSite("arabic", PROJECTS["arabic"], root, out, site, origin, base_path)


def _translated(site: ServedSite, lang: str) -> dict[str, str]:
    """One page per template in `lang` (its pages have the default language's paths)."""
    return {template: f"{lang}/{path}" for template, path in page_types(site).items()}


def _query(site: ServedSite, lang: str) -> str:
    actor = site.site.translated[lang].by_kind["actors"][0]
    return actor.label.split()[-1]


def _open(page: Any, site: ServedSite, lang: str, template: str, path: str) -> None:
    if template == "search.html":
        path += f"?q={_query(site, lang)}"
    page.goto(site.url(path))  # the load event: nothing but search fetches after it
    if template == "search.html":
        page.wait_for_selector(".search-hit")
    page.evaluate(SETTLED)


def _cases(served: dict[str, ServedSite], arabic: ServedSite) -> list[tuple[ServedSite, str]]:
    return [(served["example"], "uk"), (arabic, "ar")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_translated_pages(served: dict[str, ServedSite],
                                               arabic: ServedSite, browser: Any,
                                               scheme: str) -> None:
    problems: list[str] = []
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    for site, lang in _cases(served, arabic):
        axe = site.root / "axe.min.js"
        if not axe.exists():
            shutil.copyfile(needs_node_module("axe-core") / "axe.min.js", axe)
        for template, path in _translated(site, lang).items():
            _open(page, site, lang, template, path)
            page.add_script_tag(url=site.origin + "/axe.min.js")
            for v in page.evaluate(RUN_AXE):
                nodes = "\n      ".join(v["nodes"])
                problems.append(f"{site.name} {path} ({template}, {scheme}): {v['id']} "
                                f"[{v['impact']}] {v['help']}\n      {nodes}")
    context.close()
    assert not problems, "\n".join(problems)


def test_no_translated_page_scrolls_sideways(served: dict[str, ServedSite], arabic: ServedSite,
                                            browser: Any) -> None:
    wide: list[str] = []
    for width in (320, 1366):
        context = browser.new_context(viewport={"width": width, "height": 800},
                                      color_scheme="dark")
        page = context.new_page()
        for site, lang in _cases(served, arabic):
            for template, path in _translated(site, lang).items():
                _open(page, site, lang, template, path)
                document = page.evaluate("document.documentElement.scrollWidth")
                if document > width:
                    wide.append(f"{site.name} {path} ({template}) at {width}px: "
                                f"{document}px wide")
        context.close()
    assert not wide, "\n".join(wide)


def test_right_to_left_pages_read_right_to_left(arabic: ServedSite, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(arabic.url("ar/events/first-talks/"))
    direction = page.evaluate("getComputedStyle(document.body).direction")
    title = page.locator("h1").bounding_box()
    main = page.locator("main").bounding_box()
    context.close()
    assert direction == "rtl"
    assert title is not None and main is not None
    # The title starts at the right: it ends at main's right edge, not its left.
    assert abs((title["x"] + title["width"]) - (main["x"] + main["width"])) < 40


def test_search_finds_pages_in_the_readers_language(served: dict[str, ServedSite],
                                                    arabic: ServedSite, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    for site, lang in _cases(served, arabic):
        _open(page, site, lang, "search.html", f"{lang}/search/")
        hits = page.eval_on_selector_all(".search-hit a", "els => els.map(e => e.pathname)")
        assert hits, f"{site.name} {lang}: no results"
        assert all(h.startswith(f"{site.base_path}{lang}/") for h in hits), hits
        # ...and each is a page of the built site (Pagefind's addresses are the site's own).
        missing = [h for h in hits if not (site.out / h.removeprefix(site.base_path) /
                                           "index.html").is_file()]
        assert missing == [], missing
    context.close()


def test_the_arabic_fixture_is_valid_html(arabic: ServedSite) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is not installed (bash .ci/run installs default-jre-headless)")
    jar = needs_node_module("vnu-jar") / "build" / "dist" / "vnu.jar"
    pages = sorted(arabic.out.rglob("*.html"))
    assert len(pages) > 60
    done = subprocess.run([java, "-jar", str(jar), "--errors-only", "--format", "json",
                           *map(str, pages)], capture_output=True, text=True, timeout=900,
                          check=False)
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m.get('message')}"
              for m in messages if m.get("type") != "info"]
    assert not errors, "\n".join(errors)


def _hits(page: Any, site: ServedSite, path: str) -> list[tuple[str, str]]:
    """(pathname, lang) of every result the search page at `path` shows."""
    page.goto(site.url(path))
    page.wait_for_selector(".search-count")
    page.wait_for_function("!document.querySelector('#search-results[aria-busy]')")
    return [tuple(hit) for hit in page.eval_on_selector_all(
        ".search-hit", "els => els.map(e => [e.querySelector('a').pathname, e.lang])")]


def test_search_all_languages_finds_every_languages_pages(served: dict[str, ServedSite],
                                                          browser: Any) -> None:
    site = served["example"]
    axe = site.root / "axe.min.js"
    if not axe.exists():
        shutil.copyfile(needs_node_module("axe-core") / "axe.min.js", axe)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    ukrainian = _query(site, "uk")  # a Ukrainian word, not on any English page
    assert _hits(page, site, f"search/?q={ukrainian}") == []
    found = _hits(page, site, f"search/?q={ukrainian}&all=1")
    assert page.is_checked("#search-all")
    assert found and all(path.startswith(f"{site.base_path}uk/") and lang == "uk"
                         for path, lang in found), found
    # A date is in both languages' pages: results from each, each marked with its language.
    both = _hits(page, site, "search/?q=2025&all=1")
    names = page.eval_on_selector_all("[lang=uk] .search-hit-lang",
                                      "els => els.map(e => e.textContent)")
    page.add_script_tag(url=site.origin + "/axe.min.js")
    violations = page.evaluate(RUN_AXE)
    context.close()
    langs = {lang for _, lang in both}
    assert langs == {"en", "uk"}, both
    assert all(path.startswith(f"{site.base_path}uk/") == (lang == "uk") for path, lang in both)
    assert names and set(names) == {"Українська"}, names
    assert violations == [], violations
