"""Reading YAML exactly: text is kept as written, YAML 1.1's guesses change nothing."""

from __future__ import annotations

import pytest

from detente.content import schema as s
from detente.content.diagnostics import Diagnostics
from detente.content.load import parse_entity_file, split_front_matter
from detente.content.validate import Validator
from detente.content.yamlnodes import Mapping, Node, Scalar, Seq, SourceText, decode, parse_yaml


def parse(text: str) -> tuple[Node | None, list[str]]:
    diagnostics = Diagnostics()
    node = parse_yaml(SourceText.of("f.yaml", text), diagnostics)
    return node, [f"{d.span}: {d.message}" for d in diagnostics.items]


def mapping(text: str) -> Mapping:
    node, problems = parse(text)
    assert problems == []
    assert isinstance(node, Mapping)
    return node


def scalar(text: str, key: str) -> Scalar:
    node = mapping(text).get(key)
    assert isinstance(node, Scalar)
    return node


# ------------------------------------------------------------------ YAML 1.1 surprises
# No implicit YAML 1.1 resolution runs at all: every plain scalar keeps its text and the
# str tag; only `~`/`null`/empty read as null.
@pytest.mark.parametrize(("line", "text", "is_null"), [
    ("country: NO", "NO", False),  # Norway, not false
    ("country: no", "no", False),
    ("answer: yes", "yes", False),
    ("answer: off", "off", False),
    ("time: 12:30", "12:30", False),  # sexagesimal 750 in YAML 1.1
    ("version: 1.10", "1.10", False),  # not 1.1
    ("zip: 012", "012", False),  # not octal 10
    ("hex: 0x1F", "0x1F", False),
    ("date: 2025-03-18", "2025-03-18", False),
    ("nothing: ~", "~", True),
    ("nothing: null", "null", True),
    ("nothing:", "", True),
    ("quoted: 'null'", "null", False),
    ("quoted: 'NO'", "NO", False),
    ("number: 1_000", "1_000", False),
    ("inf: .inf", ".inf", False),
])
def test_scalars_keep_their_text(line: str, text: str, is_null: bool) -> None:
    node = scalar(line + "\n", line.split(":")[0])
    assert node.text == text
    assert node.tag == "str"
    assert node.is_null is is_null


@pytest.mark.parametrize(("line", "expected"), [
    ("title: 12:30", "12:30"),
    ("title: NO", "NO"),
    ("title: yes", "yes"),
    ("title: 1.10", "1.10"),
    ("title: 2025-03-18", "2025-03-18"),
    ("title: 0x1F", "0x1F"),
    ("title: '007'", "007"),
])
def test_text_fields_take_the_text_as_written(line: str, expected: str) -> None:
    diagnostics = Diagnostics()
    value = Validator(diagnostics).value(scalar(line + "\n", "title"), s.Text(), "title")
    assert diagnostics.items == []
    assert value == expected


def test_country_no_is_norway() -> None:
    diagnostics = Diagnostics()
    value = Validator(diagnostics).value(scalar("country: NO\n", "country"), s.Country(),
                                         "country")
    assert (value, diagnostics.items) == ("NO", [])


@pytest.mark.parametrize("key", ["on", "yes", "no", "off", "y", "n", "true", "null", "12:30"])
def test_yaml_1_1_words_as_keys_stay_text(key: str) -> None:
    node = mapping(f"{key}: value\n")
    assert list(node.entries) == [key]


def test_on_is_a_position_field() -> None:
    diagnostics = Diagnostics()
    records = parse_entity_file("positions", SourceText.of(
        "content/positions/p.yaml",
        "- party: a\n  on: b\n  stance: supports\n  date: 2025\n  source: s\n"),
        "p", diagnostics)
    values = Validator(diagnostics).fields(records[0].mapping, s.KINDS["positions"].fields,
                                           "positions")
    assert diagnostics.items == []
    assert values is not None and values["on"].id == "b"


@pytest.mark.parametrize(("value", "ok"), [
    ("true", True), ("false", True), ("True", True), ("FALSE", True),
    ("yes", False), ("no", False), ("on", False), ("off", False), ("y", False), ("1", False),
])
def test_booleans_are_true_or_false_only(value: str, ok: bool) -> None:
    diagnostics = Diagnostics()
    result = Validator(diagnostics).value(scalar(f"draft: {value}\n", "draft"), s.Bool(),
                                          "draft")
    assert (diagnostics.items == []) is ok
    if ok:
        assert result is (value.lower() == "true")


# ------------------------------------------------------------------ positions
def test_positions_of_keys_and_values() -> None:
    node = mapping("title: Talks\nparties:\n  - a\n  - b\nsummary: |\n  Line one.\n")
    assert str(node.entries["title"].key_span) == "f.yaml:1:1"
    assert str(node.get("title").span) == "f.yaml:1:8"  # type: ignore[union-attr]
    parties = node.get("parties")
    assert isinstance(parties, Seq)
    assert [str(i.span) for i in parties.items] == ["f.yaml:3:5", "f.yaml:4:5"]
    assert str(node.get("summary").span) == "f.yaml:5:10"  # type: ignore[union-attr]


def test_front_matter_lines_are_those_of_the_file() -> None:
    source = SourceText.of("e.md", "---\ntitle: Talks\nkind: talks\n---\nBody [[x]].\n")
    front, first_line, body = split_front_matter(source)
    assert front is not None
    node = parse_yaml(front, Diagnostics(), first_line)
    assert isinstance(node, Mapping)
    assert str(node.entries["kind"].key_span) == "e.md:3:1"
    assert (body.text, str(body.span)) == ("Body [[x]].\n", "e.md:5:1")


# ------------------------------------------------------------------ bytes → text
def test_bom_is_dropped() -> None:
    source = decode("f.yaml", b"\xef\xbb\xbftitle: Talks\n", Diagnostics())
    assert source is not None and source.text == "title: Talks\n"
    assert str(mapping(source.text).entries["title"].key_span) == "f.yaml:1:1"


@pytest.mark.parametrize("data", [b"title: Talks\r\nkind: talks\r\n",
                                  b"title: Talks\rkind: talks\r"])
def test_crlf_and_cr_become_lf(data: bytes) -> None:
    source = decode("f.yaml", data, Diagnostics())
    assert source is not None and source.text == "title: Talks\nkind: talks\n"
    node = mapping(source.text)
    assert str(node.entries["kind"].key_span) == "f.yaml:2:1"
    assert scalar(source.text, "title").text == "Talks"  # no stray \r


def test_text_is_nfc() -> None:
    source = decode("f.yaml", "name: Zu\u0308rich\n".encode(), Diagnostics())
    assert source is not None and source.text == "name: Z\u00fcrich\n"


def test_not_utf8_is_reported_at_the_byte() -> None:
    diagnostics = Diagnostics()
    assert decode("f.yaml", b"title: ok\nname: Caf\xe9\n", diagnostics) is None
    assert [(str(d.span), d.message) for d in diagnostics.items] == [
        ("f.yaml:2:10", "byte 0xe9 is not UTF-8")]


# ------------------------------------------------------------------ what is refused
@pytest.mark.parametrize(("text", "problem"), [
    ("title: a\nkind: b\ntitle: c\n", "f.yaml:3:1: duplicate key 'title' (first at line 1)"),
    ("- id: a\n  title: x\n  title: y\n", "f.yaml:3:3: duplicate key 'title' (first at line 2)"),
    ("a: !!python/object:os.system x\n",
     "f.yaml:1:4: YAML tag '!!python/object:os.system' is not allowed"),
    ("a: !custom x\n", "f.yaml:1:4: YAML tag '!custom' is not allowed"),
    ("a: !!set {x}\n", "f.yaml:1:4: YAML tag '!!set' is not allowed"),
    ("base: &b {x: 1}\nother:\n  <<: *b\n", "f.yaml:3:3: YAML merge keys ('<<') are not supported"),
    ("? [a, b]\n: c\n", "f.yaml:1:3: a mapping key must be a plain name"),
    ("a:\n\t- b\n", "f.yaml:2:1: a tab character; YAML indentation uses spaces"),
    ("a: `b`\n", "f.yaml:1:4: '`' cannot start a YAML value"),
    ("a: @b\n", "f.yaml:1:4: '@' cannot start a YAML value"),
    ("a: 1\n---\nb: 2\n", "f.yaml:2:1: a second YAML document ('---') in one file"),
    ("", "f.yaml:1:1: YAML is empty"),
    ("  \n\n", "f.yaml:1:1: YAML is empty"),
    ("# only a comment\n", "f.yaml:1:1: YAML holds only comments"),
])
def test_refused(text: str, problem: str) -> None:
    _node, problems = parse(text)
    assert problems == [problem]


def test_duplicate_keys_keep_the_first() -> None:
    node, problems = parse("title: first\ntitle: second\n")
    assert len(problems) == 1
    assert isinstance(node, Mapping) and node.get("title").text == "first"  # type: ignore[union-attr]


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    node, problems = parse("\n".join(lines) + "\n")
    assert node is None
    assert problems == [  # a5, the first value that alone expands past the limit
        "f.yaml:6:5: aliases expand this value to 597,871 YAML values; the limit is 200,000"]


def test_recursive_alias_is_refused() -> None:
    node, problems = parse("parties: &a [x, *a]\n")
    assert node is None
    assert problems == ["f.yaml:1:10: an alias refers to a value that contains it"]


def test_aliases_that_stay_small_are_read() -> None:
    node = mapping("a: &x [p, q]\nb: *x\n")
    b = node.get("b")
    assert isinstance(b, Seq) and [i.text for i in b.items] == ["p", "q"]  # type: ignore[union-attr]


def test_deep_nesting_is_refused() -> None:
    _node, problems = parse("a: " + "[" * 70 + "]" * 70 + "\n")
    assert problems == ["f.yaml:1:68: YAML nested deeper than 64 levels"]
