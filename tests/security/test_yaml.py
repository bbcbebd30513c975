"""Bad YAML (guarantees 1 and 3): no tag builds an object or runs code, no value is coerced or
dropped silently; each case is one exact error at its file:line:col.

Every case is an issue file (`content/issues/x.yaml`) added to the kit's valid site.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.security import kit

X = "content/issues/x.yaml"
CANARY = "CANARY-RAN"

# A tag Python's full loader would use to run a command: the command would create CANARY.
TAGS = {
    "python-object-apply": ('title: !!python/object/apply:os.system ["touch CANARY-RAN"]\n',
                            "1:8: error: YAML tag '!!python/object/apply:os.system' is not "
                            "allowed"),
    "python-object-new": ('title: !!python/object/new:subprocess.Popen [["touch", '
                          '"CANARY-RAN"]]\n',
                          "1:8: error: YAML tag '!!python/object/new:subprocess.Popen' is not "
                          "allowed"),
    "python-name": ("title: !!python/name:os.system\n",
                    "1:8: error: YAML tag '!!python/name:os.system' is not allowed"),
    "python-module": ("title: !!python/module:os\n",
                      "1:8: error: YAML tag '!!python/module:os' is not allowed"),
    "python-at-root": ('!!python/object/apply:os.system ["touch CANARY-RAN"]\n',
                       "1:1: error: YAML tag '!!python/object/apply:os.system' is not allowed"),
    "verbatim-tag": ('title: !<tag:yaml.org,2002:python/object/apply:os.system> '
                     '["touch CANARY-RAN"]\n',
                     "1:8: error: YAML tag '!!python/object/apply:os.system' is not allowed"),
    "tag-directive": ("%TAG !p! tag:yaml.org,2002:python/\n---\n"
                      'title: !p!object/apply:os.system ["touch CANARY-RAN"]\n',
                      "3:8: error: YAML tag '!!python/object/apply:os.system' is not allowed"),
    "binary": ("title: !!binary aGVsbG8=\n", "1:8: error: YAML tag '!!binary' is not allowed"),
    "set": ("title: !!set {a, b}\n", "1:8: error: YAML tag '!!set' is not allowed"),
    "omap": ("title: !!omap [a: 1]\n", "1:8: error: YAML tag '!!omap' is not allowed"),
    "local-tag": ("title: !custom x\n", "1:8: error: YAML tag '!custom' is not allowed"),
}


@pytest.mark.parametrize("case", sorted(TAGS))
def test_no_yaml_tag_builds_anything(tmp_path: Path, case: str,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    text, error = TAGS[case]
    monkeypatch.chdir(tmp_path)  # where `touch` would write
    project = kit.write_site(tmp_path / "p", extra={X: text})
    found = kit.problems(project)
    assert f"{X}:{error}" in found
    assert set(found) <= {f"{X}:{error}", f"{X}:1:1: error: an issue needs 'title'",
                          f"{X}:3:1: error: an issue needs 'title'"}
    assert kit.build(project, tmp_path / "out").code == 1
    assert not (tmp_path / CANARY).exists() and not (project / CANARY).exists()


# Each: the file's text and the one error it gives (after 'content/issues/x.yaml:').
CASES = {
    "duplicate-key": ("title: A\ntitle: B\n",
                      "2:1: error: duplicate key 'title' (first at line 1)"),
    "merge-key": ("title: A\n<<: {summary: B}\n",
                  "2:1: error: YAML merge keys ('<<') are not supported"),
    "yaml-1.1-yes": ("title: A\ndraft: yes\n", "2:8: error: 'draft' takes true or false, not "
                                               "'yes'"),
    "yaml-1.1-on": ("title: A\ndraft: on\n", "2:8: error: 'draft' takes true or false, not 'on'"),
    "null-title": ("title: ~\n", "1:8: error: 'title' has no value"),
    "empty-title": ("title:\n", "1:7: error: 'title' has no value"),
    "empty-file": ("", "1:1: error: YAML is empty"),
    "comments-only": ("# nothing\n", "1:1: error: YAML holds only comments"),
    "second-document": ("title: A\n---\ntitle: B\n",
                        "2:1: error: a second YAML document ('---') in one file"),
    "tab-indentation": ("title: A\nsummary:\n\t- x\n",
                        "3:1: error: a tab character; YAML indentation uses spaces"),
    "complex-key": ("? [a, b]\n: x\ntitle: A\n", "1:3: error: a mapping key must be a plain "
                                                 "name"),
    "scalar-file": ("just text\n", "1:1: error: a content file holds a mapping of fields or a "
                                   "list of them"),
    "raw-control-character": ("title: A\x07B\n",
                              "1:9: error: a control character (U+0007), which YAML does not "
                              "allow"),
    "raw-nul-after-accents": ("title: éé\x00B\n",
                              "1:10: error: a control character (U+0000), which YAML does not "
                              "allow"),
    "escaped-control-character": ('title: "A\\aB"\n',
                                  "1:8: error: 'title' contains control characters (U+0007)"),
    "unclosed-bracket": ("title: [A\n", "2:1: error: did not find expected ',' or ']' (while "
                                        "parsing a flow sequence started at line 1)"),
    "unquoted-colon": ("title: A: B\n", "1:9: error: mapping values are not allowed in this "
                                        "context"),
    "backtick": ("title: `A`\n", "1:8: error: '`' cannot start a YAML value"),
    "recursive-alias": ("title: &a [*a]\n",
                        "1:8: error: an alias refers to a value that contains it"),
    "list-for-text": ("title: [A, B]\n", "1:8: error: 'title' takes text, not a list"),
    "mapping-for-text": ("title: {a: b}\n", "1:8: error: 'title' takes text, not a mapping"),
    "unknown-field": ("title: A\nsumary: B\n",
                      "2:1: error: unknown field 'sumary' for an issue"),
    # an alias key is reported where its value was written (the anchor): YAML keeps no more
    "alias-as-key": ("title: &k A\n*k : B\n", "1:8: error: unknown field 'A' for an issue"),
    "utf-16": ("\ufefftitle: A\n".encode("utf-16"), "1:1: error: byte 0xff is not UTF-8"),
    "latin-1": ("title: café\n".encode("latin-1"), "1:11: error: byte 0xe9 is not UTF-8"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_yaml_is_one_exact_error(tmp_path: Path, case: str) -> None:
    text, error = CASES[case]
    project = kit.write_site(tmp_path, extra={X: text})
    assert kit.problems(project) == [f"{X}:{error}"]


# Values YAML 1.1 would turn into something else: each stays the text it was written as.
@pytest.mark.parametrize("written", ["no", "yes", "off", "0x1F", "1e3", "12:30", ".inf",
                                     "2024-01-01", "0o17", "+1", "null_value", "010"])
def test_plain_values_stay_as_written(tmp_path: Path, written: str) -> None:
    project = kit.write_site(tmp_path / "p", extra={X: f"title: {written}\n"})
    pages = kit.build_pages(project, tmp_path / "out")
    assert f"<h1>{written}</h1>" in pages["issues/x/index.html"]


def test_norway_stays_norway(tmp_path: Path) -> None:
    """`country: NO` is the ISO code, not YAML 1.1's false."""
    pages = kit.built(tmp_path)
    assert "<dt>Country</dt>\n<dd>NO</dd>" in pages["parties/northern-union/index.html"]


def test_aliases_that_stay_small_are_read_and_shown(tmp_path: Path) -> None:
    project = kit.write_site(tmp_path / "p", extra={X: "title: &t Shared words\n"
                                                       "summary: *t\n"})
    pages = kit.build_pages(project, tmp_path / "out")
    assert "<p>Shared words</p>" in pages["issues/x/index.html"]


def test_front_matter_tags_are_refused_too(tmp_path: Path) -> None:
    kit.write_site(tmp_path, extra={
        "content/pages/about.md": "---\ntitle: !!python/object/apply:os.system [id]\n---\nx\n"})
    assert "content/pages/about.md:2:8: error: YAML tag '!!python/object/apply:os.system' " \
           "is not allowed" in kit.problems(tmp_path)


def test_config_tags_are_refused_too(tmp_path: Path) -> None:
    project = kit.write_site(tmp_path)
    (project / "detente.yaml").write_text("title: !!python/object/apply:os.system [id]\n")
    run = kit.check_output(project)
    assert run.code == 2
    assert "detente.yaml:1:8: error: YAML tag '!!python/object/apply:os.system' is not " \
           "allowed" in run.stdout
