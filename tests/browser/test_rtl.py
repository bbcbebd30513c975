"""Right to left in real Chromium: the `full` fixture site published in Arabic (its theme
words, dates and direction; its content stays as written, Latin names inside Arabic text)
at phone and desktop widths. What reading order orders is mirrored (the timeline's line and
bars, the matrix's header column, the previous/next arrows); names keep their own direction.

(A throwaway Arabic configuration of the fixture until the content side's Arabic fixture
site exists.)"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from tests.browser.conftest import page_types
from tests.browser.harness import ServedSite, build_into, serve
from tests.browser.test_accessibility import axe_violations
from tests.helpers.sites import PROJECTS

WIDTHS = (320, 390, 1366)


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    project = tmp_path_factory.mktemp("rtl") / "site"
    shutil.copytree(PROJECTS["full"], project)
    config = project / "detente.yaml"
    text = config.read_text(encoding="utf-8")
    assert "\nlanguage: en\n" in text
    config.write_text(text.replace("\nlanguage: en\n", "\nlanguage: ar\n"), encoding="utf-8")
    root = tmp_path_factory.mktemp("rtl-out")
    out, site, base_path = build_into(project, root, tmp_path_factory.mktemp("rtl-cache"))
    with ExitStack() as stack:
        origin = stack.enter_context(serve(root))
        yield ServedSite("full-ar", project, root, out, site, origin, base_path)


def _page(browser: Any, width: int, scheme: str = "light") -> Any:
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    return context.new_page()


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_type_overflows_sideways(arabic: ServedSite, browser: Any, width: int) -> None:
    page = _page(browser, width)
    wide = []
    for template, path in page_types(arabic).items():
        page.goto(arabic.url(path))
        assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") \
            == ["ar", "rtl"]
        extra = page.evaluate("document.documentElement.scrollWidth"
                              " - document.documentElement.clientWidth")
        if extra > 0:
            wide.append(f"{template} {path}: {extra}px wider than the window")
    page.context.close()
    assert wide == []


def _box(page: Any, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return dict(box)


@pytest.mark.parametrize("width", (390, 1366))
def test_the_timeline_runs_from_the_right(arabic: ServedSite, browser: Any, width: int) -> None:
    page = _page(browser, width)
    page.goto(arabic.url("timeline/"))
    line = page.evaluate("""(() => { const s = getComputedStyle(document.querySelector('.tl-list'));
      return [s.borderRightWidth, s.borderLeftWidth]; })()""")
    assert line == ["2px", "0px"]  # the line the events hang from is on the right
    items = _box(page, ".tl-list")
    dot = page.evaluate("""(() => { const item = document.querySelector('.tl-item');
      const r = item.getBoundingClientRect(), s = getComputedStyle(item, '::before');
      return [r.right, parseFloat(s.right)]; })()""")
    assert dot[1] < 0  # the dot sits past the item's right edge, on the line
    event = _box(page, ".tl-event")
    assert event["x"] + event["width"] <= items["x"] + items["width"]
    bars = page.evaluate("[...document.querySelectorAll('.tl-overview li')]"
                         ".map(li => li.getBoundingClientRect().x)")
    assert len(bars) > 2 and bars == sorted(bars, reverse=True)  # the first month rightmost
    page.context.close()


@pytest.mark.parametrize("width", (390, 1366))
def test_the_matrix_header_column_is_on_the_right(arabic: ServedSite, browser: Any,
                                                  width: int) -> None:
    page = _page(browser, width)
    page.goto(arabic.url("positions/"))
    wrap = _box(page, ".matrix-wrap")
    corner = _box(page, ".matrix thead .corner")
    party = _box(page, ".matrix tbody th")
    columns = page.evaluate("[...document.querySelectorAll('.matrix thead th')]"
                            ".map(th => th.getBoundingClientRect().x)")
    assert abs((corner["x"] + corner["width"]) - (wrap["x"] + wrap["width"])) <= 2
    assert abs((party["x"] + party["width"]) - (wrap["x"] + wrap["width"])) <= 2
    assert columns == sorted(columns, reverse=True)
    if width == 390:  # it scrolls: the sticky party column stays put on the right
        page.evaluate("document.querySelector('.matrix-wrap').scrollLeft = -200")
        assert page.evaluate("document.querySelector('.matrix-wrap').scrollLeft") < 0
        moved = _box(page, ".matrix tbody th")
        assert abs(moved["x"] - party["x"]) <= 1
    page.context.close()


def test_previous_and_next_point_the_reading_way(arabic: ServedSite, browser: Any) -> None:
    page = _page(browser, 1366)
    path = next(p for t, p in page_types(arabic).items() if t == "event.html")
    events = [e for e in arabic.site.events()]
    middle = events[len(events) // 2]
    page.goto(arabic.url(f"events/{middle.id}/"))
    del path
    previous, following = _box(page, 'a[rel="prev"]'), _box(page, 'a[rel="next"]')
    assert previous["x"] > following["x"]  # the earlier event on the right, where reading starts
    arrows = page.evaluate("""[getComputedStyle(document.querySelector('a[rel=prev] .pn-label'),
      '::before').content, getComputedStyle(document.querySelector('a[rel=next] .pn-label'),
      '::after').content]""")
    assert arrows == ['"→ " / ""', '" ←" / ""']
    page.context.close()


def test_latin_names_and_dates_keep_their_own_direction(arabic: ServedSite, browser: Any) -> None:
    page = _page(browser, 1366)
    page.goto(arabic.url("events/"))
    directions = page.evaluate("""(() => {
      const link = [...document.querySelectorAll('a.ref[dir=auto]')]
        .find(a => /^[A-Za-z]/.test(a.textContent));
      const time = document.querySelector('time');
      return [getComputedStyle(link).direction, getComputedStyle(link).unicodeBidi,
              getComputedStyle(time).direction, time.textContent];
    })()""")
    assert directions[:2] == ["ltr", "isolate"]  # a Latin name reads left to right, isolated
    assert directions[2] == "rtl" and any(c.isdigit() for c in directions[3])
    assert "مارس" in page.content() or "فبراير" in page.content()  # Arabic month names
    page.context.close()


# Dark at desktop width: test_languages checks the Arabic fixture's pages there already.
@pytest.mark.parametrize(("scheme", "width"), [("light", 1366), ("dark", 390)])
def test_no_axe_violations_right_to_left(arabic: ServedSite, browser: Any, scheme: str,
                                         width: int) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    problems = axe_violations(context, arabic, scheme)
    context.close()
    assert not problems, "\n".join(problems)


def test_screenshots_for_review(arabic: ServedSite, browser: Any, tmp_path: Path) -> None:
    """Not an assertion of looks: proof the pages render (non-blank) at phone width."""
    page = _page(browser, 390)
    for path in ("", "timeline/", "positions/"):
        page.goto(arabic.url(path))
        shot = page.screenshot(full_page=False)
        assert len(shot) > 5000
    page.context.close()


def test_the_script_writes_in_the_page_language(arabic: ServedSite, browser: Any) -> None:
    page = _page(browser, 1366)
    page.goto(arabic.url("timeline/"))
    status = page.locator(".tl-count")
    assert status.text_content() == "تُعرض الأحداث الـ12 كلها."
    page.select_option(".tl-filters select[name=party]", index=1)
    shown = page.locator(".tl-item:not([hidden])").count()
    assert 0 < shown < 12
    assert status.text_content().startswith(f"يُعرض {shown} من 12 ")
    bar = page.locator(".tl-overview a[data-key] .vh").first.text_content()
    assert ": " in bar and "Showing" not in bar and " event" not in bar
    page.context.close()
