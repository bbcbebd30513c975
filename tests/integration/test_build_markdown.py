"""Markdown rules, table-driven from tests/fixtures/markdown/cases.yaml, and the numbered
citations a built page lists at its end."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.helpers.html import parse
from tests.helpers.markdown import render_markdown
from tests.helpers.sites import REPO

from detente.content.markdown import ProseContext, Target, make_markdown

CASES_FILE = REPO / "tests" / "fixtures" / "markdown" / "cases.yaml"
TARGETS = {"ana": Target("Ana North", "/b/actors/ana/"),
           "deal": Target("The <river> deal & co", "/b/proposals/deal/")}
KEYS = {"name", "input", "html", "allow_html", "citations"}


def _cases() -> list[Any]:
    cases = yaml.safe_load(CASES_FILE.read_text("utf-8"))
    assert isinstance(cases, list) and len(cases) > 20
    for case in cases:
        assert set(case) <= KEYS and {"name", "input", "html"} <= set(case), case
    return [pytest.param(case, id=case["name"]) for case in cases]


@pytest.mark.parametrize("case", _cases())
def test_markdown_case(case: dict[str, Any]) -> None:
    context = ProseContext(TARGETS.get)
    md = make_markdown(bool(case.get("allow_html", False)))
    assert render_markdown(md, case["input"], context) == case["html"]
    assert context.citations == case.get("citations", [])


def test_case_names_are_unique() -> None:
    names = [p.id for p in _cases()]
    assert len(names) == len(set(names))


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
