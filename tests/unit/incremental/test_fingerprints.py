"""Fingerprints of dependency keys: a key's fingerprint changes when what a page read
through it changes (else the page would keep showing the old data), and stays when
something else changes (else every edit would render every page)."""

from __future__ import annotations

import json

import pytest

from detente.content.model import Site
from detente.incremental.depkey import DepKey
from detente.incremental.fingerprints import MISSING, Fingerprints
from detente.incremental.tracking import TrackingSite
from tests.helpers.content import SMALL_SITE, make_site
from tests.helpers.reads import READS


@pytest.fixture(scope="module")
def site() -> Site:
    return make_site(SMALL_SITE)


@pytest.mark.parametrize("name", READS)
def test_an_edit_of_what_a_page_read_changes_the_fingerprint_of_a_key_it_recorded(
        site: Site, name: str) -> None:
    read, _key, edit = READS[name]
    edited = make_site(edit(SMALL_SITE))
    assert read(edited) != read(site), "the edit must change what the read gives"
    tracker = TrackingSite(site)
    read(tracker)
    before, after = Fingerprints(site), Fingerprints(edited)
    assert [k for k in sorted(tracker.deps) if before(k) != after(k)] != []


KEYS = ["north", "ben", "p#3", "kind:actors", "kind:parties", "count:actors", "at:actors:1",
        "backlinks:north", "backlinks:ben", "history:north:deal", "history:ben:water",
        "people:north", "people:south", "histories-of:ben", "positions-of:ben",
        "positions-of:ana", "order:border", "all:entities", "all:backlinks", "all:people",
        "all:positions-of", "all:histories"]


def _changed(site: Site, edited: Site) -> list[str]:
    before, after = Fingerprints(site), Fingerprints(edited)
    return [key for key in KEYS if before(key) != after(key)]


def test_renaming_an_actor_changes_only_what_shows_that_actor(site: Site) -> None:
    edited = make_site({**SMALL_SITE, "content/actors/actors.yaml": SMALL_SITE[
        "content/actors/actors.yaml"].replace("Ben South", "Benedict South")})
    # (his place among the actors, 'ana', 'ben', 'cara', stays the same)
    assert _changed(site, edited) == ["ben", "kind:actors", "all:entities"]


def test_an_edited_stance_changes_its_history_and_the_positions_of_its_holder(
        site: Site) -> None:
    positions = SMALL_SITE["content/positions/p.yaml"]
    edited = make_site({**SMALL_SITE, "content/positions/p.yaml": positions.replace(
        "stance: opposes", "stance: rejects")})
    assert _changed(site, edited) == ["p#3", "history:ben:water", "histories-of:ben",
                                      "positions-of:ben", "all:entities",
                                      "all:positions-of", "all:histories"]


def test_the_key_at_a_position_names_the_entity_there_not_its_content(site: Site) -> None:
    """What the entity holds is its own key's (a read by position records both)."""
    events = SMALL_SITE["content/events/events.yaml"]
    retitled = make_site({**SMALL_SITE, "content/events/events.yaml": events.replace(
        "title: Border incident", "title: Border clash")})
    assert Fingerprints(site)("at:events:1") == Fingerprints(retitled)("at:events:1") == \
        "border"
    assert Fingerprints(site)("border") != Fingerprints(retitled)("border")
    assert Fingerprints(site)("at:events:9") == MISSING


def test_the_record_a_page_keeps_is_each_key_with_its_fingerprint(site: Site) -> None:
    fingerprints = Fingerprints(site)
    keys = [DepKey("count:events"), DepKey("nobody"), DepKey("order:signing")]
    assert json.loads(fingerprints.record(keys)) == {"count:events": "3", "nobody": MISSING,
                                                     "order:signing": "2"}


def test_a_key_from_another_version_never_matches_a_stored_fingerprint(site: Site) -> None:
    fingerprints = Fingerprints(site)
    assert fingerprints("shape:north") == MISSING + "shape:north"
    assert fingerprints("shape:north") not in {fingerprints(k) for k in KEYS}
