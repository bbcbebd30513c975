"""feed.xml: valid Atom (RELAX NG from RFC 4287, plus the rules the grammar cannot say),
newest first, every timestamp taken from the content in the site's time zone."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from tests.helpers.sites import PROJECTS, REPO, build

from detente.content.check import check_project
from detente.pages.atom import timestamp
from detente.pages.feed import FEED_LIMIT, atom_feed

ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMAS = REPO / "tests" / "schemas"
NAMES = ("example", "full", "minimal")


def xmllint() -> str:
    found = shutil.which("xmllint")
    assert found, "xmllint is needed (Debian: libxml2-utils; .ci/run installs it)"
    return found


@pytest.fixture(scope="module")
def built(built_site: Callable[..., Path]) -> dict[str, Path]:
    return {name: built_site(name, "--no-search") for name in NAMES}


def entries(feed: ET.Element) -> list[ET.Element]:
    return feed.findall(f"{ATOM}entry")


def text(element: ET.Element, tag: str) -> str:
    found = element.find(f"{ATOM}{tag}")
    assert found is not None and found.text, f"no <{tag}> in <{element.tag}>"
    return found.text


@pytest.mark.parametrize("feed", ["feed.xml", "corrections.xml", "changes.xml"])
@pytest.mark.parametrize("name", NAMES)
def test_feed_is_valid_atom(built: dict[str, Path], name: str, feed: str) -> None:
    run = subprocess.run([xmllint(), "--noout", "--relaxng", str(SCHEMAS / "atom.rng"),
                          str(built[name] / feed)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_the_schema_rejects_a_feed_without_id(built: dict[str, Path], tmp_path: Path) -> None:
    feed = (built["example"] / "feed.xml").read_text("utf-8")
    broken = tmp_path / "feed.xml"
    broken.write_text(feed.replace("<id>", "<identifier>", 1)
                      .replace("</id>", "</identifier>", 1), "utf-8")
    run = subprocess.run([xmllint(), "--noout", "--relaxng", str(SCHEMAS / "atom.rng"),
                          str(broken)], capture_output=True, text=True)
    assert run.returncode != 0


@pytest.mark.parametrize("name", NAMES)
def test_feed_has_what_atom_requires(built: dict[str, Path], name: str) -> None:
    feed = ET.parse(built[name] / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert text(feed, "title") and text(feed, "id") and text(feed, "updated")
    # RFC 4287 4.1.1: a feed without authors on every entry names one itself.
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    ids = [text(e, "id") for e in entries(feed)]
    assert len(ids) == len(set(ids)), "entry ids are unique"
    for entry in entries(feed):
        assert text(entry, "title") and text(entry, "updated")
        links = [link for link in entry.findall(f"{ATOM}link")
                 if link.get("rel", "alternate") == "alternate"]
        assert len(links) == 1  # 4.1.1: at most one alternate link per type


@pytest.mark.parametrize("name", ["example", "full"])
def test_every_event_is_an_entry_newest_first(built: dict[str, Path], name: str) -> None:
    site = check_project(built[name].parent / "project", False, None).site  # (as built)
    assert site is not None
    feed = ET.parse(built[name] / "feed.xml").getroot()
    base = site.config.base_url
    hrefs = [e.find(f"{ATOM}link").get("href") for e in entries(feed)]  # type: ignore[union-attr]
    expected = [f"{base}events/{e.id}/" for e in reversed(site.events())][:FEED_LIMIT]
    assert hrefs == expected
    published = [datetime.fromisoformat(text(e, "published")) for e in entries(feed)]
    assert published == sorted(published, reverse=True)
    updated = [datetime.fromisoformat(text(e, "updated")) for e in entries(feed)]
    assert datetime.fromisoformat(text(feed, "updated")) == max(updated)
    zone = ZoneInfo(site.config.timezone)
    for event, entry_updated in zip(reversed(site.events()), updated, strict=False):
        page_date = event.last_updated  # the date its page shows, as the feed's
        assert entry_updated == timestamp(page_date or event.date, zone)
    for href in hrefs:
        assert (built[name] / href.removeprefix(base) / "index.html").is_file()
        assert text(feed, "id") != href


def test_dates_without_a_time_start_at_midnight_in_the_site_time_zone(
        built: dict[str, Path]) -> None:
    """The full site's time zone is Europe/Oslo: +01:00 in winter, +02:00 in summer."""
    feed = ET.parse(built["full"] / "feed.xml").getroot()
    published = {text(e, "id").rsplit("/", 2)[-2]: text(e, "published") for e in entries(feed)}
    assert published["harbour-charter-1998"] == "1998-01-01T00:00:00+01:00"
    assert published["2023-11-envoy-appointed"] == "2023-11-01T00:00:00+01:00"
    assert published["2024-05-patrol-clash"] == "2024-05-03T00:00:00+02:00"
    # Date-times keep their own offset.
    assert published["2024-04-ferry-incident"] == "2024-04-08T22:15:00+02:00"
    assert published["crews-exchanged"] == "2024-03-02T18:00:00Z"


def test_entries_carry_kind_parties_and_an_html_summary(built: dict[str, Path]) -> None:
    feed = ET.parse(built["example"] / "feed.xml").getroot()
    call = next(e for e in entries(feed)
                if text(e, "id").endswith("/events/2025-03-18-trump-putin-call/"))
    terms = {c.get("term") for c in call.findall(f"{ATOM}category")}
    assert {"call", "united-states", "russia"} <= terms
    summary = call.find(f"{ATOM}summary")
    assert summary is not None and summary.get("type") == "html"
    assert summary.text and summary.text.startswith("<p>18 March 2025</p>")
    assert "30-day pause" in summary.text
    assert feed.get("{http://www.w3.org/XML/1998/namespace}base") == \
        "https://example.org/explainer/"


def test_updated_is_source_date_epoch_when_set(monkeypatch: pytest.MonkeyPatch,
                                               site_copy: Callable[[str], Path],
                                               tmp_path: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1742515200")  # 2025-03-21T00:00:00Z
    build(site_copy("example"), tmp_path / "site", "--no-search")
    feed = ET.parse(tmp_path / "site" / "feed.xml").getroot()
    assert text(feed, "updated") == "2025-03-21T00:00:00Z"


def test_feed_bytes_depend_only_on_the_content() -> None:
    site = check_project(PROJECTS["full"], False, None).site
    assert site is not None
    assert atom_feed(site) == atom_feed(site)
    fixed = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert b"<updated>2030-01-02T03:04:05Z</updated>" in atom_feed(site, fixed)


def test_a_site_without_a_host_gets_name_based_ids(site_copy: Callable[[str], Path],
                                                   tmp_path: Path) -> None:
    """base_url '/preview/' has no host: ids must still be absolute, so they are urn:uuid."""
    project, out = site_copy("full"), tmp_path / "site"
    build(project, out, "--no-search", "--base-url", "/preview/")
    feed = ET.parse(out / "feed.xml").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}base") is None
    ids = [text(feed, "id"), *(text(e, "id") for e in entries(feed))]
    assert all(i.startswith("urn:uuid:") for i in ids)
    hrefs = [e.find(f"{ATOM}link").get("href") for e in entries(feed)]  # type: ignore[union-attr]
    assert all(h.startswith("/preview/events/") for h in hrefs)
    again = tmp_path / "again"
    build(project, again, "--no-search", "--base-url", "/preview/")
    assert (again / "feed.xml").read_bytes() == (out / "feed.xml").read_bytes()


def test_markup_in_titles_is_escaped(site_copy: Callable[[str], Path], tmp_path: Path) -> None:
    project = site_copy("minimal")
    (project / "content" / "sources").mkdir(parents=True)
    (project / "content" / "sources" / "wire.yaml").write_text("title: Wire\n", "utf-8")
    (project / "content" / "events").mkdir()
    (project / "content" / "events" / "talks.yaml").write_text(
        "title: 'Talks & <b>truce</b> ]]>'\ndate: 2024-06\nsource: wire\n"
        "location: 'Q&A <hall>'\n", "utf-8")
    build(project, tmp_path / "site", "--no-search")
    feed = ET.parse(tmp_path / "site" / "feed.xml").getroot()
    (entry,) = entries(feed)
    assert text(entry, "title") == "Talks & <b>truce</b> ]]>"
    assert "Q&amp;A &lt;hall&gt;" in text(entry, "summary")
