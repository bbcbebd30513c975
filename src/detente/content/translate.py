"""One linked Site per language: the default language's Site with each entity's translated
fields put in place (field by field), and what is left untranslated marked with the
default language's tag. Everything that is not text (ids, dates, references, stances, the
backlinks and indexes) is the default Site's own, shared, not checked or linked again."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping as AbcMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from detente.content.config import SiteConfig
from detente.content.diagnostics import Diagnostics, SourceSpan, did_you_mean
from detente.content.load import LoadedContent, RawRecord, record_id_of
from detente.content.model import Entity, Position, Prose, Site
from detente.content.overlays import (
    RECORD_LISTS,
    Overlay,
    Overlays,
    load_overlays,
    translatable,
)
from detente.content.schema import KINDS
from detente.content.validate import Validator
from detente.content.yamlnodes import MapEntry, Mapping, Seq


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of the site one language translates: fields, counted per entity."""

    language: str
    translated: int
    translatable: int
    example: str = ""  # one untranslated field, 'events/x.yaml: title', for messages

    @property
    def percent(self) -> int:
        return 100 if not self.translatable else self.translated * 100 // self.translatable


@functools.cache
def attributes(kind: str) -> dict[str, str]:
    """Translatable key → the entity attribute it fills (shared: never changed)."""
    spec = KINDS[kind]
    out = {}
    for key in translatable(kind):
        field_spec = spec.field(key)
        assert field_spec is not None
        out[key] = field_spec.attribute
    return out


def language_config(config: SiteConfig, lang: str) -> SiteConfig:
    title, description = config.title, config.description
    for code, own_title, own_description in config.translations:
        if code == lang:
            title, description = own_title or title, own_description or description
    return dataclasses.replace(config, title=title, description=description,
                               base_url=config.base_url + f"{lang}/", page_language=lang,
                               root_url=config.base_url)


def translate_site(site: Site, lang: str, overlays: Overlays, records: list[RawRecord],
                   validator: Validator) -> tuple[Site, Coverage]:
    """The Site in `lang`, and how much of it is translated."""
    by_id = {(r.kind, record_id_of(r)): r for r in records}
    given = overlays.by_language.get(lang, {})
    default = site.config.language
    entities: dict[str, Entity] = {}
    done = total = 0
    example = ""
    for entity_id, entity in site.entities.items():
        overlay = given.get(entity_id)
        values: dict[str, object] = {}
        if overlay is not None and (overlay.kind, entity_id) in by_id:
            values = _translated(entity, overlay, by_id[(overlay.kind, entity_id)], validator,
                                 site.entities)
        present = [a for a in attributes(entity.kind).values() if getattr(entity, a)]
        missing = frozenset(a for a in present if a not in values)
        done += len(present) - len(missing)
        total += len(present)
        if missing and not example:
            example = f"{entity.span.path}: {sorted(missing)[0]}"
        entities[entity_id] = _with_fallbacks(entity, values, missing, default)
    return (_linked(site, entities, language_config(site.config, lang)),
            Coverage(lang, done, total, example))


def _translated(entity: Entity, overlay: Overlay, record: RawRecord, validator: Validator,
                known: AbcMapping[str, Entity]) -> dict[str, object]:
    """The overlay's fields by attribute, each validated as the original's field is (a
    nested list merged item by item onto the original's, so that each item is whole)."""
    merged = merge(record, overlay)
    for text in (merged.source, merged.body_source, overlay.source):
        if text is not None:
            validator.texts.setdefault(text.path, text)
    spec = KINDS[entity.kind]
    given = overlay.mapping.entries
    mapping = Mapping({k: merged.mapping.entries[k] for k in given}, merged.mapping.span)
    before = len(validator.diagnostics.errors)
    values = validator.fields(mapping, tuple(f for f in spec.fields if f.key in given),
                              spec.name)
    if overlay.body is not None and overlay.body.body is not None and values is not None:
        values["body"] = validator.body_prose(overlay.body.body)
    if values is None or len(validator.diagnostics.errors) > before:
        return {}
    _check_refs([v for v in values.values() if isinstance(v, Prose)], known,
                validator.diagnostics)
    return values


def merge(record: RawRecord, overlay: Overlay) -> RawRecord:
    """The record with the overlay's fields in place of its own; nested lists item by item."""
    entries = dict(record.mapping.entries)
    for key, entry in overlay.mapping.entries.items():
        original = entries.get(key)
        if key in RECORD_LISTS and original is not None and isinstance(original.value, Seq) \
                and isinstance(entry.value, Seq):
            items = tuple(
                Mapping({**o.entries, **t.entries}, o.span)
                if isinstance(o, Mapping) and isinstance(t, Mapping) else o
                for o, t in zip(original.value.items, entry.value.items, strict=True))
            entries[key] = MapEntry(key, entry.key_span, Seq(items, entry.value.span))
        else:
            entries[key] = entry
    body, body_source = record.body, record.body_source
    if overlay.body is not None:
        body, body_source = overlay.body.body, overlay.body.body_source
        entries.pop("body", None)
    elif "body" in overlay.mapping.entries:
        body, body_source = None, None
    return RawRecord(record.kind, Mapping(entries, record.mapping.span), record.source,
                     record.default_id, body, body_source)


def _check_refs(proses: list[Prose], known: AbcMapping[str, Entity],
                diagnostics: Diagnostics) -> None:
    """`[[id]]` and `[@source]` in translated prose name entities of the site."""
    for prose in proses:
        for ref in prose.refs:
            if ref.id not in known:
                diagnostics.error(ref.span, f"unknown id '{ref.id}'",
                                  did_you_mean(ref.id, known) or
                                  "a translation links to the same entities as its original")


def _with_fallbacks(entity: Entity, values: dict[str, object], missing: frozenset[str],
                    default: str) -> Entity:
    for name in missing:
        value = getattr(entity, name)
        if isinstance(value, Prose):
            values[name] = dataclasses.replace(value, lang=default)
    values.update(untranslated=missing, fallback_lang=default)
    return dataclasses.replace(entity, **cast("dict[str, Any]", values))


def _linked(site: Site, entities: dict[str, Entity], config: SiteConfig) -> Site:
    def mapped(items: tuple[Entity, ...]) -> tuple[Entity, ...]:
        return tuple(entities.get(e.id, e) for e in items)

    def positions(items: tuple[Position, ...]) -> tuple[Position, ...]:
        return cast("tuple[Position, ...]", mapped(items))

    return Site(config, entities, {k: mapped(v) for k, v in site.by_kind.items()},
                site.backlinks, {k: positions(v) for k, v in site.histories.items()},
                positions(site.positions), site.people, site.histories_of,
                {k: positions(v) for k, v in site.positions_of.items()}, site.event_order)


def missing_report(coverage: Coverage, severity: str, diagnostics: Diagnostics) -> None:
    """`i18n: {missing: warn | error}`: one message per language with gaps."""
    if severity == "ignore" or coverage.translated == coverage.translatable:
        return
    gap = coverage.translatable - coverage.translated
    message = (f"'{coverage.language}' leaves {gap} of {coverage.translatable} translatable "
               f"fields untranslated (first: {coverage.example})")
    hint = "translate them in overlay files, or set 'i18n: {missing: ignore}'"
    span = SourceSpan("detente.yaml")
    if severity == "error":
        diagnostics.error(span, message, hint)
    else:
        diagnostics.warning(span, message, hint)


def with_translations(project: Path, site: Site, loaded: LoadedContent,
                      diagnostics: Diagnostics) -> tuple[Site, tuple[Coverage, ...]]:
    """The Site with its translations linked in (`site.translated`), and their coverage."""
    config = site.config
    if not loaded.overlays and len(config.published_languages) < 2:
        return site, ()
    overlays = load_overlays(project, loaded.overlays, config, loaded.records, diagnostics)
    translated: dict[str, Site] = {}
    coverage = []
    for lang in config.published_languages[1:]:
        validator = Validator(diagnostics, loaded.static_files, config.title,
                              config.label_chars)
        translated[lang], covered = translate_site(site, lang, overlays, loaded.records,
                                                   validator)
        missing_report(covered, config.missing, diagnostics)
        coverage.append(covered)
    return dataclasses.replace(site, translated=translated), tuple(coverage)
