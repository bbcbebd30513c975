"""Every way a page can read the Site records a dependency key whose fingerprint changes
when the data read changes (and the keys of an unrelated edit stay as they were)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from detente.content.check import check_project
from detente.content.model import Site
from detente.incremental import depkey
from detente.incremental.fingerprints import Fingerprints
from detente.incremental.tracking import TrackingSite

FILES = {
    "detente.yaml": "title: Tracking\n",
    "content/sources/s.yaml": "title: A source\n",
    "content/parties/list.yaml": (
        "- {id: party-a, name: Party A}\n"
        "- {id: party-b, name: Party B}\n"),
    "content/actors/list.yaml": (
        "- {id: actor-x, name: Actor X, roles: [{party: party-a, title: Envoy}]}\n"),
    "content/issues/i.yaml": "title: An issue\n",
    "content/proposals/p.yaml": "title: A proposal\nissues: [i]\n",
    "content/positions/list.yaml": (
        "- {party: party-a, on: p, stance: supports, date: 2025-03-01, source: s,"
        " said_by: actor-x}\n"),
    "content/events/list.yaml": (
        "- {id: e1, title: First, date: 2025-03-01, source: s, parties: [party-a]}\n"
        "- {id: e2, title: Second, date: 2025-03-05, source: s}\n"),
}

Edit = Callable[[dict[str, str]], None]
Read = Callable[[TrackingSite], object]


def _replace(path: str, old: str, new: str) -> Edit:
    def edit(files: dict[str, str]) -> None:
        assert old in files[path], (path, old)
        files[path] = files[path].replace(old, new)
    return edit


def _append(path: str, text: str) -> Edit:
    def edit(files: dict[str, str]) -> None:
        files[path] = files.get(path, "") + text
    return edit


def _site(tmp_path: Path, name: str, files: dict[str, str]) -> Site:
    project = tmp_path / name
    for relative, text in files.items():
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).write_text(text, encoding="utf-8")
    result = check_project(project)
    assert result.site is not None, result.diagnostics.sorted()
    return result.site


RENAME_B = _replace("content/parties/list.yaml", "Party B}", "Party Bee}")
NEW_EVENT = _append("content/events/list.yaml",
                    "- {id: e0, title: Zeroth, date: 2025-02-01, source: s}\n")
NEW_STANCE = _replace("content/positions/list.yaml", "stance: supports", "stance: opposes")
NEW_REFERENCE = _append("content/events/list.yaml",
                        "- {id: e3, title: Third, date: 2025-04-01, source: s,"
                        " parties: [party-b]}\n")
NEW_ROLE = _append("content/actors/list.yaml",
                   "- {id: actor-y, name: Actor Y, roles: [{party: party-a}]}\n")
SECOND_POSITION = _append("content/positions/list.yaml",
                          "- {party: party-b, on: p, stance: rejects, date: 2025-03-02,"
                          " source: s}\n")

CASES: dict[str, tuple[Read, Edit]] = {
    "get": (lambda r: r.get("party-b"), RENAME_B),
    "get of an absent id": (lambda r: r.get("e0"), NEW_EVENT),
    "entities[id]": (lambda r: r.entities["party-b"], RENAME_B),
    "id in entities": (lambda r: "e0" in r.entities, NEW_EVENT),
    "iterating entities": (lambda r: list(r.entities.values()), RENAME_B),
    "len(entities)": (lambda r: len(r.entities), NEW_EVENT),
    "iterating a kind": (lambda r: list(r.by_kind["parties"]), RENAME_B),
    "a kind's item by index": (lambda r: r.by_kind["events"][0], NEW_EVENT),
    "a kind's last item": (lambda r: r.by_kind["parties"][-1], RENAME_B),
    "a kind's length": (lambda r: len(r.by_kind["events"]), NEW_EVENT),
    "a slice of a kind": (lambda r: r.by_kind["parties"][:2], RENAME_B),
    "a kind reversed": (lambda r: list(reversed(r.by_kind["parties"])), RENAME_B),
    "events()": (lambda r: list(r.events()), NEW_EVENT),
    "backlinks[id]": (lambda r: r.backlinks.get("party-b"), NEW_REFERENCE),
    "iterating backlinks": (lambda r: dict(r.backlinks), NEW_REFERENCE),
    "histories[key]": (lambda r: r.histories[("party-a", "p")], NEW_STANCE),
    "iterating histories": (lambda r: dict(r.histories), NEW_STANCE),
    "people[party]": (lambda r: r.people["party-a"], NEW_ROLE),
    "iterating people": (lambda r: dict(r.people), NEW_ROLE),
    "histories_of[id]": (lambda r: r.histories_of["p"], SECOND_POSITION),
    "iterating histories_of": (lambda r: dict(r.histories_of), SECOND_POSITION),
    "positions_of[id]": (lambda r: r.positions_of["actor-x"], NEW_STANCE),
    "iterating positions_of": (lambda r: dict(r.positions_of), NEW_STANCE),
    "event_order[id]": (lambda r: r.event_order["e1"], NEW_EVENT),
    "iterating event_order": (lambda r: dict(r.event_order), NEW_EVENT),
}


def _changed_keys(tmp_path: Path, read: Read, edit: Edit) -> tuple[set[str], set[str]]:
    """(keys the read recorded, those of them whose fingerprint the edit changed)."""
    before = _site(tmp_path, "before", dict(FILES))
    edited = dict(FILES)
    edit(edited)
    after = _site(tmp_path, "after", edited)
    reader = TrackingSite(before)
    read(reader)
    old, new = Fingerprints(before), Fingerprints(after)
    return set(reader.deps), {k for k in reader.deps if old(k) != new(k)}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_read_records_a_key_that_the_edit_changes(case: str, tmp_path: Path) -> None:
    read, edit = CASES[case]
    recorded, changed = _changed_keys(tmp_path, read, edit)
    assert recorded, f"{case} recorded no dependency"
    assert changed, f"{case}: none of {sorted(recorded)} changed after the edit"


def test_an_unrelated_edit_leaves_a_single_read_unchanged(tmp_path: Path) -> None:
    recorded, changed = _changed_keys(tmp_path, lambda r: r.get("party-a"), RENAME_B)
    assert recorded == {"party-a"} and not changed


def test_keys_parse_back_to_what_made_them() -> None:
    made = {
        depkey.entity("x"): (depkey.KeyKind.ENTITY, ("x",)),
        depkey.entity("events#3"): (depkey.KeyKind.ENTITY, ("events#3",)),
        depkey.kind("events"): (depkey.KeyKind.KIND, ("events",)),
        depkey.at("events", 12): (depkey.KeyKind.AT, ("events", "12")),
        depkey.count("events"): (depkey.KeyKind.COUNT, ("events",)),
        depkey.history("a", "p"): (depkey.KeyKind.HISTORY, ("a", "p")),
        depkey.whole(depkey.Table.ENTITIES): (depkey.KeyKind.ALL, ("entities",)),
        depkey.order("e1"): (depkey.KeyKind.ORDER, ("e1",)),
    }
    for key, (kind, args) in made.items():
        parsed = depkey.parse(key)
        assert (parsed.kind, parsed.args) == (kind, args), key


@pytest.mark.parametrize("text", ["kind:", "at:events", "at:events:x", "all:nothing",
                                  "nonsense:x", "history:a"])
def test_text_no_constructor_makes_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a dependency key"):
        depkey.parse(text)
