"""A site in several languages (the Arabic fixture: English and Arabic, right to left):
every page in every language, linked within its language, naming its translations, with
what is not translated marked in its own language."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.helpers.html import Document
from tests.helpers.links import load_pages
from tests.helpers.sites import build, hash_tree

BASE = "/arabic-base/"
ORIGIN = "https://example.org"
# Files every language shares, at the root: the theme's, the open data, Pagefind's.
SHARED = ("assets/", "data/", "static/", "pagefind/", "favicon", "apple-touch-icon")


@pytest.fixture(scope="module")
def out(built_site: Callable[..., Path]) -> Path:
    return built_site("arabic")


@pytest.fixture(scope="module")
def pages(out: Path) -> dict[str, Document]:
    return load_pages(out)


def _html(doc: Document) -> dict[str, str]:
    return doc.root.find("html").attrs


def test_every_page_exists_in_every_language(pages: dict[str, Document]) -> None:
    english = {f for f in pages if not f.startswith("ar/")}
    arabic = {f.removeprefix("ar/") for f in pages if f.startswith("ar/")}
    assert len(english) > 30
    assert arabic == english


def test_html_lang_and_dir(pages: dict[str, Document]) -> None:
    for file, doc in pages.items():
        expected = {"lang": "ar", "dir": "rtl"} if file.startswith("ar/") else \
            {"lang": "en", "dir": "ltr"}
        assert {k: _html(doc)[k] for k in ("lang", "dir")} == expected, file


def test_pages_link_only_within_their_language(pages: dict[str, Document]) -> None:
    strays = []
    for file, doc in pages.items():
        own = BASE + "ar/" if file.startswith("ar/") else BASE
        for a in doc.root.find_all("a"):
            href = a.attrs.get("href", "")
            if not href.startswith(BASE) or "hreflang" in a.attrs:  # the switcher's
                continue
            rest = href[len(BASE):]
            if rest.startswith(SHARED):
                continue
            inside = href.startswith(own) and (own != BASE or not rest.startswith("ar/"))
            if not inside:
                strays.append(f"{file}: {href}")
    assert strays == []


def test_every_page_names_its_translations(pages: dict[str, Document]) -> None:
    for file, doc in pages.items():
        if file.endswith("404.html"):
            continue
        path = file.removeprefix("ar/").removesuffix("index.html")
        links = {e.attrs["hreflang"]: e.attrs["href"] for e in doc.root.find_all("link")
                 if e.attrs.get("rel") == "alternate" and "hreflang" in e.attrs}
        assert links == {"en": f"{ORIGIN}{BASE}{path}", "ar": f"{ORIGIN}{BASE}ar/{path}",
                         "x-default": f"{ORIGIN}{BASE}{path}"}, file


def test_switcher_lands_on_the_same_page(pages: dict[str, Document]) -> None:
    doc = pages["ar/events/first-talks/index.html"]
    switcher = doc.root.find("nav", "language-switcher")
    items = {a.attrs["lang"]: (a.attrs["href"], a.attrs.get("aria-current"), a.text())
             for a in switcher.find_all("a")}
    assert items == {"en": (f"{BASE}events/first-talks/", None, "English"),
                     "ar": (f"{BASE}ar/events/first-talks/", "true", "العربية")}


def test_translated_text_replaces_the_original(pages: dict[str, Document]) -> None:
    doc = pages["ar/events/first-talks/index.html"]
    assert doc.root.find("h1").text() == "المحادثات الأولى"
    main = doc.main.text()
    assert "جئنا لنستمع." in main and "النهر لنا." in main and "كانت المحادثات مثمرة." in main
    assert "We came to listen." not in main and "The river is ours." not in main


def test_untranslated_text_is_marked_with_its_language(pages: dict[str, Document]) -> None:
    signing = pages["ar/events/signing/index.html"]
    assert signing.root.find("h1").attrs.get("lang") == "en"  # its title is not translated
    talks = pages["ar/events/first-talks/index.html"]
    assert "lang" not in talks.root.find("h1").attrs
    cara = talks.main.find("a", where=lambda a: a.text() == "Cara Mede")
    assert cara.attrs.get("lang") == "en"
    ana = talks.main.find("a", where=lambda a: a.text() == "آنا نورث")
    assert "lang" not in ana.attrs
    # A summary left in English, in the list of issues' events: in a block marked 'en'.
    border = pages["ar/events/border-incident/index.html"]
    assert border.root.find("h1").text() == "حادث على الحدود"


def test_site_title_and_description_are_translated(pages: dict[str, Document]) -> None:
    doc = pages["ar/index.html"]
    assert doc.root.find("a", "site-title").text() == "محادثات النهر"


def test_feeds_per_language(out: Path) -> None:
    arabic = (out / "ar" / "feed.xml").read_text("utf-8")
    english = (out / "feed.xml").read_text("utf-8")
    assert "المحادثات الأولى" in arabic and "First talks" not in arabic
    assert "First talks" in english and "المحادثات الأولى" not in english
    assert f"{ORIGIN}{BASE}ar/events/first-talks/" in arabic


def test_sitemap_lists_every_language_with_alternates(out: Path) -> None:
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    assert f"<loc>{ORIGIN}{BASE}ar/events/first-talks/</loc>" in sitemap
    assert (f'<xhtml:link rel="alternate" hreflang="ar" '
            f'href="{ORIGIN}{BASE}ar/events/first-talks/"/>') in sitemap
    assert not (out / "ar" / "sitemap.xml").exists()


def test_jsonld_names_the_language(pages: dict[str, Document]) -> None:
    for file, lang in (("ar/events/first-talks/index.html", "ar"),
                       ("events/first-talks/index.html", "en")):
        script = pages[file].root.find("script", where=lambda e: e.attrs.get("type") ==
                                       "application/ld+json")
        assert json.loads(script.text())["inLanguage"] == lang


def test_open_data_carries_every_language(out: Path) -> None:
    data = json.loads((out / "data" / "site.json").read_text("utf-8"))
    parties = {p["id"]: p for p in data["entities"]["parties"]}
    assert parties["northland"]["translations"] == {
        "ar": {"name": "جمهورية الشمال", "short_name": "الشمال"}}
    assert parties["mediators"]["name"] == "The Mediators"
    assert data["site"]["languages"] == ["en", "ar"]
    rows = list(csv.DictReader(io.StringIO((out / "data" / "parties.csv").read_text("utf-8"))))
    by_id = {r["id"]: r for r in rows}
    assert by_id["southland"]["name"] == "Kingdom of Southland"
    assert by_id["southland"]["name_ar"] == "مملكة الجنوب"
    assert by_id["southland"]["short_name_ar"] == ""
    assert not (out / "ar" / "data" / "site.json").exists()


def test_search_is_indexed_per_language(out: Path) -> None:
    """Pagefind files each page under its `<html lang>`: one index per language, the same
    pages in each (a wrong `lang` would put every page in one index)."""
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    languages = entry["languages"]
    assert set(languages) == {"en", "ar"}
    assert languages["en"]["page_count"] == languages["ar"]["page_count"] > 10


def test_two_builds_are_byte_identical(out: Path, site_copy: Callable[[str], Path],
                                       tmp_path: Path) -> None:
    """Every file, the search index of both languages included (Pagefind lists its
    languages in an order of its own: the build sorts them)."""
    again = tmp_path / "site"
    build(site_copy("arabic"), again)
    assert hash_tree(again) == hash_tree(out)


def test_translations_show_the_default_languages_share_pictures(
        out: Path, pages: dict[str, Document]) -> None:
    head = pages["ar/events/first-talks/index.html"].root.find("head")
    image = [m.attrs["content"] for m in head.find_all("meta")
             if m.attrs.get("property") == "og:image"]
    assert image == [f"{ORIGIN}{BASE}events/first-talks/share.png"]
    assert (out / "events" / "first-talks" / "share.png").is_file()
    assert not list((out / "ar").rglob("*.png"))


def test_search_page_offers_every_language(pages: dict[str, Document],
                                           built_site: Callable[..., Path]) -> None:
    """The option is on each language's search page, with each language's own name and
    where its pages are (the script tells a result's language by it); not on a site of one
    language."""
    for file in ("search/index.html", "ar/search/index.html"):
        doc = pages[file]
        assert doc.root.find("input", where=lambda e: e.id == "search-all"), file
        box = doc.root.find(where=lambda e: e.id == "search-results").attrs
        assert json.loads(box["data-languages"]) == [
            {"lang": "en", "name": "English", "root": "/arabic-base/"},
            {"lang": "ar", "name": "العربية", "root": "/arabic-base/ar/"}], file
    single = (built_site("full") / "search" / "index.html").read_text("utf-8")
    assert 'id="search-results"' in single
    assert "search-all" not in single and "data-languages" not in single
