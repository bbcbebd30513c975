"""Every page of a site, and the one view each is built from (the views' contents:
tests/unit/pages/test_views.py; as rendered: the integration tests)."""

from __future__ import annotations

from detente.pages.page import PageKey, build_page, page_keys
from detente.pages.views import LinkView, ViewBuilder
from tests.helpers.content import SMALL_SITE, make_site


def test_page_keys_list_every_page_once_kind_by_kind_in_the_sites_order() -> None:
    site = make_site({**SMALL_SITE, "content/pages/index.md": "Home.\n",
                      "content/pages/about.md": "---\ntitle: About\n---\nUs.\n"})
    keys = page_keys(site)
    assert [(k.template, k.path) for k in keys] == [
        ("home.html", ""),
        ("list.html", "parties/"), ("party.html", "parties/south/"),
        ("party.html", "parties/north/"),
        ("list.html", "actors/"), ("actor.html", "actors/ana/"), ("actor.html", "actors/ben/"),
        ("actor.html", "actors/cara/"),
        ("list.html", "issues/"), ("issue.html", "issues/water/"),
        ("list.html", "proposals/"), ("proposal.html", "proposals/deal/"),
        ("list.html", "events/"), ("event.html", "events/first-talks/"),
        ("event.html", "events/border/"), ("event.html", "events/signing/"),
        ("list.html", "timelines/"),
        ("list.html", "sources/"), ("source.html", "sources/report/"),
        ("page.html", "about/"),
        ("full-timeline.html", "timeline/"), ("positions.html", "positions/"),
        # the matrix on each day a stance or status changed, what changed, corrections
        ("positions-day.html", "positions/2024-01-15/"),
        ("positions-day.html", "positions/2024-01-20/"),
        ("positions-day.html", "positions/2024-02-20/"),
        ("changes.html", "changes/"), ("corrections.html", "corrections/"),
        ("search.html", "search/"), ("data.html", "data/"), ("404.html", "404.html")]
    assert keys[0] == PageKey("home.html", "", "index")
    assert keys[2] == PageKey("party.html", "parties/south/", "south", "parties")
    assert len({k.path for k in keys}) == len(keys)


def test_an_events_page_links_the_events_before_and_after_it() -> None:
    site = make_site(SMALL_SITE)
    view = build_page(PageKey("event.html", "events/border/", "border", "events"),
                      ViewBuilder(site, str))
    assert view.title == "Border incident"
    previous, following = view.sections["previous"], view.sections["next"]
    assert isinstance(previous, LinkView) and isinstance(following, LinkView)
    assert (previous.id, following.id) == ("first-talks", "signing")
    first = build_page(PageKey("event.html", "events/first-talks/", "first-talks", "events"),
                       ViewBuilder(site, str))
    assert first.sections["previous"] is None
