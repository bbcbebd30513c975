"""The print stylesheet: black on white whatever the screen's scheme, no controls, links to
other sites spelled out, and every event still on the timeline."""

from __future__ import annotations

from typing import Any

import pytest
from tests.browser.harness import ServedSite

from detente.content.model import Source
from detente.content.routes import entity_path


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_printed_pages_are_black_on_white_without_controls(served: dict[str, ServedSite],
                                                           browser: Any, scheme: str) -> None:
    site = served["example"]
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site.url("timeline/"))
    page.locator(".theme-toggle").click()  # a reader's screen choice must not reach paper
    page.emulate_media(media="print")
    colours = page.evaluate("""() => [getComputedStyle(document.body).backgroundColor,
                                      getComputedStyle(document.body).color]""")
    assert colours == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"]
    for control in (".site-nav", ".tl-filters", ".tl-overview", ".theme-toggle",
                    ".header-search"):
        assert not page.locator(control).is_visible(), f"{control} is printed"
    assert page.locator(".tl-item:visible").count() == len(site.site.events())
    assert page.locator(".print-only").is_visible(), "the page's address is printed"

    full = served["full"]
    source = next(s for s in full.site.by_kind["sources"] if isinstance(s, Source) and s.url)
    page.emulate_media(media="screen")
    page.goto(full.url(entity_path(source)))
    page.emulate_media(media="print")
    external = page.locator(f'.facts a[href="{source.url}"]')
    after = external.evaluate("a => getComputedStyle(a, '::after').content")
    assert source.url in after, "a printed link says where it goes"
    context.close()
