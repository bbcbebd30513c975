"""Linking: every id resolved once, every inverse relation computed once, on small sites
made in memory. The messages for broken references are the invalid fixtures'; here, what the
linked Site holds."""

from __future__ import annotations

import pytest

from detente.content.dates import parse_date
from detente.content.diagnostics import SourceSpan
from detente.content.link import current_status, iter_refs
from detente.content.model import Backlink, Proposal, Site, StatusEntry
from tests.helpers.content import BASE, SMALL_SITE, check_files, make_site


@pytest.fixture(scope="module")
def site() -> Site:
    return make_site(SMALL_SITE)


def test_each_kind_is_sorted_by_date_then_label(site: Site) -> None:
    assert [e.id for e in site.by_kind["events"]] == ["first-talks", "border", "signing"]
    assert [e.id for e in site.by_kind["actors"]] == ["ana", "ben", "cara"]  # case-blind
    assert [e.id for e in site.by_kind["parties"]] == ["south", "north"]  # Kingdom, Republic
    assert [e.id for e in site.by_kind["positions"]] == ["p#2", "p#3", "p#1"]
    assert site.event_order == {"first-talks": 0, "border": 1, "signing": 2}


def test_backlinks_name_the_referring_entity_and_field_once(site: Site) -> None:
    # In the order the files are read (kind folders by name); 'ana' twice in one field: once.
    assert site.backlinks["ana"] == (Backlink("signing", "body"),
                                     Backlink("first-talks", "actors"),
                                     Backlink("p#1", "said_by"))
    assert site.backlinks["north"] == (
        Backlink("ana", "roles"), Backlink("cara", "roles"), Backlink("signing", "body"),
        Backlink("signing", "parties"), Backlink("first-talks", "parties"),
        Backlink("p#1", "party"), Backlink("p#2", "party"))
    assert site.backlinks["water"] == (Backlink("p#3", "on"), Backlink("deal", "issues"))
    assert "border" not in site.backlinks


def test_stance_histories_by_holder_and_subject_oldest_first(site: Site) -> None:
    assert {k: [p.id for p in v] for k, v in site.histories.items()} == {
        ("north", "deal"): ["p#2", "p#1"], ("ben", "water"): ["p#3"]}
    assert site.histories_of == {"north": (("north", "deal"),), "deal": (("north", "deal"),),
                                 "ben": (("ben", "water"),), "water": (("ben", "water"),)}
    # what a holder holds, and what an actor stated for someone else
    assert {k: [p.id for p in v] for k, v in site.positions_of.items()} == {
        "north": ["p#2", "p#1"], "ana": ["p#1"], "ben": ["p#3"]}
    assert [p.id for p in site.positions] == ["p#2", "p#3", "p#1"]


def test_people_of_a_party_are_its_role_holders_in_order(site: Site) -> None:
    assert site.people == {"north": ("ana", "cara"), "south": ("ben",)}


def test_iter_refs_gives_every_reference_with_its_top_level_field(site: Site) -> None:
    refs = [(field, ref.id) for field, ref in iter_refs(site.entities["signing"])]
    assert refs == [("body", "ana"), ("body", "north"), ("body", "report"),
                    ("parties", "north"), ("parties", "south"), ("sources", "report")]


def test_drafts_are_left_out_and_references_to_them_reported() -> None:
    files = {**BASE, "content/issues/secret.yaml": "title: Secret\ndraft: true\n",
             "content/issues/open.yaml": "title: Open\nparent: secret\n"}
    checked = check_files(files)
    assert checked.problems == [
        ("content/issues/open.yaml:2:9", "'secret' refers to a draft "
         "(content/issues/secret.yaml:1:1)", "publish it (remove 'draft: true'), build with "
         "--drafts, or remove the reference")]
    with_drafts = check_files(files, include_drafts=True)
    assert with_drafts.problems == [] and with_drafts.site is not None
    assert with_drafts.site.backlinks["secret"] == (Backlink("open", "parent"),)
    published = make_site({**BASE, "content/issues/secret.yaml": "title: Secret\ndraft: true\n"})
    assert "secret" not in published.entities and published.by_kind["issues"] == ()


@pytest.mark.parametrize(("files", "expected"), [
    ({"content/issues/a.yaml": "title: A\nparent: b\n",
      "content/issues/b.yaml": "title: B\nparent: c\n",
      "content/issues/c.yaml": "title: C\nparent: a\n"},
     [("content/issues/a.yaml:2:9", "issue 'a' is its own ancestor through 'parent' "
       "(a -> b -> c -> a)", "break the cycle: remove or change one 'parent'")]),
    ({"content/issues/a.yaml": "title: A\nparent: a\n"},
     [("content/issues/a.yaml:2:9", "'a' refers to itself", "")]),
    ({"content/issues/north.yaml": "title: North\n"},  # (issues/ is read before parties/)
     [("content/parties/parties.yaml:1:3", "id 'north' is already used by an issue at "
       "content/issues/north.yaml:1:1", "ids are unique across all kinds; rename one of "
       "them")]),
    ({"content/issues/a.yaml": "title: A\nparent: north\n"},
     [("content/issues/a.yaml:2:9", "'north' is a party, but 'parent' takes an issue", "")]),
    ({"content/pages/search.md": "---\ntitle: Search\n---\nText.\n"},
     [("content/pages/search.md:2:1", "page id 'search' clashes with the site's own "
       "/search/ path", "rename the page")]),
])
def test_references_that_cannot_be_resolved(files: dict[str, str],
                                            expected: list[tuple[str, str, str]]) -> None:
    checked = check_files({**BASE, **files})
    assert checked.problems == expected
    assert checked.site is None


def test_current_status_is_the_latest_and_the_last_written_among_equal_dates() -> None:
    site = make_site({**BASE, "content/proposals/deal.yaml": """\
title: The deal
status:
  - date: 2024-03-01
    status: agreed
  - date: 2024-01-10
    status: proposed
  - date: 2024-03-01
    status: in-force
"""})
    deal = site.entities["deal"]
    assert isinstance(deal, Proposal)
    assert current_status(deal.status) == StatusEntry(parse_date("2024-03-01"), "in-force")
    assert current_status(()) is None
    assert deal.span == SourceSpan("content/proposals/deal.yaml")
