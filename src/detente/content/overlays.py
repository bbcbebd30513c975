"""Translation overlays: `<name>.<lang>.yaml` and `<id>.<lang>.md` → the translated fields of
each entity, checked against the contract and merged onto the default language's record.

An overlay holds only translatable fields; nested lists are given whole, in the original's
order and length; ids that name no entity and languages the site does not publish are
errors. Merging is on the raw records, so a translated value is validated exactly as the
original was (its Markdown, its `[[id]]`s) and reported at its own line.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from detente.content.config import SiteConfig
from detente.content.diagnostics import Diagnostics, SourceSpan, did_you_mean
from detente.content.load import RawRecord, record_id_of, split_front_matter
from detente.content.schema import KINDS, SINGULAR
from detente.content.yamlnodes import (
    MapEntry,
    Mapping,
    Node,
    Scalar,
    Seq,
    SourceText,
    decode,
    parse_yaml,
)

# Translatable fields: top-level keys, and for nested lists of records, their item keys.
TEXT_FIELDS = ("name", "short_name", "title", "summary", "body", "duration", "location",
               "quote")
STRING_LISTS = ("provisions", "conditions")  # given whole: every item, in order
RECORD_LISTS: dict[str, tuple[str, ...]] = {
    "roles": ("title",), "status": ("note",), "quotes": ("text",), "accounts": ("summary",),
    "claims": ("text",), "links": ("title",), "key_facts": ("label", "value"),
}


@functools.cache
def translatable(kind: str) -> tuple[str, ...]:
    """The fields of `kind` an overlay may hold, in the schema's order."""
    allowed = {*TEXT_FIELDS, *STRING_LISTS, *RECORD_LISTS}
    return tuple(k for k in KINDS[kind].keys if k in allowed)


@dataclass(slots=True)
class Overlay:
    """One entity's translation into one language: the fields given, as written."""

    kind: str
    entity_id: str
    lang: str
    mapping: Mapping  # only translatable keys (checked)
    source: SourceText
    body: RawRecord | None = None  # prose from an `<id>.<lang>.md` file


@dataclass(slots=True)
class Overlays:
    """Every overlay of the project, by language and id."""

    by_language: dict[str, dict[str, Overlay]] = field(default_factory=dict)

    def add(self, overlay: Overlay, diagnostics: Diagnostics, at: SourceSpan) -> None:
        found = self.by_language.setdefault(overlay.lang, {})
        old = found.get(overlay.entity_id)
        if old is None:
            found[overlay.entity_id] = overlay
            return
        # A YAML overlay and an `.md` overlay of the same entity complete each other.
        for key, entry in overlay.mapping.entries.items():
            if key in old.mapping.entries:
                diagnostics.error(entry.key_span, f"'{key}' of '{overlay.entity_id}' is "
                                  f"translated into '{overlay.lang}' twice, here and at "
                                  f"{old.mapping.entries[key].key_span}", "keep one of them")
            else:
                old.mapping.entries[key] = entry
        if overlay.body is not None:
            if old.body is not None:
                diagnostics.error(at, f"'{overlay.entity_id}' has two '{overlay.lang}' "
                                  "translations of its prose", "keep one of the two files")
            else:
                old.body = overlay.body


def load_overlays(project: Path, paths: Iterable[tuple[str, Path]], config: SiteConfig,
                  records: list[RawRecord], diagnostics: Diagnostics) -> Overlays:
    """Read and check every overlay file against the records it translates."""
    by_id: dict[str, dict[str, RawRecord]] = {}
    for record in records:
        record_id = record_id_of(record)
        if record_id is not None:
            by_id.setdefault(record.kind, {}).setdefault(record_id, record)
    reader = _Reader(config, by_id, diagnostics)
    out = Overlays()
    for kind, path in paths:
        rel = path.relative_to(project).as_posix()
        lang = reader.language(rel, path)
        if lang is None:
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            diagnostics.error(SourceSpan(rel), f"cannot read the file: {exc.strerror}")
            continue
        source = decode(rel, data, diagnostics)
        if source is None:
            continue
        read = reader.prose if path.suffix == ".md" else reader.yaml
        for overlay in read(kind, lang, source, path.stem.rsplit(".", 1)[0]):
            out.add(overlay, diagnostics, SourceSpan(rel))
    return out


@dataclass(slots=True)
class _Reader:
    config: SiteConfig
    by_id: dict[str, dict[str, RawRecord]]
    diagnostics: Diagnostics

    def language(self, rel: str, path: Path) -> str | None:
        lang = path.stem.rsplit(".", 1)[1]
        others = self.config.published_languages[1:]
        if lang in others:
            return lang
        name = path.name
        if lang == self.config.language:
            self.diagnostics.error(SourceSpan(rel), f"'{name}' translates into '{lang}', the "
                                   "language the content files are written in",
                                   f"rename it to '{name.replace('.' + lang + '.', '.')}'")
        else:
            self.diagnostics.error(SourceSpan(rel), f"'{name}' translates into '{lang}', "
                                   "which is not one of the site's languages",
                                   did_you_mean(lang, others) or
                                   f"the site's other languages: {', '.join(others) or 'none'}; "
                                   f"or add '{lang}' to 'languages:' in detente.yaml")
        return None

    def yaml(self, kind: str, lang: str, source: SourceText, stem: str) -> list[Overlay]:
        if all(not line.strip() or line.lstrip().startswith("#") for line in source.lines):
            return []  # (nothing translated yet: `detente new --lang` writes comments)
        root = parse_yaml(source, self.diagnostics)
        if root is None:
            return []
        if isinstance(root, Mapping):
            return self._entries(kind, lang, source, [(root, stem)])
        if isinstance(root, Seq):
            items: list[tuple[Mapping, str | None]] = []
            for item in root.items:
                if isinstance(item, Mapping) and item.get("id") is not None:
                    items.append((item, None))
                else:
                    self.diagnostics.error(item.span, "a list overlay holds mappings, each "
                                           "with the 'id:' of the entity it translates",
                                           "start each one with '- id: ...'")
            return self._entries(kind, lang, source, items)
        self.diagnostics.error(root.span, "an overlay holds a mapping of translated fields "
                               "or a list of them", "write 'field: text' lines, or "
                               "'- id: ...' list items")
        return []

    def prose(self, kind: str, lang: str, source: SourceText, stem: str) -> list[Overlay]:
        front, first_line, body = split_front_matter(source)
        mapping = Mapping({}, SourceSpan(source.path, 1))
        if front is not None and front.text.strip():
            node = parse_yaml(front, self.diagnostics, first_line)
            if not isinstance(node, Mapping):
                if node is not None:
                    self.diagnostics.error(node.span, "front matter must be a mapping of fields")
                return []
            mapping = node
        overlays = self._entries(kind, lang, source, [(mapping, stem)])
        if overlays and body.text.strip():
            overlays[0].body = RawRecord(kind, Mapping({}, mapping.span), source, stem,
                                         body, source)
        return overlays

    def _entries(self, kind: str, lang: str, source: SourceText,
                 items: list[tuple[Mapping, str | None]]) -> list[Overlay]:
        out = []
        for mapping, stem in items:
            target = self._target(kind, mapping, stem, source)
            if target is None:
                continue
            entity_id, record = target
            kept = Mapping({}, mapping.span)
            for key, entry in mapping.entries.items():
                if key != "id" and self._allowed(kind, entity_id, entry, record):
                    kept.entries[key] = entry
            out.append(Overlay(kind, entity_id, lang, kept, source))
        return out

    def _target(self, kind: str, mapping: Mapping, stem: str | None,
                source: SourceText) -> tuple[str, RawRecord] | None:
        node = mapping.get("id")
        entity_id = node.text if isinstance(node, Scalar) else stem
        span = node.span if node is not None else SourceSpan(source.path, 1, 1)
        known = self.by_id.get(kind, {})
        if entity_id is None or entity_id not in known:
            what = SINGULAR[kind]
            self.diagnostics.error(span, f"no {what} has the id '{entity_id}' to translate",
                                   did_you_mean(entity_id or "", known) or
                                   f"an overlay translates a {what} of content/{kind}/ by its id")
            return None
        return entity_id, known[entity_id]

    def _allowed(self, kind: str, entity_id: str, entry: MapEntry, record: RawRecord) -> bool:
        key = entry.key
        fields = translatable(kind)
        if key not in fields:
            if KINDS[kind].field(key) is not None:
                self.diagnostics.error(entry.key_span, f"'{key}' is not translated: an overlay "
                                       "holds only translatable fields",
                                       f"set it in the {SINGULAR[kind]}'s own file; translatable "
                                       f"fields here: {', '.join(fields)}")
            else:
                self.diagnostics.error(entry.key_span, f"unknown field '{key}' for "
                                       f"{_a(SINGULAR[kind])}", did_you_mean(key, fields) or
                                       "translatable fields: " + ", ".join(fields))
            return False
        if key in STRING_LISTS or key in RECORD_LISTS:
            return self._whole_list(entry, record.mapping.get(key), record)
        if not isinstance(entry.value, Scalar):
            self.diagnostics.error(entry.value.span, f"'{key}' takes text, as in the original")
            return False
        return True

    def _whole_list(self, entry: MapEntry, original: Node | None, record: RawRecord) -> bool:
        key, value = entry.key, entry.value
        length = len(original.items) if isinstance(original, Seq) else 0
        where = f"{original.span}" if original is not None else record.source.path
        if not isinstance(value, Seq) or len(value.items) != length:
            given = _items(len(value.items)) if isinstance(value, Seq) else "no list of items"
            self.diagnostics.error(value.span, f"'{key}' has {given} here and "
                                   f"{_items(length)} in the original ({where})",
                                   "give the list whole: every item, in the same order")
            return False
        item_keys = RECORD_LISTS.get(key)
        ok = True
        for item in value.items:
            if item_keys is None:
                if not isinstance(item, Scalar):
                    self.diagnostics.error(item.span, f"'{key}' items are text")
                    ok = False
                continue
            if not isinstance(item, Mapping):
                self.diagnostics.error(item.span, f"'{key}' items are mappings of "
                                       f"{', '.join(item_keys)}", "")
                ok = False
                continue
            for sub, sub_entry in item.entries.items():
                if sub not in item_keys:
                    self.diagnostics.error(sub_entry.key_span, f"'{sub}' of a '{key}' item is "
                                           "not translated: an overlay holds only "
                                           "translatable fields",
                                           f"translatable here: {', '.join(item_keys)}")
                    ok = False
        return ok


def _a(what: str) -> str:
    return ("an " if what[0] in "aeiou" else "a ") + what


def _items(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"
