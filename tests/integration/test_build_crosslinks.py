"""Every relation the issue lists is shown both ways, on the pages of a purpose-made site.

tests/fixtures/sites/links/ is small enough to know by heart: Northland (Ana North) and
Southland (Ben South) talk about the river deal, proposed by the Mediators (Cara Mede), over
three events, sourced to a newspaper report and a government statement.

Pages are parsed (helpers/html.py); a section is found by its heading, an item (a stance, a
quote, a claim, an account) as the innermost block holding its text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.helpers.html import Document, Element, parse

BASE = "/links-base/"
REPORT, STATEMENT = "sources/daily-report/", "sources/southland-statement/"

# The built-in theme's headings (h2) and fact terms (dt); rename here when the theme does.
ROLES, QUOTES, STATED, TOOK_PART = "Roles", "In their words", "Positions stated", "Took part in"
MENTIONED, CLAIMS, PEOPLE, STANCES = "Mentioned in", "Claims", "People", "Stances"
INVOLVED, ACCOUNTS_GIVEN, PROPOSED = "Involved in", "Accounts given", "Proposed"
PROPOSALS, EVENTS, STATUS, PROVISIONS = "Proposals", "Events", "Status history", "Provisions"
WHO_STANDS, ACCOUNTS, TIMELINES = "Who stands where", "How each side told it", "Timelines"
PARTIES, ACTORS, PROPOSED_BY = "Parties", "People", "Proposed by"
CLAIMS_HERE, STANCES_HERE = "Claims sourced here", "Stances sourced here"


@pytest.fixture(scope="module")
def site(built_site: Callable[..., Path]) -> Path:
    return built_site("links")


def page(site: Path, path: str) -> Element:
    document: Document = parse((site / path / "index.html").read_text("utf-8"))
    return document.main


def targets(element: Element) -> list[str]:
    """The site paths an element links to, in order: 'actors/ana-north/', ..."""
    return [href[len(BASE):] for href in element.hrefs() if href.startswith(BASE)]


def entity_targets(element: Element, kind: str) -> list[str]:
    return list(dict.fromkeys(t for t in targets(element) if t.startswith(kind + "/")))


def cited(item: Element) -> list[str]:
    """The sources `item` cites: each a numbered reference to the page's list of sources
    (`#cite-<id>`), whose entry links to the source's page on the site
    (test_every_page_lists_each_source_it_cites)."""
    return list(dict.fromkeys(f"sources/{href[len('#cite-'):]}/" for href in item.hrefs()
                              if href.startswith("#cite-")))


def sourced(item: Element, *sources: str) -> None:
    """`item` names exactly these sources."""
    assert cited(item) == list(sources), item.text()


# -- actors

def test_actor_lists_roles_events_quotes_positions_and_mentions(site: Path) -> None:
    ana = page(site, "actors/ana-north")
    roles = ana.region(ROLES)
    assert "President" in roles.text() and targets(roles) == ["parties/northland/"]
    assert entity_targets(ana.region(TOOK_PART), "events") == ["events/first-talks/",
                                                               "events/signing/"]
    quote = ana.region(QUOTES).block_with("We came to listen.")
    assert "events/first-talks/" in targets(quote)
    sourced(quote, REPORT)
    stated = ana.region(STATED)
    first = stated.block_with("15 January 2024")
    assert "conditional" in first.text() and "A neutral chair" in first.text()
    assert "proposals/river-deal/" in targets(first)
    sourced(first, REPORT)
    second = stated.block_with("20 February 2024")
    assert "supports" in second.text() and "We will sign." in second.text()
    sourced(second, STATEMENT)
    assert targets(ana.region(MENTIONED)) == ["actors/ben-south/"]


def test_actor_who_disputes_a_claim_sees_it_and_their_mention(site: Path) -> None:
    cara = page(site, "actors/cara-mede")
    claim = cara.region(CLAIMS).block_with("The river is ours.")
    assert "events/first-talks/" in targets(claim)
    sourced(claim, STATEMENT)
    assert targets(cara.region(MENTIONED)) == ["events/first-talks/"]
    assert not cara.has_region(QUOTES) and not cara.has_region(STATED)


def test_actor_positions_stated_for_a_party(site: Path) -> None:
    ben = page(site, "actors/ben-south")
    stance = ben.region(STATED).block_with("20 January 2024")
    assert "opposes" in stance.text()
    assert {"parties/southland/", "proposals/river-deal/"} <= set(targets(stance))
    sourced(stance, STATEMENT)


# -- parties

def test_party_lists_people_stance_history_per_proposal_and_events(site: Path) -> None:
    north = page(site, "parties/northland")
    assert targets(north.region(PEOPLE)) == ["actors/ana-north/"]
    history = north.find(where=lambda e: e.id == "stances-northland-river-deal")
    assert "proposals/river-deal/" in targets(history)
    steps = [history.block_with(day) for day in ("15 January 2024", "20 February 2024")]
    assert "conditional" in steps[0].text() and "supports" in steps[1].text()
    in_order = list(history.iter())
    assert in_order.index(steps[0]) < in_order.index(steps[1])  # oldest first
    sourced(steps[0], REPORT)
    sourced(steps[1], STATEMENT)
    assert entity_targets(north.region(INVOLVED), "events") == [
        "events/first-talks/", "events/border-incident/", "events/signing/"]
    account = north.region(ACCOUNTS_GIVEN).block_with("The talks were productive.")
    sourced(account, REPORT)
    claim = north.region(CLAIMS).block_with("The river is ours.")
    sourced(claim, STATEMENT)


def test_party_histories_are_per_proposal_and_issue(site: Path) -> None:
    south = page(site, "parties/southland")
    stances = south.region(STANCES)
    ids = [e.id for e in stances.find_all("section") if e.id.startswith("stances-")]
    assert sorted(ids) == ["stances-southland-river-deal", "stances-southland-water-rights"]
    claims = south.region(CLAIMS)
    sourced(claims.block_with("Northland fired first."), REPORT)  # the event's source
    sourced(claims.block_with("The river is ours."), STATEMENT)  # disputed by Southland


def test_party_that_proposed(site: Path) -> None:
    mediators = page(site, "parties/mediators")
    assert targets(mediators.region(PROPOSED)) == ["proposals/river-deal/"]
    assert targets(mediators.region(PEOPLE)) == ["actors/cara-mede/"]


# -- issues and proposals

def test_issue_lists_its_proposals_and_the_stances_on_them(site: Path) -> None:
    water = page(site, "issues/water-rights")
    assert targets(water.region(PROPOSALS)) == ["proposals/river-deal/"]
    stances = water.region(STANCES)
    ids = sorted(e.id for e in stances.find_all("section") if e.id.startswith("stances-"))
    assert ids == ["stances-northland-river-deal", "stances-southland-river-deal",
                   "stances-southland-water-rights"]
    sourced(stances.block_with("21 January 2024"), REPORT)
    assert entity_targets(water.region(EVENTS), "events") == ["events/first-talks/"]


def test_proposal_lists_status_history_provisions_and_each_partys_stances(site: Path) -> None:
    deal = page(site, "proposals/river-deal")
    provisions = [li.text() for li in deal.region(PROVISIONS).find_all("li")]
    assert provisions == ["Each side takes half of the river's flow.",
                          "A joint commission measures the flow."]
    status = deal.region(STATUS)
    entries = status.find_all("li")
    assert [("proposed" in e.text(), "agreed" in e.text()) for e in entries] == [
        (True, False), (False, True)]
    assert "Signed at the border" in entries[1].text()
    sourced(entries[0], REPORT)
    sourced(entries[1], STATEMENT)
    assert targets(deal.region(PROPOSED_BY)) == ["parties/mediators/"]
    stances = deal.region(WHO_STANDS)
    for party, days in (("northland", ["15 January 2024", "20 February 2024"]),
                        ("southland", ["20 January 2024"])):
        history = stances.find(where=lambda e, p=party: e.id == f"stances-{p}-river-deal")
        assert f"parties/{party}/" in targets(history)
        for day in days:
            assert cited(history.block_with(day)), day
    assert entity_targets(deal.region(EVENTS), "events") == ["events/first-talks/",
                                                             "events/signing/"]


# -- events

def test_event_lists_parties_actors_proposals_quotes_accounts_claims(site: Path) -> None:
    talks = page(site, "events/first-talks")
    assert targets(talks.region(PARTIES)) == ["parties/northland/", "parties/southland/",
                                              "parties/mediators/"]
    assert targets(talks.region(ACTORS)) == ["actors/ana-north/", "actors/ben-south/",
                                             "actors/cara-mede/"]
    assert targets(talks.region("Proposals")) == ["proposals/river-deal/"]
    quote = talks.region(QUOTES).block_with("We came to listen.")
    assert "actors/ana-north/" in targets(quote)
    sourced(quote, REPORT)
    accounts = talks.region(ACCOUNTS)
    north = accounts.block_with("The talks were productive.")
    south = accounts.block_with("The talks were a waste of time.")
    assert north is not south and north.parent is south.parent  # side by side
    assert "parties/northland/" in targets(north) and "parties/southland/" in targets(south)
    sourced(north, REPORT)
    sourced(south, STATEMENT)
    claim = talks.region(CLAIMS).block_with("The river is ours.")
    assert entity_targets(claim, "parties") == ["parties/northland/", "parties/southland/"]
    assert entity_targets(claim, "actors") == ["actors/cara-mede/"]
    assert "Disputed by" in claim.text()
    sourced(claim, STATEMENT)
    assert targets(talks.region(TIMELINES)) == ["timelines/the-talks/"]


@pytest.mark.parametrize(("event", "previous", "following"), [
    ("first-talks", None, "border-incident"),
    ("border-incident", "first-talks", "signing"),
    ("signing", "border-incident", None),
])
def test_event_links_previous_and_next(site: Path, event: str, previous: str | None,
                                       following: str | None) -> None:
    main = page(site, f"events/{event}")
    rels = {a.attrs["rel"]: a.attrs["href"] for a in main.find_all("a") if "rel" in a.attrs
            and a.attrs["rel"] in ("prev", "next")}
    expected = {rel: f"{BASE}events/{e}/" for rel, e in (("prev", previous),
                                                         ("next", following)) if e}
    assert rels == expected


def test_claim_without_a_source_shows_its_events(site: Path) -> None:
    incident = page(site, "events/border-incident")
    sourced(incident.region(CLAIMS).block_with("Northland fired first."), REPORT)


# -- sources

@pytest.mark.parametrize(("source", "claims", "not_claims"), [
    ("daily-report", ["Northland fired first."], ["The river is ours."]),
    ("southland-statement", ["The river is ours."], ["Northland fired first."]),
])
def test_source_lists_every_claim_that_cites_it(site: Path, source: str, claims: list[str],
                                                not_claims: list[str]) -> None:
    region = page(site, f"sources/{source}").region(CLAIMS_HERE)
    for text in claims:
        assert region.items_with(text), text
    for text in not_claims:
        assert not region.items_with(text), text


def test_source_lists_the_stances_it_sources(site: Path) -> None:
    region = page(site, "sources/daily-report").region(STANCES_HERE)
    assert {"parties/northland/", "parties/southland/"} <= set(targets(region))
    assert region.items_with("15 January 2024") and region.items_with("21 January 2024")
    assert not region.items_with("20 February 2024")  # sourced to the statement


# -- site-wide pages

def test_home_shows_where_things_stand(site: Path) -> None:
    home = page(site, "")
    card = home.block_with("The river deal")
    assert "agreed" in card.text()
    assert {"parties/northland/", "parties/southland/"} <= set(targets(card))
    north = card.block_with("Northland")  # a party's short name wherever it is mentioned
    assert "supports" in north.text() and "opposes" not in north.text()


def test_matrix_cells_lead_to_the_dated_sourced_history(site: Path) -> None:
    matrix = page(site, "positions")
    cell = [a for a in matrix.find_all("a")
            if a.attrs.get("href") == f"{BASE}proposals/river-deal/#stances-northland-river-deal"]
    assert cell and "supports" in cell[0].text()


def test_every_stance_quote_claim_and_account_names_a_source(site: Path) -> None:
    """On every entity page, each such item links to a source page of the site."""
    checked = 0
    for kind in ("actors", "parties", "issues", "proposals", "events", "sources"):
        for folder in sorted(p for p in (site / kind).iterdir() if p.is_dir()):
            main = page(site, f"{kind}/{folder.name}")
            for item in main.find_all(where=_is_statement):
                assert cited(item), f"{kind}/{folder.name}: {item.text()}"
                checked += 1
    assert checked > 20


def _is_statement(element: Element) -> bool:
    """A stance (dated, with a stance label), a quote, a claim or an account block."""
    return element.tag in ("figure", "div", "article") and any(
        c in ("stance-card", "quote", "claim", "account") for c in element.classes)


def test_every_page_lists_each_source_it_cites(site: Path) -> None:
    """One list of sources per page: every `[n]` leads to an entry of it, and each entry
    links to the source's page and gives its publisher."""
    for path in sorted(site.rglob("index.html")):
        main = parse(path.read_text("utf-8")).main
        cited = {href[1:] for href in main.hrefs() if href.startswith("#cite-")}
        lists = main.find_all("section", "citations")
        assert len(lists) <= 1, path
        if not cited:
            continue
        entries = {li.id: li for li in lists[0].find_all("li")}
        assert cited <= set(entries), (path, cited - set(entries))
        for name in cited:
            source = name[len("cite-"):]
            assert f"{BASE}sources/{source}/" in entries[name].hrefs(), (path, name)
