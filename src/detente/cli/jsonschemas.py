"""JSON Schema (draft 2020-12) for every kind and for detente.yaml, generated from the one
declaration in `schema.py`, plus the editor settings that map content files to them.

Editors (VS Code with the YAML extension, any yaml-language-server client) use them to
complete and check fields while typing; `detente check` remains the full check (references,
dates that do not exist, duplicate ids).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from detente.cli.overlayschemas import overlay_fields
from detente.content import schema as s
from detente.content.config import CONFIG_FILE
from detente.content.config_i18n import MISSING
from detente.content.editorial.codes import CODES
from detente.content.values import COUNTRIES, MAX_ID_LENGTH

DRAFT = "https://json-schema.org/draft/2020-12/schema"
Schema = dict[str, Any]

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = (r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])"
                r"([T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d))?"
                r")?)?$")
# In YAML an unquoted 2025 is a number and `title: 1984` is text to Detente: scalars count.
SCALAR = ["string", "number", "boolean"]
COMMON_DEFS: dict[str, Schema] = {
    "id": {"description": "An id: lowercase letters, digits and single hyphens.",
           "anyOf": [{"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID_LENGTH},
                     {"type": "integer", "minimum": 0}]},
    "date": {"description": "YYYY, YYYY-MM, YYYY-MM-DD or an ISO date-time with offset "
                            "(2025-03-18T16:00+03:00).",
             "anyOf": [{"type": "string", "pattern": DATE_PATTERN},
                       {"type": "integer", "minimum": 1, "maximum": 9999}]},
    "text": {"type": SCALAR},
    "markdown": {"type": SCALAR, "description": "Markdown, with [[id]] links and [@source] "
                                                "citations."},
}


def _value(type_: s.FieldType) -> Schema:
    """The schema of one value of a declared type."""
    if isinstance(type_, s.ListOf):
        return {"type": "array", "items": _value(type_.item)}
    if isinstance(type_, s.Record):
        return _object(type_.fields, (), needs_id=False)
    if isinstance(type_, s.RefTo):
        kinds = " or ".join(s.SINGULAR[k] for k in type_.kinds)
        return {"$ref": "#/$defs/id", "description": f"The id of a {kinds}."}
    if isinstance(type_, s.Choice):
        return {"enum": list(type_.values)}
    if isinstance(type_, s.InlineEvents):
        return {"type": "array", "items": {"anyOf": [{"$ref": "#/$defs/id"},
                                                     {"$ref": "#/$defs/inlineEvent"}]}}
    return dict(_SIMPLE[type(type_)])


_SIMPLE: dict[type, Schema] = {
    s.Text: {"$ref": "#/$defs/text"},
    s.PlainText: {"$ref": "#/$defs/text"},
    s.Duration: {"type": "string", "pattern": r"^\d{1,5}[dw]$"},
    s.TextOrRef: {"$ref": "#/$defs/text"},
    s.Markdown: {"$ref": "#/$defs/markdown"},
    s.Slug: {"$ref": "#/$defs/id"},
    s.Date: {"$ref": "#/$defs/date"},
    s.Bool: {"type": "boolean"},
    s.Integer: {"type": "integer", "minimum": -999999999, "maximum": 999999999},
    s.Color: {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"},
    s.Country: {"enum": sorted(COUNTRIES)},
    s.Url: {"type": "string", "pattern": r"^[hH][tT][tT][pP][sS]?://[^\s/?#]+[^\s]*$"},
    s.StaticPath: {"type": "string", "pattern": r"^(?!/)(?!(.*/)?\.\.(/|$))[^\\]+$"},
    s.Coordinates: {"type": "array", "minItems": 2, "maxItems": 2, "prefixItems": [
        {"type": "number", "minimum": -90, "maximum": 90, "description": "latitude"},
        {"type": "number", "minimum": -180, "maximum": 180, "description": "longitude"}]},
}


def _object(fields: tuple[s.FieldSpec, ...], one_of: tuple[tuple[str, ...], ...],
            needs_id: bool) -> Schema:
    """A mapping of `fields`: unknown keys rejected, required ones listed."""
    properties: dict[str, Schema] = {}
    required: list[str] = []
    rules: list[Schema] = []
    exclusive = {key for group in one_of for key in group}
    for field in fields:
        if isinstance(field.type, s.Sources):
            properties["source"] = {"$ref": "#/$defs/id", "description": "The source id."}
            properties["sources"] = {"type": "array", "minItems": 1,
                                     "items": {"$ref": "#/$defs/id"},
                                     "description": "The source ids."}
            rules.append({"oneOf": [{"required": ["source"]}, {"required": ["sources"]}]}
                         if field.required else {"not": {"required": ["source", "sources"]}})
            continue
        properties[field.key] = {**_value(field.type), "description": field.doc}
        if (field.required or (needs_id and field.key == "id")) and field.key not in exclusive:
            required.append(field.key)
    rules.extend({"oneOf": [{"required": [key]} for key in group]} for group in one_of)
    schema: Schema = {"type": "object", "properties": properties,
                      "additionalProperties": False}
    if required:
        schema["required"] = required
    if rules:
        schema["allOf"] = rules
    return schema


def kind_schema(spec: s.KindSpec) -> Schema:
    """A content file of one kind: one entity (a mapping) or a list file of them."""
    defs = dict(COMMON_DEFS)
    defs["entity"] = {**_object(spec.fields, spec.one_of, needs_id=False),
                      "description": f"One {s.SINGULAR[spec.name]} (its id is the file name "
                                     "unless it sets 'id')."}
    defs["listItem"] = _object(spec.fields, spec.one_of, needs_id=spec.needs_id_in_lists)
    if spec.name == "timelines":
        defs["inlineEvent"] = _object(s.EVENTS.fields, s.EVENTS.one_of, needs_id=True)
    return {
        "$schema": DRAFT,
        "title": f"Detente {spec.name}",
        "description": spec.doc,
        "oneOf": [{"$ref": "#/$defs/entity"},
                  {"type": "array", "items": {"$ref": "#/$defs/listItem"},
                   "description": f"A list file of {spec.name}."}],
        "$defs": defs,
    }


def overlay_schema(spec: s.KindSpec) -> Schema:
    """A translation overlay of one kind: one entity's translated fields, or a list of
    them, each with the id of the entity it translates."""
    fields = overlay_fields(spec.name)
    defs = dict(COMMON_DEFS)
    defs["entity"] = _object(fields, (), needs_id=False)
    defs["listItem"] = _object(fields, (), needs_id=True)
    return {
        "$schema": DRAFT,
        "title": f"Detente {spec.name} translation",
        "description": f"Translated fields of {spec.name} (an overlay: "
                       f"content/{spec.name}/<name>.<lang>.yaml).",
        "oneOf": [{"$ref": "#/$defs/entity"},
                  {"type": "array", "items": {"$ref": "#/$defs/listItem"}}],
        "$defs": defs,
    }


def config_schema() -> Schema:
    properties: dict[str, Schema] = {
        "title": {"type": "string", "minLength": 1, "description": "The site's title."},
        "description": {"type": "string", "description": "One line about the site."},
        "base_url": {"type": "string", "pattern": r"^(https?://[^\s/]+)?/\S*$|^https?://\S+$",
                     "description": "Where the site is published, e.g. "
                                    "https://example.org/explainer/ (or a path)."},
        "language": {"type": "string", "pattern": r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
                     "description": "The content's language tag, e.g. en, uk, ar."},
        "timezone": {"type": "string", "description": "An IANA time zone, e.g. Europe/Kyiv."},
        "nav": {"type": "array", "items": {"type": "string"},
                "description": "The navigation: timeline, positions, a kind, or a page id."},
        "markdown": {"type": "object", "additionalProperties": False,
                     "properties": {"allow_html": {"type": "boolean"}},
                     "description": "Markdown options."},
        "limits": {"type": "object", "additionalProperties": False,
                   "properties": {"expanded_bytes": {"type": "integer", "minimum": 1},
                                  "label_chars": {"type": "integer", "minimum": 1}},
                   "description": "Limits on content: expanded_bytes, the most text one "
                                  "file may hold once YAML aliases are expanded; "
                                  "label_chars, the longest name or title."},
        "checks": {"type": "object", "additionalProperties": False,
                   "properties": {"ignore": {"type": "array",
                                             "items": {"enum": list(CODES)}},
                                  "stale_after": dict(_SIMPLE[s.Duration])},
                   "description": "Editorial checks: codes to ignore, and how old a stance "
                                  "may grow behind the events before it is flagged."},
        **I18N_SETTINGS,
    }
    return {"$schema": DRAFT, "title": "Detente detente.yaml",
            "description": "The settings of a Detente site.", "type": "object",
            "properties": properties, "required": ["title"], "additionalProperties": False}


def all_schemas() -> dict[str, Schema]:
    """File name → schema: one per kind, and one for detente.yaml."""
    files = {f"{name}.schema.json": kind_schema(spec) for name, spec in s.KINDS.items()}
    files.update({f"{name}.overlay.schema.json": overlay_schema(spec)
                  for name, spec in s.KINDS.items()})
    files["detente.schema.json"] = config_schema()
    return files


def editor_settings(schema_folder: str) -> dict[str, Any]:
    """VS Code's `yaml.schemas`: schema file → the globs of the files it checks."""
    folder = schema_folder.rstrip("/")
    mapping: dict[str, list[str]] = {}
    for name in s.KINDS:  # (an overlay, `x.uk.yaml`, has a dot in its stem; an id never)
        mapping[f"{folder}/{name}.schema.json"] = [
            f"content/{name}/*.yaml", f"content/{name}/*.yml",
            f"!content/{name}/*.*.yaml", f"!content/{name}/*.*.yml"]
        mapping[f"{folder}/{name}.overlay.schema.json"] = [
            f"content/{name}/*.*.yaml", f"content/{name}/*.*.yml"]
    mapping[f"{folder}/detente.schema.json"] = [CONFIG_FILE]
    return {"yaml.schemas": mapping}


def write_schemas(project: Path, out: Path) -> list[Path]:
    """The schemas and `editor-settings.json` into `out`; the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        written.append(_write_json(out / name, schema))
    written.append(_write_json(out / "editor-settings.json",
                               editor_settings(schema_reference(project, out))))
    return written


def schema_reference(project: Path, out: Path) -> str:
    """How settings in the project name the schema folder: './schemas', or an absolute path."""
    try:
        return "./" + out.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return out.resolve().as_posix()


def merge_vscode_settings(project: Path, out: Path) -> Path:
    """Add (or replace) `yaml.schemas` in the project's .vscode/settings.json."""
    path = project / ".vscode" / "settings.json"
    settings: dict[str, Any] = {}
    if path.exists():
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise ValueError(f"{path} is not plain JSON ({exc}); add the settings from "
                             f"{out / 'editor-settings.json'} by hand") from None
        if not isinstance(loaded, dict):
            raise ValueError(f"{path} does not hold a JSON object")
        settings = loaded
    settings.update(editor_settings(schema_reference(project, out)))
    path.parent.mkdir(parents=True, exist_ok=True)
    return _write_json(path, settings)


def _write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


LANGUAGE_TAG = {"type": "string", "pattern": r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"}
I18N_SETTINGS: dict[str, Schema] = {
    "languages": {"type": "array", "minItems": 1, "uniqueItems": True, "items": LANGUAGE_TAG,
                  "description": "The languages the site is published in, the default "
                                 "(`language`) first."},
    "translations": {"type": "object", "propertyNames": LANGUAGE_TAG,
                     "additionalProperties": {
                         "type": "object", "additionalProperties": False,
                         "properties": {"title": {"type": "string"},
                                        "description": {"type": "string"}}},
                     "description": "The site's title and description in each other "
                                    "language."},
    "i18n": {"type": "object", "additionalProperties": False,
             "properties": {"missing": {"enum": list(MISSING)}},
             "description": "What an untranslated field is: ignore, warn (default) or "
                            "error."},
}
