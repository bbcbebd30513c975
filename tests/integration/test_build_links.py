"""Every internal link in every built page resolves to a built file (and its anchor)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.helpers.html import parse
from tests.helpers.links import broken_links, load_pages

BASE_PATHS = {"example": "/explainer/", "full": "/verrand/", "links": "/links-base/",
              "arabic": "/arabic-base/"}


@pytest.fixture(scope="module", params=sorted(BASE_PATHS))
def built(request: pytest.FixtureRequest, built_site: Callable[..., Path]) -> tuple[Path, str]:
    return built_site(request.param), BASE_PATHS[request.param]


def test_every_internal_link_resolves(built: tuple[Path, str]) -> None:
    out, base_path = built
    assert broken_links(out, base_path) == []


def test_every_page_is_well_formed(built: tuple[Path, str]) -> None:
    out, _base = built
    problems = {file: doc.problems for file, doc in load_pages(out).items() if doc.problems}
    assert problems == {}


def test_ids_are_unique_on_every_page(built: tuple[Path, str]) -> None:
    out, _base = built
    duplicated = {}
    for file, doc in load_pages(out).items():
        seen: list[str] = [e.id for e in doc.root.iter() if e.id]
        twice = sorted({i for i in seen if seen.count(i) > 1})
        if twice:
            duplicated[file] = twice
    assert duplicated == {}


# The checker itself must catch what it exists to catch.

def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<!doctype html><html><body>{body}</body></html>", "utf-8")
    return tmp_path


def test_checker_accepts_good_links(tmp_path: Path) -> None:
    root = _site(tmp_path, {
        "index.html": '<a href="/b/x/">x</a><a href="x/#top">x</a><a href="#me">me</a>'
                      '<p id="me"></p><a href="https://example.org/">out</a>'
                      '<img src="/b/static/a.svg" alt="">',
        "x/index.html": '<h1 id="top">x</h1><a href="../">up</a><a href="/b/?q=1">q</a>',
        "static/a.svg": "<svg/>"})
    assert broken_links(root, "/b/") == []


@pytest.mark.parametrize(("body", "problem"), [
    ('<a href="/b/missing/">m</a>', "missing/index.html: no such file"),
    ('<a href="/x/">m</a>', "leaves the base path /b/"),
    ('<a href="/b/#nowhere">m</a>', "no element with id='nowhere'"),
    ('<a href="#nowhere">m</a>', "no element with id='nowhere'"),
    ('<img src="img.png" alt="">', "img.png: no such file"),
    ('<a href="/b/x">m</a>', "x: no such file"),
])
def test_checker_reports_broken_links(tmp_path: Path, body: str, problem: str) -> None:
    root = _site(tmp_path, {"index.html": body, "x/index.html": "<p>x</p>"})
    problems = broken_links(root, "/b/")
    assert len(problems) == 1 and problem in problems[0], problems


def test_parser_reports_misnested_tags() -> None:
    assert parse("<section><div></section>").problems == [
        "line 1: </section> closes <div> (line 1)"]
    assert parse("<ul><li>a<li>b</ul>").problems == []
