"""Head metadata on every page: canonical address, Open Graph and Twitter cards, the feed
link, and schema.org JSON-LD that parses and has the type the page describes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.helpers.html import Document, Element, parse
from tests.helpers.sites import build

from detente.pages.jsonld import script_json

BASE_URLS = {"example": "https://example.org/explainer/", "full": "https://example.org/verrand/"}
TYPES = {"events": "Event", "actors": "Person", "parties": "Organization",
         "sources": "CreativeWork"}


@pytest.fixture(scope="module", params=sorted(BASE_URLS))
def pages(request: pytest.FixtureRequest,
          built_site: Callable[..., Path]) -> tuple[dict[str, Document], str]:
    base_url = BASE_URLS[request.param]
    out = built_site(request.param, "--no-search")
    # The default language's pages (the example's Ukrainian ones, under uk/, are checked
    # in test_build_languages.py with the Arabic fixture's).
    docs = {p.relative_to(out).as_posix(): parse(p.read_text("utf-8"))
            for p in sorted(out.rglob("*.html")) if not p.relative_to(out).as_posix()
            .startswith("uk/")}
    BUILT[base_url] = out
    return docs, base_url


BUILT: dict[str, Path] = {}  # base URL → the folder it was built into


def head(doc: Document) -> Element:
    return doc.root.find("head")


def meta(doc: Document, attr: str, name: str) -> list[str]:
    return [m.attrs.get("content", "") for m in head(doc).find_all("meta")
            if m.attrs.get(attr) == name]


def jsonld(doc: Document) -> list[Any]:
    scripts = doc.root.find_all("script", where=lambda e: e.attrs.get("type")
                                == "application/ld+json")
    return [json.loads(s.text()) for s in scripts]


def address(file: str, base_url: str) -> str:
    return base_url + file.removesuffix("index.html")


def test_every_json_ld_block_parses_with_the_right_type(
        pages: tuple[dict[str, Document], str]) -> None:
    docs, base_url = pages
    typed = 0
    for file, doc in docs.items():
        blocks = jsonld(doc)
        kind = file.split("/")[0]
        if file == "index.html":
            assert [b["@type"] for b in blocks] == ["WebSite"]
            assert blocks[0]["url"] == base_url
        elif kind in TYPES and file.count("/") == 2:
            assert [b["@type"] for b in blocks] == [TYPES[kind]], file
            assert blocks[0]["url"] == address(file, base_url)
            assert blocks[0]["name"] == doc.root.find("h1").text()
            _check_page_node(blocks[0].get("mainEntityOfPage"), doc, file, base_url)
            typed += 1
        elif kind in UNTYPED and (file.count("/") == 2 or kind == "about"):
            # the page alone, when it has an update date or corrections to tell of
            assert [b["@type"] for b in blocks] in ([], ["WebPage"]), file
            if blocks:
                assert blocks[0]["name"] == doc.root.find("h1").text()
                _check_page_node(blocks[0], doc, file, base_url)
        else:
            assert blocks == [], file
        for block in blocks:
            assert block["@context"] == "https://schema.org"
    assert typed > 10


UNTYPED = ("issues", "proposals", "timelines", "about")  # (about: the sites' prose page)


def _check_page_node(node: Any, doc: Document, file: str, base_url: str) -> None:
    """The page's node says what its page shows: the update date and the corrections."""
    shown = doc.root.find("header", "page-head").find_all("p", "updated")
    boxes = doc.root.find_all("aside", where=lambda e: e.attrs.get("class") == "corrections-box")
    corrections = [li for box in boxes for li in box.find_all(
        "li", where=lambda e: e.attrs.get("class") == "correction")]
    if node is None:
        assert not shown and not corrections, file
        return
    assert node["@type"] == "WebPage" and node["url"] == address(file, base_url)
    if shown:
        assert node["dateModified"] == shown[0].find("time").attrs["datetime"], file
    else:
        assert "dateModified" not in node, file
    assert len(node.get("correction", [])) == len(corrections), file
    for comment in node.get("correction", []):
        assert comment["@type"] == "CorrectionComment" and comment["text"]


def test_event_json_ld_names_dates_place_and_who_took_part(
        pages: tuple[dict[str, Document], str]) -> None:
    docs, base_url = pages
    if "events/2025-03-18-trump-putin-call/index.html" in docs:
        (event,) = jsonld(docs["events/2025-03-18-trump-putin-call/index.html"])
        assert event["startDate"] == "2025-03-18"
        names = {a["name"] for a in event["attendee"]}
        assert {"Donald Trump", "Vladimir Putin"} <= names
        assert {a["@type"] for a in event["attendee"]} == {"Person", "Organization"}
        assert all(a["url"].startswith(base_url) for a in event["attendee"])
        assert event["subjectOf"][0]["@type"] == "CreativeWork"
    else:
        (event,) = jsonld(docs["events/2024-04-ferry-incident/index.html"])
        assert event["startDate"] == "2024-04-08T22:15+02:00"
        assert event["location"]["@type"] == "Place"
        assert event["location"]["geo"]["@type"] == "GeoCoordinates"


def test_canonical_and_social_cards(pages: tuple[dict[str, Document], str]) -> None:
    docs, base_url = pages
    for file, doc in docs.items():
        links = {link.attrs["rel"]: link.attrs for link in head(doc).find_all("link")}
        feeds = [link.attrs for link in head(doc).find_all("link")
                 if link.attrs["rel"] == "alternate" and "hreflang" not in link.attrs]
        assert all(feed["type"] == "application/atom+xml" for feed in feeds)
        assert [f["href"].rsplit("/", 1)[1] for f in feeds] == \
            ["feed.xml", *({"changes/index.html": ["changes.xml"],
                            "corrections/index.html": ["corrections.xml"]}.get(file, []))]
        assert meta(doc, "property", "og:site_name") and meta(doc, "name", "twitter:card")
        title = doc.root.find("h1").text()
        assert meta(doc, "property", "og:title") == [title] or file == "index.html"
        if file == "404.html":
            assert "canonical" not in links
            assert meta(doc, "name", "robots") == ["noindex"]
            continue
        assert links["canonical"]["href"] == address(file, base_url), file
        assert meta(doc, "property", "og:url") == [address(file, base_url)]
    for file, og_type in (("index.html", "website"), ("parties/index.html", "website"),
                          ("timeline/index.html", "website"), ("data/index.html", "website"),
                          ("about/index.html", "article")):
        assert meta(docs[file], "property", "og:type") == [og_type], file
    for file, doc in docs.items():
        if file.count("/") == 2:  # an entity's page, or the matrix on a date (a site page)
            expected = "website" if file.startswith("positions/") else "article"
            assert meta(doc, "property", "og:type") == [expected], file


def test_json_ld_cannot_end_its_script_element() -> None:
    hostile = {"name": "</script><script>alert(1)</script><!-- & -->", "@type": "Thing"}
    text = script_json(hostile)
    assert not set("<>&") & set(text)
    assert json.loads(text) == hostile


def test_hostile_text_in_content_stays_inside_json_ld(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "content" / "actors").mkdir(parents=True)
    (project / "detente.yaml").write_text("title: T\nbase_url: https://example.org/\n", "utf-8")
    (project / "content" / "actors" / "x.yaml").write_text(
        "name: 'X </script><script>alert(1)</script>'\n"
        "summary: 'Says <!-- and & and </SCRIPT>'\n", "utf-8")
    out = tmp_path / "site"
    build(project, out, "--no-search")
    html = (out / "actors" / "x" / "index.html").read_text("utf-8")
    doc = parse(html)
    (person,) = jsonld(doc)
    assert person["name"] == "X </script><script>alert(1)</script>"
    assert person["description"] == "Says <!-- and & and </SCRIPT>"
    # No element was injected: every '<script' in the page is one the theme wrote.
    assert html.count("<script") == len(doc.root.find_all("script"))


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_every_page_has_its_share_picture_and_the_favicons(
        pages: tuple[dict[str, Document], str]) -> None:
    """Each page but the search and "not found" pages names its own share picture (built
    beside it, 1200 x 630), as a large card; every page names the favicons, which exist."""
    docs, base_url = pages
    out = BUILT[base_url]
    base_path = "/" + base_url.split("/", 3)[3]
    for name, size in (("favicon.ico", None), ("apple-touch-icon.png", (180, 180)),
                       ("favicon.svg", None)):
        data = (out / name).read_bytes()
        assert data and (size is None or _png_size(data) == size), name
    for file, doc in docs.items():
        icons = {link.attrs["href"] for link in head(doc).find_all("link")
                 if link.attrs.get("rel") in ("icon", "apple-touch-icon")}
        assert icons == {f"{base_path}favicon.ico", f"{base_path}favicon.svg",
                         f"{base_path}apple-touch-icon.png"}, file
        images = meta(doc, "property", "og:image")
        if file in ("404.html", "search/index.html"):
            assert images == [], file
            continue
        picture = file.removesuffix("index.html") + "share.png"
        assert images == [base_url + picture], file
        assert meta(doc, "name", "twitter:image") == images
        assert meta(doc, "name", "twitter:card") == ["summary_large_image"]
        assert _png_size((out / picture).read_bytes()) == (1200, 630), picture
