"""Open data in every language: each record's translated fields under `translations`
(JSON), and `<field>_<lang>` columns (CSV); untranslated fields are left out (null)."""

from __future__ import annotations

from typing import Any

from detente.content import schema as s
from detente.content.model import Entity, Site, SiteReader
from detente.content.overlays import translatable


def translation_columns(kind: str, site: SiteReader) -> list[str]:
    languages = site.config.published_languages[1:]
    return [f"{key}_{lang}" for lang in languages for key in translatable(kind)]


def translations(entity: Entity, site: Site, value: Any) -> dict[str, dict[str, Any]]:
    """{lang: {field: value}} of the fields translated; `value(type, v)` → JSON value."""
    out: dict[str, dict[str, Any]] = {}
    spec = s.KINDS[entity.kind]
    for lang, translated in site.translated.items():
        other = translated.entities.get(entity.id)
        if other is None:
            continue
        fields: dict[str, Any] = {}
        for key in translatable(entity.kind):
            field = spec.field(key)
            assert field is not None
            if field.attribute not in other.untranslated and getattr(other, field.attribute):
                fields[key] = value(field.type, getattr(other, field.attribute))
        if fields:
            out[lang] = fields
    return out


def cell_value(record: dict[str, Any], column: str) -> Any:
    """A record's value for a CSV column, `name_uk` read from its translations."""
    if column in record:
        return record[column]
    key, _, lang = column.rpartition("_")
    return record.get("translations", {}).get(lang, {}).get(key)
