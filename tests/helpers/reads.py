"""Every way a page can read the linked Site, written once against any `SiteReader`, with the
dependency keys the tracker records for it on the small site of tests/helpers/content.py
(`SMALL_SITE`), and an edit of that site that changes what the read gives.

tests/unit/incremental/test_tracking.py checks the keys; test_fingerprints.py that each
edit changes the fingerprint of a key the read recorded (else a page would not be rendered
again when what it showed changed).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from detente.content.model import SiteReader

Files = Mapping[str, str]
Read = Callable[[SiteReader], object]


def _replace(path: str, old: str, new: str) -> Callable[[Files], Files]:
    def edit(files: Files) -> Files:
        assert old in files[path], (path, old)
        return {**files, path: files[path].replace(old, new, 1)}

    return edit


def _add(path: str, text: str) -> Callable[[Files], Files]:
    def edit(files: Files) -> Files:
        assert path not in files, path
        return {**files, path: text}

    return edit


def _append(path: str, text: str) -> Callable[[Files], Files]:
    def edit(files: Files) -> Files:
        return {**files, path: files[path] + text}

    return edit


EVENTS, POSITIONS = "content/events/events.yaml", "content/positions/p.yaml"
ACTORS = "content/actors/actors.yaml"
RENAME_NORTH = _replace("content/parties/parties.yaml", "Republic of North", "North Republic")
ADD_ISSUE = _add("content/issues/gone.yaml", "title: Gone\n")
ADD_EVENT = _append(EVENTS, "- id: later\n  title: Later\n  date: 2025-01-01\n"
                    "  source: report\n")
BORDER_LAST = _replace(EVENTS, "date: 2024-02\n", "date: 2024-04\n")
RETITLE_FIRST = _replace(EVENTS, "title: First talks", "title: Opening talks")
POSITION = "- party: {holder}\n  on: {on}\n  stance: supports\n  date: 2024-03-03\n" \
           "  source: report\n"
SOUTH_ON_DEAL = _append(POSITIONS, POSITION.format(holder="south", on="deal"))
NORTH_ON_WATER = _append(POSITIONS, POSITION.format(holder="north", on="water"))
NEW_STANCE = _replace(POSITIONS, "stance: conditional", "stance: ambiguous")
ANA_REJECTS = _replace(POSITIONS, "stance: supports", "stance: rejects")
BEN_JOINS_NORTH = _replace(ACTORS, "    - party: south\n", "    - party: north\n")
NORTH_LEAVES_SIGNING = _replace(EVENTS, "parties: [north, south]", "parties: [south]")
BORDER_IN_A_TIMELINE = _add("content/timelines/t.yaml",  # ('border' was referred to by none)
                            "title: Border\nevents: [border]\n")

SMALL_SITE_IDS = {"north", "south", "report", "ana", "ben", "cara", "water", "deal", "p#1",
                  "p#2", "p#3", "first-talks", "border", "signing"}

# name: (the read, the keys it records, an edit that changes what it gives). `list()` of a
# kind asks its length first, and so records its count too (a comprehension does not);
# `dict()` of a table looks each entry up, and so records each entry's key too.
READS: dict[str, tuple[Read, set[str], Callable[[Files], Files]]] = {
    "get an entity": (lambda r: r.get("north"), {"north"}, RENAME_NORTH),
    "get a missing entity": (lambda r: r.get("nobody"), {"nobody"},
                             _add("content/issues/nobody.yaml", "title: Nobody\n")),
    "look an entity up": (lambda r: r.entities["north"], {"north"}, RENAME_NORTH),
    "ask whether an id is in use": (lambda r: "gone" in r.entities, {"gone"}, ADD_ISSUE),
    "list every entity": (lambda r: sorted(r.entities), {"all:entities"}, ADD_ISSUE),
    "every entity, with what it holds": (lambda r: list(r.entities.values()),
                                         {"all:entities", *SMALL_SITE_IDS}, RENAME_NORTH),
    "count every entity": (lambda r: len(r.entities), {"all:entities"}, ADD_ISSUE),
    "list a kind": (lambda r: [e.id for e in r.by_kind["events"]], {"kind:events"},
                    BORDER_LAST),
    "a kind, with what each holds": (lambda r: [e for e in r.by_kind["parties"]],
                                     {"kind:parties"},
                                     RENAME_NORTH),
    "list a kind backwards": (lambda r: [e.id for e in reversed(r.by_kind["events"])],
                              {"kind:events"}, BORDER_LAST),
    "a kind backwards, with what each holds": (lambda r: list(reversed(r.by_kind["parties"])),
                                               {"kind:parties"}, RENAME_NORTH),
    "slice a kind": (lambda r: [e.id for e in r.by_kind["events"][:2]], {"kind:events"},
                     BORDER_LAST),
    "a slice of a kind, with what each holds": (lambda r: list(r.by_kind["parties"][:2]),
                                                {"kind:parties"}, RENAME_NORTH),
    # by position: who stands there, and what that entity holds
    "the id at a position": (lambda r: r.by_kind["events"][1].id, {"at:events:1", "border"},
                             BORDER_LAST),
    "the id at a position from the end": (lambda r: r.by_kind["events"][-1].id,
                                          {"at:events:2", "signing"}, BORDER_LAST),
    "the entity at a position": (lambda r: r.by_kind["parties"][-1],
                                 {"at:parties:1", "north"}, RENAME_NORTH),
    "count a kind": (lambda r: len(r.by_kind["events"]), {"count:events"}, ADD_EVENT),
    "the events in order": (lambda r: [e.id for e in r.events()], {"kind:events"},
                            BORDER_LAST),
    "the events, with what each holds": (lambda r: [e for e in r.events()],
                                         {"kind:events"},
                                         RETITLE_FIRST),
    "an event by position": (lambda r: r.events()[0].id, {"at:events:0", "first-talks"},
                             _replace(EVENTS, "date: 2024-01-10", "date: 2024-05-10")),
    "an event by position, with what it holds": (lambda r: r.events()[0],
                                                 {"at:events:0", "first-talks"},
                                                 RETITLE_FIRST),
    "what refers to an entity": (lambda r: r.backlinks["north"], {"backlinks:north"},
                                 NORTH_LEAVES_SIGNING),
    "what refers to an entity nothing refers to yet": (lambda r: r.backlinks.get("border"),
                                                       {"backlinks:border"},
                                                       BORDER_IN_A_TIMELINE),
    "everything that is referred to": (lambda r: sorted(r.backlinks), {"all:backlinks"},
                                       BORDER_IN_A_TIMELINE),
    "what refers to everything": (lambda r: dict(r.backlinks), {"all:backlinks", *(
        f"backlinks:{i}" for i in ("ana", "ben", "deal", "north", "report", "south", "water"))},
                                  NORTH_LEAVES_SIGNING),
    "a stance history": (lambda r: [(p.id, p.stance) for p in r.histories[("north", "deal")]],
                         {"history:north:deal"}, NEW_STANCE),
    "every stance history": (lambda r: sorted(r.histories), {"all:histories"}, SOUTH_ON_DEAL),
    "every stance history, with its stances": (lambda r: dict(r.histories), {
        "all:histories", "history:ben:water", "history:north:deal"}, NEW_STANCE),
    "a party's people": (lambda r: r.people["north"], {"people:north"}, BEN_JOINS_NORTH),
    "every party's people": (lambda r: sorted(r.people), {"all:people"}, BEN_JOINS_NORTH),
    "every party, with its people": (lambda r: dict(r.people), {
        "all:people", "people:north", "people:south"},
                                     _append(ACTORS, "- id: dan\n  name: Dan\n  roles:\n"
                                             "    - party: north\n")),
    "the histories of a holder": (lambda r: r.histories_of["north"], {"histories-of:north"},
                                  NORTH_ON_WATER),
    "every holder's histories": (lambda r: sorted(r.histories_of), {"all:histories-of"},
                                 SOUTH_ON_DEAL),
    "every holder, with its histories": (lambda r: dict(r.histories_of), {"all:histories-of", *(
        f"histories-of:{i}" for i in ("ben", "deal", "north", "water"))}, NORTH_ON_WATER),
    "what an actor stated": (lambda r: [p.id for p in r.positions_of["ana"]],
                             {"positions-of:ana"},
                             _append(POSITIONS, POSITION.format(holder="north", on="water")
                                     + "  said_by: ana\n")),
    "what an actor stated, and how": (lambda r: r.positions_of["ana"], {"positions-of:ana"},
                                      ANA_REJECTS),
    "everyone's positions": (lambda r: sorted(r.positions_of), {"all:positions-of"},
                             SOUTH_ON_DEAL),
    "everyone, with their positions": (lambda r: dict(r.positions_of), {
        "all:positions-of", "positions-of:ana", "positions-of:ben", "positions-of:north"},
        ANA_REJECTS),
    "an event's place in the timeline": (lambda r: r.event_order["signing"], {"order:signing"},
                                         _replace(EVENTS, "date: 2024-03-01",
                                                  "date: 2024-01-01")),
    "every event's place": (lambda r: sorted(r.event_order), {"all:order"}, ADD_EVENT),
    "every event, with its place": (lambda r: dict(r.event_order), {
        "all:order", "order:border", "order:first-talks", "order:signing"}, BORDER_LAST),
}
