"""Dependency keys: each constructor's text, `parse` as its only reader (and what it
refuses), and the keys an edit that keeps the Site's shape can change."""

from __future__ import annotations

import pytest

from detente.incremental import depkey
from detente.incremental.depkey import DepKey, KeyKind, ParsedKey, Table
from tests.helpers.content import SMALL_SITE, make_site


@pytest.mark.parametrize(("key", "text", "parsed"), [
    (depkey.entity("oslo"), "oslo", ParsedKey(KeyKind.ENTITY, ("oslo",))),
    (depkey.entity("river#2"), "river#2", ParsedKey(KeyKind.ENTITY, ("river#2",))),
    (depkey.kind("events"), "kind:events", ParsedKey(KeyKind.KIND, ("events",))),
    (depkey.at("events", 12), "at:events:12", ParsedKey(KeyKind.AT, ("events", "12"))),
    (depkey.count("actors"), "count:actors", ParsedKey(KeyKind.COUNT, ("actors",))),
    (depkey.backlinks("oslo"), "backlinks:oslo", ParsedKey(KeyKind.BACKLINKS, ("oslo",))),
    (depkey.history("north", "deal"), "history:north:deal",
     ParsedKey(KeyKind.HISTORY, ("north", "deal"))),
    (depkey.people("north"), "people:north", ParsedKey(KeyKind.PEOPLE, ("north",))),
    (depkey.histories_of("deal"), "histories-of:deal",
     ParsedKey(KeyKind.HISTORIES_OF, ("deal",))),
    (depkey.positions_of("ana"), "positions-of:ana", ParsedKey(KeyKind.POSITIONS_OF, ("ana",))),
    (depkey.order("signing"), "order:signing", ParsedKey(KeyKind.ORDER, ("signing",))),
    (depkey.whole(Table.ENTITIES), "all:entities", ParsedKey(KeyKind.ALL, ("entities",))),
    (depkey.whole(Table.HISTORIES_OF), "all:histories-of",
     ParsedKey(KeyKind.ALL, ("histories-of",))),
])
def test_each_key_reads_back_as_what_made_it(key: DepKey, text: str, parsed: ParsedKey) -> None:
    assert key == text
    assert depkey.parse(key) == parsed


def test_every_table_has_its_whole_key() -> None:
    assert {depkey.parse(depkey.whole(t)).args[0] for t in Table} == {t.value for t in Table}


@pytest.mark.parametrize("text", [
    "nope:x",  # no such kind of key
    "kind:",  # an empty argument
    "at:events",  # too few arguments
    "at:events:first",  # a position that is not a number
    "history:north",  # a history names a holder and a subject
    "all:everything",  # no such table
    ":oslo",
])
def test_parse_refuses_what_no_constructor_makes(text: str) -> None:
    with pytest.raises(ValueError, match="not a dependency key"):
        depkey.parse(text)


def test_an_edit_that_keeps_the_shape_changes_the_entity_and_its_kind() -> None:
    site = make_site(SMALL_SITE)
    assert depkey.changed_by_edit(site.entities["water"]) == {
        "water", "kind:issues", "all:entities"}


def test_an_edited_position_changes_its_histories_and_who_holds_or_stated_it() -> None:
    site = make_site(SMALL_SITE)
    assert depkey.changed_by_edit(site.entities["p#1"]) == {
        "p#1", "kind:positions", "all:entities", "all:histories", "history:north:deal",
        "histories-of:north", "histories-of:deal", "positions-of:north", "positions-of:ana",
        "all:positions-of"}
    assert depkey.changed_by_edit(site.entities["p#2"]) == {  # (no said_by)
        "p#2", "kind:positions", "all:entities", "all:histories", "history:north:deal",
        "histories-of:north", "histories-of:deal", "positions-of:north", "all:positions-of"}
