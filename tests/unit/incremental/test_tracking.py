"""The dependency tracker: every way a page can read the Site gives what the Site gives and
records exactly the keys it should: one, or for a read by position, the position and the
entity there (tests/unit/incremental/test_fingerprints.py: a key's fingerprint changes
when what was read changes)."""

from __future__ import annotations

import pytest

from detente.content.model import Site
from detente.incremental.tracking import TrackingSite
from tests.helpers.content import SMALL_SITE, make_site
from tests.helpers.reads import READS


@pytest.fixture(scope="module")
def site() -> Site:
    return make_site(SMALL_SITE)


@pytest.mark.parametrize("name", READS)
def test_each_read_gives_what_the_site_gives_and_records_its_keys(site: Site,
                                                                 name: str) -> None:
    read, keys, _edit = READS[name]
    tracker = TrackingSite(site)
    assert read(tracker) == read(site)
    assert tracker.deps == keys


def test_the_settings_are_no_dependency(site: Site) -> None:
    """Every page shows them; they are in the global key (fingerprint.global_key)."""
    tracker = TrackingSite(site)
    assert tracker.config.title == "Test site"
    assert tracker.deps == set()


def test_reads_add_up(site: Site) -> None:
    tracker = TrackingSite(site)
    for id_ in ("north", "north", "report"):
        tracker.get(id_)
    len(tracker.by_kind["sources"])
    assert tracker.deps == {"north", "report", "count:sources"}
