"""The JSON Schemas, checked with a real validator (jsonschema, draft 2020-12): the example
content validates, broken files do not, and the schemas follow schema.KINDS."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from detente.cli.jsonschemas import all_schemas, config_schema, editor_settings, kind_schema
from detente.content import schema as s
from detente.content.config import KEYS
from tests.helpers.sites import REPO, SITES, detente

INVALID = REPO / "tests" / "fixtures" / "invalid"
SCHEMAS = all_schemas()


class Yaml12Loader(yaml.SafeLoader):
    """What yaml-language-server sees: YAML 1.2 core (dates stay strings; yes/no are text)."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))


def load(path: Path) -> Any:
    return yaml.load(path.read_bytes(), Loader=Yaml12Loader)


def validator_for(path: Path, project: Path) -> jsonschema.Draft202012Validator:
    relative = path.relative_to(project).parts
    overlay = "." in path.stem  # `people.uk.yaml`: a translation (editor_settings maps these)
    name = "detente.schema.json" if relative == ("detente.yaml",) else \
        f"{relative[1]}.overlay.schema.json" if overlay else f"{relative[1]}.schema.json"
    return jsonschema.Draft202012Validator(SCHEMAS[name])


def yaml_files(project: Path) -> list[Path]:
    files = [project / "detente.yaml"]
    files += sorted(p for p in (project / "content").rglob("*") if p.suffix in (".yaml", ".yml"))
    return files


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schemas_are_valid_draft_2020_12(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMAS[name])
    assert SCHEMAS[name]["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("project", [REPO, SITES / "full", SITES / "minimal", SITES / "arabic"],
                         ids=["example", "full", "minimal", "arabic"])
def test_valid_content_validates(project: Path) -> None:
    files = yaml_files(project)
    assert files
    for path in files:
        errors = [e.message for e in validator_for(path, project).iter_errors(load(path))]
        assert errors == [], f"{path.relative_to(project)}: {errors}"


BROKEN = [
    "bad-choice-did-you-mean", "claim-disputed-by-not-a-list", "color-unquoted",
    "config-unknown-setting", "coordinates-out-of-range", "country-lowercase-no",
    "date-month-13", "date-month-zero", "date-time-bad-time", "date-time-without-offset",
    "draft-yes", "event-missing-source", "id-too-long", "id-underscore", "id-uppercase",
    "inline-event-without-id", "list-entry-without-id", "list-file-scalar-item",
    "missing-required-field", "position-neither-party-nor-actor", "position-party-and-actor",
    "quote-unknown-field", "source-and-sources", "source-given-a-list", "status-bad-choice",
    "unknown-field-did-you-mean", "url-javascript", "url-without-scheme",
]


@pytest.mark.parametrize("case", BROKEN)
def test_broken_files_do_not_validate(case: str) -> None:
    project = INVALID / case
    first = (project / "expected.txt").read_text().splitlines()[0]
    path = project / first.split(":", 1)[0]
    assert path.suffix in (".yaml", ".yml"), first
    errors = list(validator_for(path, project).iter_errors(load(path)))
    assert errors, f"{case}: {path.name} validates but detente says: {first}"


@pytest.mark.parametrize("name", sorted(s.KINDS))
def test_kind_schemas_follow_the_declaration(name: str) -> None:
    spec = s.KINDS[name]
    schema = kind_schema(spec)
    entity = schema["$defs"]["entity"]
    assert set(entity["properties"]) == set(spec.keys)
    assert entity["additionalProperties"] is False
    exclusive = {k for group in spec.one_of for k in group}
    expected = {f.key for f in spec.fields if f.required and f.key not in exclusive
                and not isinstance(f.type, s.Sources)}
    assert set(entity.get("required", [])) == expected
    item = schema["$defs"]["listItem"]
    assert ("id" in item.get("required", [])) is spec.needs_id_in_lists


def test_choices_are_enums_and_sources_are_one_of() -> None:
    event = kind_schema(s.EVENTS)["$defs"]["entity"]
    assert event["properties"]["kind"]["enum"] == list(s.EVENT_KINDS)
    assert {"oneOf": [{"required": ["source"]}, {"required": ["sources"]}]} in event["allOf"]
    source = kind_schema(s.SOURCES)["$defs"]["entity"]
    assert {"not": {"required": ["source", "sources"]}} not in source.get("allOf", [])
    party = kind_schema(s.PARTIES)["$defs"]["entity"]["properties"]
    assert "UA" in party["country"]["enum"] and "ua" not in party["country"]["enum"]


def test_config_schema_covers_every_setting() -> None:
    assert set(config_schema()["properties"]) == set(KEYS)


def test_editor_settings_map_every_kind() -> None:
    mapping = editor_settings("./schemas")["yaml.schemas"]
    for name in s.KINDS:
        assert mapping[f"./schemas/{name}.schema.json"] == [
            f"content/{name}/*.yaml", f"content/{name}/*.yml",
            f"!content/{name}/*.*.yaml", f"!content/{name}/*.*.yml"]
        assert mapping[f"./schemas/{name}.overlay.schema.json"] == [
            f"content/{name}/*.*.yaml", f"content/{name}/*.*.yml"]
    assert mapping["./schemas/detente.schema.json"] == ["detente.yaml"]


def test_editor_settings_name_only_schemas_that_are_written() -> None:
    mapping = editor_settings("./schemas")["yaml.schemas"]
    assert {name.removeprefix("./schemas/") for name in mapping} == set(all_schemas())


def test_schema_command_writes_files_and_merges_vscode_settings(tmp_path: Path) -> None:
    (tmp_path / ".vscode").mkdir()
    (tmp_path / ".vscode" / "settings.json").write_text('{"editor.tabSize": 2}')
    run = detente("schema", tmp_path, "--vscode")
    assert run.code == 0, run.stderr
    written = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert written == sorted([*SCHEMAS, "editor-settings.json"])
    settings = json.loads((tmp_path / ".vscode" / "settings.json").read_text())
    assert settings["editor.tabSize"] == 2
    assert settings["yaml.schemas"]["./schemas/events.schema.json"][0] == "content/events/*.yaml"
    for name in SCHEMAS:
        assert json.loads((tmp_path / "schemas" / name).read_text()) == SCHEMAS[name]


def test_schema_command_leaves_settings_with_comments_alone(tmp_path: Path) -> None:
    (tmp_path / ".vscode").mkdir()
    original = '{\n  // my settings\n  "editor.tabSize": 2\n}\n'
    (tmp_path / ".vscode" / "settings.json").write_text(original)
    run = detente("schema", tmp_path, "--out", tmp_path / "elsewhere", "--vscode")
    assert run.code == 2 and "not plain JSON" in run.stderr
    assert (tmp_path / ".vscode" / "settings.json").read_text() == original


def test_overlay_schema_completes_translatable_fields_only() -> None:
    from detente.cli.jsonschemas import overlay_schema

    event = overlay_schema(s.EVENTS)["$defs"]
    fields = set(event["entity"]["properties"])
    assert {"title", "summary", "location", "quotes", "accounts", "claims", "id"} <= fields
    assert not fields & {"date", "parties", "source", "sources", "kind", "coordinates"}
    assert "required" not in event["entity"]
    assert event["listItem"]["required"] == ["id"]
    quote = event["entity"]["properties"]["quotes"]["items"]
    assert set(quote["properties"]) == {"text"} and "required" not in quote
