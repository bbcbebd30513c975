"""Unicode done right (guarantee 8): text is NFC wherever it came from, characters that
change how text reads without being seen are errors in ids and names, control characters
are errors in any text, right-to-left names keep their direction, and no message prints a
character that could reorder or drive the terminal.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from tests.helpers.sites import detente
from tests.security import kit

COMPOSED = "Jos\u00e9 Ram\u00f3n"
DECOMPOSED = "Jose\u0301 Ramo\u0301n"


def test_a_decomposed_name_is_the_composed_one(tmp_path: Path) -> None:
    one = kit.build_pages(kit.write_site(tmp_path / "a", {"actor.name": COMPOSED}),
                          tmp_path / "one")
    two = kit.build_pages(kit.write_site(tmp_path / "b", {"actor.name": DECOMPOSED}),
                          tmp_path / "two")
    assert one == two
    assert f"<h1>{COMPOSED}</h1>" in two["actors/ada-envoy/index.html"]


def test_a_decomposed_escape_in_double_quotes_is_composed(tmp_path: Path) -> None:
    project = kit.write_site(tmp_path / "p", extra={
        "content/issues/x.yaml": 'title: "Jose\\u0301 Ramo\\u0301n"\n'})
    pages = kit.build_pages(project, tmp_path / "out")
    assert f"<h1>{COMPOSED}</h1>" in pages["issues/x/index.html"]


def test_prose_bodies_are_nfc(tmp_path: Path) -> None:
    pages = kit.built(tmp_path, {"page.body": DECOMPOSED})
    assert f"<p>{COMPOSED}</p>" in pages["about/index.html"]
    assert all(unicodedata.is_normalized("NFC", page) for page in pages.values())


def test_open_data_is_nfc(tmp_path: Path) -> None:
    pages = kit.built(tmp_path, {"actor.name": DECOMPOSED})
    actors = json.loads(pages["data/site.json"])["entities"]["actors"]
    assert [a["name"] for a in actors] == [COMPOSED]


HIDDEN = {
    "right-to-left override": "\u202e", "left-to-right override": "\u202d",
    "right-to-left embedding": "\u202b", "pop directional formatting": "\u202c",
    "right-to-left isolate": "\u2067", "first strong isolate": "\u2068",
    "pop directional isolate": "\u2069", "zero-width space": "\u200b",
    "zero-width joiner": "\u200d", "right-to-left mark": "\u200f", "word joiner": "\u2060",
    "byte order mark": "\ufeff",
}


@pytest.mark.parametrize("what", sorted(HIDDEN))
def test_invisible_characters_in_a_name_are_errors(tmp_path: Path, what: str) -> None:
    char = HIDDEN[what]
    project = kit.write_site(tmp_path, {"actor.name": f"Ada{char}Envoy"})
    assert kit.problems(project) == [
        f"content/actors/ada-envoy.yaml:1:7: error: 'name' contains invisible or "
        f"direction-changing characters (U+{ord(char):04X})"]


@pytest.mark.parametrize(("written", "shown", "names"), [
    ("evil\\u202egpj", "evil<U+202E>gpj", "U+202E"),
    ("wa\\u200bter", "wa<U+200B>ter", "U+200B"),
    ("\\u2066water\\u2069", "<U+2066>water<U+2069>", "U+2066, U+2069"),
])
def test_invisible_characters_in_an_id_are_named(tmp_path: Path, written: str, shown: str,
                                                 names: str) -> None:
    project = kit.write_site(tmp_path, extra={"content/issues/x.yaml": f'id: "{written}"\n'
                                                                       "title: X\n"})
    assert kit.problems(project) == [
        f"content/issues/x.yaml:1:5: error: '{shown}' is not a valid id: it holds invisible "
        f"or direction-changing characters ({names})"]


def test_a_file_name_with_an_override_is_shown_escaped(tmp_path: Path) -> None:
    project = kit.write_site(tmp_path, extra={"content/issues/evil\u202egpj.yaml": "title: X\n"})
    assert kit.problems(project) == [
        "content/issues/evil<U+202E>gpj.yaml:1:1: error: file name 'evil<U+202E>gpj.yaml' "
        "does not give a valid id"]


@pytest.mark.parametrize(("written", "named"), [
    ("w\u0430ter", ": '\u0430' (U+0430 CYRILLIC SMALL LETTER A) at column 7"),
    ("\uff57ater", ": '\uff57' (U+FF57 FULLWIDTH LATIN SMALL LETTER W) at column 6"),
    ("Water", ""),
    ("wat\u00e9r", ": '\u00e9' (U+00E9 LATIN SMALL LETTER E WITH ACUTE) at column 9")])
def test_lookalike_ids_are_not_ids(tmp_path: Path, written: str, named: str) -> None:
    """The character that is not what it looks like is named, with its column."""
    project = kit.write_site(tmp_path, extra={"content/issues/x.yaml": f'id: "{written}"\n'
                                                                       "title: X\n"})
    assert kit.problems(project) == [
        f"content/issues/x.yaml:1:5: error: '{written}' is not a valid id{named}"]


def test_a_lookalike_id_suggests_the_ascii_one_and_its_references_are_not_reported_again(
        tmp_path: Path) -> None:
    project = kit.write_site(tmp_path, extra={
        "content/issues/x.yaml": "id: w\u0430ter-rights\ntitle: X\n",
        "content/proposals/p.yaml": "title: P\nissues: [water-rights]\n"})
    done = kit.check_output(project)
    assert done.stdout == (
        "content/issues/x.yaml:1:5: error: 'w\u0430ter-rights' is not a valid id: '\u0430' "
        "(U+0430 CYRILLIC SMALL LETTER A) at column 6\n"
        "    hint: ids are lowercase ASCII letters, digits and single hyphens; did you mean "
        "'water-rights'?\n")


# ---------------------------------------------------------------- control characters
@pytest.mark.parametrize(("field", "char", "where"), [
    ("actor.name", "\x07", "content/actors/ada-envoy.yaml:1:7"),
    ("actor.name", "\x1b", "content/actors/ada-envoy.yaml:1:7"),
    ("actor.name", "\x7f", "content/actors/ada-envoy.yaml:1:7"),
    ("actor.name", "\x85", "content/actors/ada-envoy.yaml:1:7"),
    ("actor.name", "\x00", "content/actors/ada-envoy.yaml:1:7"),
    ("party.summary", "\x1b", "content/parties/parties.yaml:8:12"),
    ("event.quote", "\x08", "content/events/first-round.yaml:12:11"),
    ("source.publisher", "\x0c", "content/sources/sources.yaml:3:14"),
])
def test_control_characters_in_fields_are_errors(tmp_path: Path, field: str, char: str,
                                                 where: str) -> None:
    project = kit.write_site(tmp_path, {field: f"Before{char}after"})
    key = field.split(".")[1].replace("quote", "text")
    assert kit.problems(project) == [
        f"{where}: error: '{key}' contains control characters (U+{ord(char):04X})"]


def test_a_control_character_in_a_prose_body_is_an_error_at_its_place(tmp_path: Path) -> None:
    project = kit.write_site(tmp_path, {"event.body": "Line one.\n\nLine \x07two."})
    assert kit.problems(project) == [
        "content/events/first-round.md:3:6: error: a control character (U+0007) in the text"]


def test_a_control_character_in_the_site_title_is_a_config_error(tmp_path: Path) -> None:
    project = kit.write_site(tmp_path, {"site.title": "Strait\x1b[2Jtalks"})
    run = detente("check", project)
    assert run.code == 2
    assert run.stdout.splitlines()[0] == (
        "detente.yaml:1:8: error: 'title' contains control, invisible or direction-changing "
        "characters (U+001B)")


def test_tabs_and_newlines_are_text(tmp_path: Path) -> None:
    pages = kit.built(tmp_path, {"event.summary": "One\ttwo\n\n"
                                                                             "three"})
    assert "<p>One\ttwo</p>\n<p>three</p>" in pages["events/first-round/index.html"]


def test_messages_never_print_control_or_bidi_characters(tmp_path: Path) -> None:
    project = kit.write_site(tmp_path, extra={
        "content/issues/x.yaml": 'title: X\nparent: "\\e[2J\\u202ewater"\n'})
    run = detente("check", project)
    assert run.stdout.splitlines()[0] == (
        "content/issues/x.yaml:2:9: error: '<U+001B>[2J<U+202E>water' is not a valid id: it "
        "holds invisible or direction-changing characters (U+202E, U+001B)")
    assert not any(ord(ch) < 32 and ch != "\n" for ch in run.stdout)


def test_a_line_break_in_a_value_cannot_forge_a_diagnostic(tmp_path: Path) -> None:
    project = kit.write_site(tmp_path, extra={
        "content/issues/x.yaml": 'title: X\nparent: "a\\ncontent/fake.yaml:1:1: error: no"\n'})
    lines = detente("check", project).stdout.splitlines()
    assert [line for line in lines if line.startswith("content/")] == [
        "content/issues/x.yaml:2:9: error: 'a"]


# ---------------------------------------------------------------- right to left
ARABIC = "\u062c\u0628\u0647\u0629 \u0627\u0644\u0634\u0645\u0627\u0644"  # جبهة الشمال
HEBREW = "\u05e2\u05d3\u05d4 \u05e9\u05dc\u05d9\u05d7"  # עדה שליח


@pytest.fixture(scope="module")
def rtl(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("rtl")
    project = kit.write_site(root / "p", {"party.name": ARABIC, "party.short_name": ARABIC,
                                          "actor.native_name": HEBREW,
                                          "event.quote": HEBREW + "!"})
    return kit.build_pages(project, root / "out")


def test_rtl_names_in_links_and_chips_keep_their_direction(rtl: dict[str, str]) -> None:
    event = rtl["events/first-round/index.html"]
    assert (f'<a href="/talks/parties/northern-union/" class="ref ref-parties" dir="auto">'
            f"{ARABIC}</a>") in event
    assert ('<a href="/talks/parties/northern-union/" class="chip ref-parties '
            'party-northern-union" dir="auto">') in event


def test_a_native_name_is_isolated(rtl: dict[str, str]) -> None:
    assert f'<p class="native-name"><bdi lang="und">{HEBREW}</bdi></p>' in \
        rtl["actors/ada-envoy/index.html"]


def test_quote_marks_stay_around_an_rtl_quote(rtl: dict[str, str]) -> None:
    assert f"<p>\u201c<bdi>{HEBREW}!</bdi>\u201d</p>" in rtl["events/first-round/index.html"]


def test_every_link_label_is_direction_isolated(rtl: dict[str, str]) -> None:
    """No <a class="ref ..."> or chip without dir="auto": a name could be in any script."""
    for path, page in rtl.items():
        for tag in re.findall(r'<a [^>]*class="(?:ref|chip) ref-[^>]*>', page):
            assert 'dir="auto"' in tag, (path, tag)
