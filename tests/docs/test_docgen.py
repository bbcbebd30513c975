"""The generated parts of the guide: complete, current, and independent of the terminal."""

from __future__ import annotations

import argparse
import typing
from pathlib import Path

import pytest
from tests.helpers.docblocks import DOCS

from detente.cli import docgen
from detente.cli.main import build_parser
from detente.content import schema as s
from detente.content.config import KEYS
from detente.pages.opendata import csv_columns

GENERATED = {"content-model.md": ["kinds"], "cli.md": ["cli"], "data.md": ["data-columns"],
             "checks.md": ["checks"]}
FIX = "run: python -m detente.cli.docgen docs/*.md (and commit the result)"


@pytest.mark.parametrize("page", sorted(GENERATED))
def test_checked_in_pages_are_current(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    assert docgen.regions(text) == GENERATED[page]
    assert docgen.regenerate(text) == text, f"docs/{page} is out of date: {FIX}"


def test_no_other_page_has_a_region() -> None:
    for page in DOCS.glob("*.md"):
        if page.name not in GENERATED:
            assert docgen.regions(page.read_text(encoding="utf-8")) == [], page.name


def _record_fields(fields: tuple[s.FieldSpec, ...]) -> list[s.FieldSpec]:
    out: list[s.FieldSpec] = []
    for f in fields:
        inner = f.type.item if isinstance(f.type, s.ListOf) else f.type
        if isinstance(inner, s.Record):
            out.extend(inner.fields)
    return out


def test_every_kind_field_and_allowed_value_is_documented() -> None:
    reference = docgen.kinds_reference()
    sections = reference.split("\n### ")
    assert len(sections) == len(s.KINDS)
    for (name, spec), section in zip(s.KINDS.items(), sections, strict=True):
        assert section.lstrip("# ").startswith(f"{name.capitalize()} {{#{name}}}")
        assert spec.doc in section
        assert f"`content/{name}/`" in section
        for field in (*spec.fields, *_record_fields(spec.fields)):
            name_cell = ("| `source` / `sources` |" if isinstance(field.type, s.Sources)
                         else f"| `{field.key}` |")
            rows = [line for line in section.splitlines() if line.startswith(name_cell)]
            assert rows, f"{name}.{field.key} is missing"
            assert any(field.doc.replace("|", "\\|") in row for row in rows), field.key
            if field.required:
                assert any("| **yes** |" in row for row in rows), f"{name}.{field.key}"
            if isinstance(field.type, s.Choice):
                for value in field.type.values:
                    assert any(f"`{value}`" in row for row in rows), (name, field.key, value)


def test_required_fields_and_alternatives_are_marked() -> None:
    reference = docgen.kinds_reference()
    assert "| `party` | the id of a [party](#parties) | yes, or `actor` |" in reference
    assert "| `actor` | the id of an [actor](#actors) | yes, or `party` |" in reference
    assert "`<file name>#1`" in reference  # positions' generated ids
    optional = [line for line in reference.splitlines() if line.startswith("| `end` |")]
    assert optional and all("**yes**" not in line for line in optional)


def test_every_value_type_has_an_editor_facing_description() -> None:
    described = {*docgen._SIMPLE_TYPES, s.ListOf, s.Record, s.RefTo, s.TextOrRef, s.Choice}
    assert described == set(typing.get_args(s.FieldType))
    with pytest.raises(TypeError):
        docgen.describe_type(object(), "x")  # type: ignore[arg-type]


def _walk(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.ArgumentParser]]:
    found = [("", parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.extend(action.choices.items())
    return found


def test_every_command_and_option_is_documented() -> None:
    reference = docgen.cli_reference()
    names = [name for name, _ in _walk(build_parser()) if name]
    assert names[:2] == ["check", "build"] and {"serve", "init", "new", "schema"} <= set(names)
    for name, sub in _walk(build_parser()):
        if name:
            assert f"### detente {name} {{#{name}}}" in reference
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
                continue
            synopsis = max(action.option_strings, key=len) if action.option_strings else \
                action.dest.upper()
            assert f"| `{synopsis}" in reference, (name, synopsis)
            first_words = (action.help or "").split(",")[0].split("(")[0].strip()[1:12]
            assert first_words in reference, (name, synopsis, first_words)


def test_cli_reference_does_not_depend_on_the_terminal_width(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    narrow = docgen.cli_reference()
    monkeypatch.setenv("COLUMNS", "300")
    assert docgen.cli_reference() == narrow
    assert "detente build [PATH] [--strict] [--drafts] [--format FORMAT] [--out OUT]" in narrow


def test_data_columns_are_the_csv_headers() -> None:
    table = docgen.data_columns()
    for kind in s.KINDS:
        row = next(line for line in table.splitlines() if f"`data/{kind}.csv`" in line)
        assert row.endswith(" | " + ", ".join(f"`{c}`" for c in csv_columns(kind)) + " |")


def test_every_setting_is_in_the_settings_table() -> None:
    page = (DOCS / "content-model.md").read_text(encoding="utf-8")
    table = page.split("## Site settings")[1].split("\n## ")[0]
    for key in KEYS:
        assert f"| `{key}` |" in table, key


def test_main_rewrites_a_stale_page_and_check_reports_it(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    stale = "# Title\n\nBefore.\n\n<!-- docgen:data-columns -->\nold\n<!-- /docgen -->\n\nAfter.\n"
    page.write_text(stale, encoding="utf-8")
    assert docgen.main(["--check", str(page)]) == 1
    assert page.read_text(encoding="utf-8") == stale  # --check changes nothing
    assert docgen.main([str(page)]) == 0
    fresh = page.read_text(encoding="utf-8")
    assert "old" not in fresh and "`data/events.csv`" in fresh
    assert fresh.startswith("# Title\n\nBefore.\n") and fresh.endswith("\n\nAfter.\n")
    assert docgen.main(["--check", str(page)]) == 0


def test_an_unknown_region_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown docgen region 'nope'"):
        docgen.regenerate("<!-- docgen:nope -->\n<!-- /docgen -->\n")


def test_every_check_code_is_on_the_checks_page() -> None:
    from detente.content.editorial.codes import CHECKS

    page = (DOCS / "checks.md").read_text(encoding="utf-8")
    for code, why in CHECKS.items():
        assert f"| `{code}` | {why} |" in page, code
