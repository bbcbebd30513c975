"""The view models templates see, made by ViewBuilder from any SiteReader and a Markdown
function: URLs under the base path, dates as readers read them, references resolved, and
a page's citations in order. Exact values, on the small site of tests/helpers/content.py."""

from __future__ import annotations

import pytest

from detente.content.markdown import make_markdown, render_template
from detente.content.model import Event, Position, Proposal, Site
from detente.incremental.tracking import TrackingSite
from detente.pages.views import (
    AccountView,
    ClaimView,
    DateView,
    EventItem,
    LinkView,
    QuoteView,
    SourceView,
    StanceView,
    StatusView,
    ViewBuilder,
)
from tests.helpers.content import SMALL_SITE, make_site

MD = make_markdown()
# A party goes by its short name wherever it is linked (its full name heads its own page).
NORTH = LinkView("North", "/b/parties/north/", "parties", "north", "#2f74d0", "North")
SOUTH = LinkView("Kingdom of South", "/b/parties/south/", "parties", "south")
ANA = LinkView("Ana North", "/b/actors/ana/", "actors", "ana")
DEAL = LinkView("The deal", "/b/proposals/deal/", "proposals", "deal")
REPORT = SourceView("report", "Talks open", "The Daily", DateView("11 January 2024",
                                                                   "2024-01-11"),
                    "/b/sources/report/", "https://example.org/report", 1)  # [1] on its page
EXTRA = """\
- id: talks
  title: Talks
  date: 2024-01-12
  approximate: true
  kind: talks
  source: report
  quotes:
    - text: We came.
      by: ana
  accounts:
    - by: south
      summary: A *waste* of time.
  claims:
    - text: The river is ours.
      claimed_by: north
      disputed_by: [south]
      sources: []
"""


@pytest.fixture(scope="module")
def site() -> Site:
    events = SMALL_SITE["content/events/events.yaml"] + EXTRA
    proposal = SMALL_SITE["content/proposals/deal.yaml"] + (
        "status:\n  - date: 2024-03-01\n    status: agreed\n    source: report\n"
        "  - date: 2024-01-10\n    status: proposed\n    note: Tabled\n")
    positions = SMALL_SITE["content/positions/p.yaml"] + (
        "  conditions: [deal, A neutral chair]\n  summary: Only with [[deal]].\n")
    return make_site({**SMALL_SITE, "content/events/events.yaml": events,
                      "content/proposals/deal.yaml": proposal,
                      "content/positions/p.yaml": positions})


def builder(site: Site) -> ViewBuilder:
    return ViewBuilder(site, lambda text: render_template(MD, text))


def test_links_point_under_the_base_path_and_carry_a_partys_colour(site: Site) -> None:
    b = builder(site)
    assert b.link("north") == NORTH and NORTH.short_label == "North"
    assert b.link(site.backlinks["ana"][0].source) == LinkView(
        "Signing", "/b/events/signing/", "events", "signing")
    signing = site.entities["signing"]
    assert isinstance(signing, Event) and b.links(signing.parties) == (NORTH, SOUTH)
    assert SOUTH.short_label == "Kingdom of South"
    assert b.url("timeline/") == "/b/timeline/"


def test_a_shared_link_view_is_still_read_from_the_site(site: Site) -> None:
    """Link views are shared by the pages of one Site, but a page that shows one must
    still depend on that entity (its label may change)."""
    links: dict[str, LinkView] = {}
    ViewBuilder(site, str, links).link("ana")
    tracker = TrackingSite(site)
    assert ViewBuilder(tracker, str, links).link("ana") == ANA
    assert tracker.deps == {"ana"}


def test_prose_resolves_references_and_numbers_citations_in_order(site: Site) -> None:
    b = builder(site)
    signing = site.entities["signing"]
    assert b.prose(signing.body) == (
        '<p><a href="/b/actors/ana/">Ana North</a> signed for '
        '<a href="/b/parties/north/">North</a> <sup class="citation">'
        '<a href="#cite-report" aria-label="source 1">[1]</a></sup>.</p>\n')
    assert b.prose(None) == ""
    assert b.citations() == (REPORT,)


def test_the_markdown_function_is_given_the_text_alone(site: Site) -> None:
    """So that its caller may cache what it returns by the text (incremental builds)."""
    seen: list[str] = []
    b = ViewBuilder(site, lambda text: seen.append(text) or render_template(MD, text))
    b.prose(site.entities["signing"].body)
    assert seen == ["[[ana]] signed for [[north]] [@report].\n"]


def test_a_stance_with_its_conditions_linked_where_they_name_a_proposal(site: Site) -> None:
    position = site.entities["p#3"]
    assert isinstance(position, Position)
    assert builder(site).stance(position) == StanceView(
        holder=LinkView("Ben South", "/b/actors/ben/", "actors", "ben"),
        on=LinkView("Water", "/b/issues/water/", "issues", "water"), stance="opposes",
        date=DateView("20 January 2024", "2024-01-20"), sources=(REPORT,),
        summary_html='<p>Only with <a href="/b/proposals/deal/">The deal</a>.</p>\n',
        conditions=(("deal", DEAL), ("A neutral chair", None)), quote="",
        said_by=LinkView("Ben South", "/b/actors/ben/", "actors", "ben"))


def test_a_history_is_oldest_first(site: Site) -> None:
    history = builder(site).history(("north", "deal"))
    assert (history.holder, history.on) == (NORTH, DEAL)
    assert [s.stance for s in history.stances] == ["conditional", "supports"]
    assert history.latest.said_by == ANA


def test_an_events_item_quotes_accounts_and_claims(site: Site) -> None:
    b = builder(site)
    talks = site.entities["talks"]
    assert isinstance(talks, Event)
    link = LinkView("Talks", "/b/events/talks/", "events", "talks")
    assert b.event_item(talks) == EventItem(link, DateView("c. 12 January 2024", "2024-01-12"),
                                            "talks", (), "")
    # with no sources of their own, they take the event's
    assert b.quote(talks.quotes[0], talks) == QuoteView("We came.", ANA, None, (REPORT,), link)
    assert b.account(talks.accounts[0], talks) == AccountView(
        SOUTH, "<p>A <em>waste</em> of time.</p>\n", (REPORT,), link)
    assert b.claim(talks.claims[0], talks) == ClaimView("The river is ours.", NORTH, (SOUTH,),
                                                       (REPORT,), link)


def test_a_proposals_status_history_is_by_date(site: Site) -> None:
    deal = site.entities["deal"]
    assert isinstance(deal, Proposal)
    assert builder(site).proposal_status(deal) == (
        StatusView(DateView("10 January 2024", "2024-01-10"), "proposed", "Tabled", ()),
        StatusView(DateView("1 March 2024", "2024-03-01"), "agreed", "", (REPORT,)))
