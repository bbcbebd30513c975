"""The page-weight budget: our CSS at most 40 KB and our JavaScript at most 20 KB, shipped
with the site (Pagefind's own files are not counted); and no page asks for anything from
another origin."""

from __future__ import annotations

import re
from typing import Any

import pytest
from tests.browser.conftest import page_types
from tests.browser.harness import ServedSite

CSS_BUDGET = 40 * 1024
JS_BUDGET = 20 * 1024
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>(.*?)</script>", re.S)


@pytest.mark.parametrize("site_name", ["example", "full"])
def test_css_and_javascript_fit_the_budget(served: dict[str, ServedSite], site_name: str) -> None:
    site = served[site_name]
    assets = site.out / "assets"
    css = sum(p.stat().st_size for p in assets.rglob("*.css"))
    js = sum(p.stat().st_size for p in assets.rglob("*.js"))
    # Scripts written into the page count too (the theme's one-line early theme switch).
    inline = max(sum(len(m.encode()) for m in INLINE_SCRIPT.findall(p.read_text("utf-8")))
                 for p in site.out.rglob("*.html"))
    assert 0 < css <= CSS_BUDGET, f"CSS is {css} bytes"
    assert 0 < js + inline <= JS_BUDGET, f"JavaScript is {js} + {inline} inline bytes"


@pytest.mark.parametrize("site_name", ["example", "full"])
def test_pages_fetch_nothing_from_other_origins(served: dict[str, ServedSite], browser: Any,
                                                site_name: str) -> None:
    site = served[site_name]
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for template, path in page_types(site).items():
        page.goto(site.url(path + ("?q=a" if template == "search.html" else "")))
        if template == "search.html":  # Pagefind's files come after the load event
            page.wait_for_load_state("networkidle")
        else:  # everything else the theme asks for is in by the load event, but fonts
            page.evaluate("document.fonts.ready.then(() => true)")
    context.close()
    assert requested
    foreign = [u for u in requested if not u.startswith(site.origin + "/") and
               not u.startswith("data:")]
    assert not foreign, foreign
