"""Markdown in a built page: the numbered citations it lists at its end, headings, code and
raw HTML (the rules case by case: tests/unit/content/test_markdown.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.helpers.html import parse

pytestmark = pytest.mark.fast


@pytest.fixture(scope="module")
def notes(built_site: Callable[..., Path]) -> Any:
    out = built_site("links")
    return parse((out / "notes" / "index.html").read_text("utf-8"))


def test_page_lists_its_citations_at_the_end_in_order(notes: Any) -> None:
    main = notes.main
    markers = [(a.text(), a.attrs["href"]) for a in main.find_all("a")
               if a.parent is not None and "citation" in a.parent.classes]
    assert markers == [("[1]", "#cite-southland-statement"), ("[1]", "#cite-southland-statement"),
                       ("[2]", "#cite-daily-report"), ("[2]", "#cite-daily-report")]
    listed = [li for li in main.find_all("li") if li.id.startswith("cite-")]
    assert [li.id for li in listed] == ["cite-southland-statement", "cite-daily-report"]
    assert listed[0].parent is not None and listed[0].parent.tag == "ol"  # numbered 1, 2
    assert listed[0].hrefs() == ["/links-base/sources/southland-statement/",
                                 "https://example.org/southland/statement"]
    assert listed[1].hrefs() == ["/links-base/sources/daily-report/",
                                 "https://example.org/daily/talks"]
    everything = list(main.iter())
    last_marker = max(everything.index(a) for a in main.find_all("a")
                      if a.parent is not None and "citation" in a.parent.classes)
    assert everything.index(listed[0]) > last_marker  # the list comes after the prose


def test_page_prose_in_a_build(notes: Any) -> None:
    main = notes.main
    assert main.find("h2", where=lambda h: h.id == "what-each-source-says").text() \
        .startswith("What each source says")
    code = main.find("code")
    assert code.text() == "[@daily-report]"
    assert "<em>raw HTML</em> is shown as text" in main.text()
    assert not main.find_all("em")
    assert ("the deal", "/links-base/proposals/river-deal/") in main.links()
