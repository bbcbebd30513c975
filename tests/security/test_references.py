"""References (guarantee 3: nothing misattributed silently): every id written in a field or
in prose names exactly one entity of a kind the field takes, or it is an error at its
file:line:col; colliding ids are errors naming both places; prose references resolve to the
entity's page with its own name, escaped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.sites import detente
from tests.security import kit

HOME = "content/pages/index.md"

PROSE = {
    "misspelt": ("See [[water-plna]].", "1:5: error: [[water-plna]] is not the id of any "
                                        "entity",
                 "    hint: did you mean 'water-plan', 'water'?"),
    "wrong-case": ("See [[Water-Plan]].", "1:5: error: [[Water-Plan]] is not the id of any "
                                          "entity", "    hint: did you mean 'water-plan'?"),
    "cyrillic-a": ("See [[w\u0430ter-plan]].", "1:5: error: [[w\u0430ter-plan]] is not the "
                                               "id of any entity",
                   "    hint: did you mean 'water-plan'?"),
    "empty": ("See [[]].", "1:5: error: [[]] is not the id of any entity", None),
    "empty-with-text": ("See [[|the plan]].", "1:5: error: [[]] is not the id of any entity",
                        None),
    "citation-of-a-party": ("As [@northern-union] says.",
                            "1:4: error: [@northern-union] is a party, but a citation takes "
                            "a source", None),
    "citation-misspelt": ("As [@readuot] says.", "1:4: error: [@readuot] is not the id of any "
                                                 "source", "    hint: did you mean 'readout'?"),
    "second-line": ("Fine [[water-plan]].\n\nThen [[water-plam]].",
                    "3:6: error: [[water-plam]] is not the id of any entity",
                    "    hint: did you mean 'water-plan', 'water'?"),
    "in-a-table": ("| a |\n|---|\n| [[nope]] |", "3:3: error: [[nope]] is not the id of any "
                                                 "entity", None),
    "in-a-footnote": ("Text[^1].\n\n[^1]: See [[nope]].",
                      "3:11: error: [[nope]] is not the id of any entity", None),
}


@pytest.mark.parametrize("case", sorted(PROSE))
def test_prose_references_are_ids_or_errors(tmp_path: Path, case: str) -> None:
    body, error, hint = PROSE[case]
    project = kit.write_site(tmp_path, {"home.body": body})
    out = detente("check", project).stdout.splitlines()
    assert out[0] == f"{HOME}:{error}"
    if hint is not None:
        assert out[1] == hint
    assert len([line for line in out if not line.startswith("    ")]) == 1


def test_references_inside_code_are_text(tmp_path: Path) -> None:
    body = "See `[[nothing]]` and\n\n```\n[[nothing]] [@none]\n```\n"
    pages = kit.built(tmp_path, {"home.body": body})
    assert "<code>[[nothing]]</code>" in pages["index.html"]
    assert "<pre><code>[[nothing]] [@none]\n</code></pre>" in pages["index.html"]


def test_spaces_inside_a_reference_are_trimmed(tmp_path: Path) -> None:
    pages = kit.built(tmp_path, {"home.body": "[[ water-plan ]]"})
    assert '<p><a href="/talks/proposals/water-plan/">Water plan</a></p>' in pages["index.html"]


def test_a_reference_shows_the_entitys_name_escaped(tmp_path: Path) -> None:
    project = kit.write_site(tmp_path / "p", {"proposal.title": "Plan <A> & \"B\""})
    pages = kit.build_pages(project, tmp_path / "out")
    assert '<a href="/talks/proposals/water-plan/">Plan &lt;A&gt; &amp; &quot;B&quot;</a>' in \
        pages["index.html"]


POSITION = ("- party: northern-union\n  on: {on}\n  stance: supports\n  date: 2024-02-01\n"
            "  source: readout\n{extra}")
FIELDS = {
    "said-by-a-party": ({"content/positions/x.yaml": POSITION.format(
        on="water-plan", extra="  said_by: northern-union\n")},
        ["content/positions/x.yaml:6:12: error: 'northern-union' is a party, but 'said_by' "
         "takes an actor"]),
    "stance-on-an-event": ({"content/positions/x.yaml": POSITION.format(on="first-round",
                                                                        extra="")},
                           ["content/positions/x.yaml:2:7: error: 'first-round' is an event, "
                            "but 'on' takes a proposal or an issue"]),
    "stance-sourced-by-a-party": ({"content/positions/x.yaml": POSITION.format(
        on="water-plan", extra="").replace("source: readout", "source: northern-union")},
        ["content/positions/x.yaml:5:11: error: 'northern-union' is a party, but 'source' "
         "takes a source"]),
    "issue-its-own-parent": ({"content/issues/water.yaml": "title: W\nparent: water\n"},
                             ["content/issues/water.yaml:2:9: error: 'water' refers to itself"]),
    "member-that-is-a-person": ({"content/parties/extra.yaml": "- id: bloc\n  name: Bloc\n"
                                                               "  members: [ada-envoy]\n"},
                                ["content/parties/extra.yaml:3:13: error: 'ada-envoy' is an "
                                 "actor, but 'members' takes a party"]),
    "number-for-an-id": ({"content/issues/x.yaml": "title: X\nparent: 12\n"},
                         ["content/issues/x.yaml:2:9: error: '12' is not the id of any issue"]),
    "capitals-in-an-id": ({"content/issues/x.yaml": "id: Water-2\ntitle: X\n"},
                          ["content/issues/x.yaml:1:5: error: 'Water-2' is not a valid id"]),
    "reference-to-a-draft": ({"content/issues/water.yaml": "title: W\ndraft: true\n"},
                             ["content/events/first-round.yaml:7:10: error: 'water' refers to "
                              "a draft (content/issues/water.yaml:1:1)",
                              "content/proposals/water-plan.yaml:2:10: error: 'water' refers "
                              "to a draft (content/issues/water.yaml:1:1)"]),
    "claim-by-a-missing-party": ({"content/events/first-round.yaml": kit.FILES[
        "content/events/first-round.yaml"].replace("claimed_by: northern-union",
                                                   "claimed_by: nothern-union")},
        ["content/events/first-round.yaml:19:17: error: 'nothern-union' is not the id of any "
         "party or actor"]),
    "quote-by-a-party": ({"content/events/first-round.yaml": kit.FILES[
        "content/events/first-round.yaml"].replace("by: ada-envoy", "by: northern-union")},
        ["content/events/first-round.yaml:13:9: error: 'northern-union' is a party, but 'by' "
         "takes an actor"]),
}


@pytest.mark.parametrize("case", sorted(FIELDS))
def test_field_references_are_ids_of_the_right_kind(tmp_path: Path, case: str) -> None:
    extra, errors = FIELDS[case]
    project = kit.write_site(tmp_path, extra=extra)
    assert kit.problems(project) == errors


COLLISIONS = {
    "across-kinds": ({"content/actors/water.yaml": "name: Water\n"},
                     "content/issues/water.yaml:1:1: error: id 'water' is already used by an "
                     "actor at content/actors/water.yaml:1:1"),
    "yaml-and-yml": ({"content/issues/water.yml": "title: Water again\n"},
                     "content/issues/water.yml:1:1: error: id 'water' is already used by an "
                     "issue at content/issues/water.yaml:1:1"),
    "two-list-files": ({"content/sources/more.yaml": "- id: readout\n  title: Again\n"},
                       "content/sources/sources.yaml:1:3: error: id 'readout' is already used "
                       "by a source at content/sources/more.yaml:1:3"),
    "inline-event": ({"content/timelines/talks.yaml": "title: T\nevents:\n  - id: first-round\n"
                                                      "    title: X\n    date: 2024-01-01\n"
                                                      "    source: readout\n"},
                     "content/timelines/talks.yaml:3:5: error: id 'first-round' is already "
                     "used by an event at content/events/first-round.yaml:1:1"),
    "id-field-and-file-name": ({"content/issues/other.yaml": "id: water\ntitle: Other\n"},
                               "content/issues/water.yaml:1:1: error: id 'water' is already "
                               "used by an issue at content/issues/other.yaml:1:1"),
    "page-id-and-site-path": ({"content/pages/search.md": "---\ntitle: Search me\n---\nx\n"},
                              "content/pages/search.md:2:1: error: page id 'search' clashes "
                              "with the site's own /search/ path"),
}


@pytest.mark.parametrize("case", sorted(COLLISIONS))
def test_id_collisions_are_errors_naming_both_places(tmp_path: Path, case: str) -> None:
    extra, error = COLLISIONS[case]
    assert error in kit.problems(kit.write_site(tmp_path, extra=extra))


def test_prose_given_twice_is_an_error(tmp_path: Path) -> None:
    project = kit.write_site(tmp_path, extra={"content/issues/water.md": "Body one.\n",
                                              "content/issues/water.yaml": "title: W\n"
                                                                           "body: Body two.\n"})
    assert kit.problems(project) == [
        "content/issues/water.md:1:1: error: 'water' has prose both here and in 'body:' at "
        "content/issues/water.yaml:2:7"]


def test_prose_for_no_entity_is_an_error(tmp_path: Path) -> None:
    project = kit.write_site(tmp_path, extra={"content/issues/waters.md": "Prose.\n"})
    assert kit.problems(project) == [
        "content/issues/waters.md:1:1: error: 'content/issues/waters.md' is prose for "
        "'waters', but no issue has that id"]
