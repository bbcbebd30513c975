"""Raw records → typed, frozen entities, driven by the declarations in `schema.py`.

Every problem is reported at the line of the value (or key) that causes it, and the
validator keeps going; an entity with an error is left out of the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from detente.content import schema as s
from detente.content.dates import PartialDate
from detente.content.diagnostics import Diagnostics, SourceSpan, close_matches, did_you_mean
from detente.content.load import BodyText, RawRecord
from detente.content.model import Entity, Prose, ProseRef, Ref
from detente.content.prose import (
    DROPPED_HINT,
    TOO_DEEP,
    TOO_DEEP_HINT,
    ProseChecker,
    TokenLocator,
    find_refs,
)
from detente.content.scalars import CONTROL_HINT, INVALID, ScalarChecks, describe
from detente.content.values import (
    CONTROL_RE,
    MAX_ID_LENGTH,
    MAX_LABEL_CHARS,
    id_problem,
    suggest_id,
)
from detente.content.yamlnodes import Mapping, Node, Scalar, Seq, SourceText


@dataclass
class Validator(ScalarChecks):
    diagnostics: Diagnostics
    static_files: frozenset[str] = frozenset()
    site_title: str = ""
    max_label_chars: int = MAX_LABEL_CHARS
    texts: dict[str, SourceText] = field(default_factory=dict)
    extra: list[Entity] = field(default_factory=list)
    failed_ids: set[str] = field(default_factory=set)  # entities left out for their errors
    prose: ProseChecker = field(default_factory=ProseChecker)  # what rendering would drop

    # ------------------------------------------------------------ entities
    def entities(self, records: list[RawRecord]) -> list[Entity]:
        for record in records:
            self.texts.setdefault(record.source.path, record.source)
            if record.body_source is not None:
                self.texts.setdefault(record.body_source.path, record.body_source)
        out: list[Entity] = []
        counters: dict[str, int] = {}
        for record in records:
            if record.unreadable:  # reported where the reading failed
                self.failed_ids.update(record.unreadable)
                continue
            entity = self.entity(record, counters)
            if entity is not None:
                out.append(entity)
        out.extend(self.extra)
        return out

    def entity(self, record: RawRecord, counters: dict[str, int]) -> Entity | None:
        spec = s.KINDS[record.kind]
        entity_id = self._entity_id(record, spec, counters)
        # The home page's title defaults to the site title.
        optional = ("title",) if spec.name == "pages" and entity_id == "index" else ()
        values = self.fields(record.mapping, spec.fields, spec.name, spec.one_of, optional)
        body = self._body(record)
        if spec.name == "pages" and entity_id != "index" and not self._home_only(record):
            values = None
        if entity_id is INVALID or values is None or body is INVALID:
            if entity_id is not INVALID:
                self.failed_ids.add(entity_id)
            return None
        values.pop("id", None)
        if body is not None:
            values["body"] = body
        if spec.name == "pages" and "title" not in values and entity_id == "index":
            values["title"] = self.site_title
        if not self._range_ok(record.mapping, values.get("date"), values.get("end")):
            self.failed_ids.add(entity_id)
            return None
        try:
            entity: Entity = spec.cls(id=entity_id, span=record.mapping.span, **values)
        except TypeError:  # a required field was missing: already reported
            return None
        return entity

    def _range_ok(self, mapping: Mapping, start: PartialDate | None,
                  end: PartialDate | None) -> bool:
        """'end' after 'date': not before it, and not a coarser date that contains it."""
        node = mapping.get("end")
        if end is None or start is None or node is None:
            return True
        if end.ends_before(start):
            self.diagnostics.error(node.span, f"'end' ({end.iso()}) is before 'date' "
                                   f"({start.iso()})", "swap them, or correct one of the dates")
            return False
        if end.first_day() < start.first_day():  # '1997-07' as the end of '1997-07-20'
            self.diagnostics.error(node.span, f"'end' ({end.iso()}) begins before 'date' "
                                   f"({start.iso()}): {end.display()} contains the start",
                                   f"give the day it ended (e.g. {end.last_day().isoformat()}), "
                                   "or remove 'end'")
            return False
        return True

    def _entity_id(self, record: RawRecord, spec: s.KindSpec, counters: dict[str, int]) -> Any:
        node = record.mapping.get("id")
        if node is not None:
            entity_id = self.value(node, s.Slug(), "id")
            if entity_id is INVALID and isinstance(node, Scalar):
                # References written with the id meant are not reported again.
                self.failed_ids.add(suggest_id(node.text))
            return entity_id
        if record.default_id is None:
            if not spec.needs_id_in_lists:
                stem = record.source.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
                counters[stem] = counters.get(stem, 0) + 1
                return f"{stem}#{counters[stem]}"
            self.diagnostics.error(record.mapping.span,
                                   f"an entity in a list file needs an 'id:' "
                                   f"({s.SINGULAR[spec.name]} ids are not taken from the "
                                   "file name)",
                                   "add 'id: some-slug' to this item")
            return INVALID
        if id_problem(record.default_id):
            name = record.source.path.rsplit("/", 1)[-1]
            suffix = name[len(record.default_id):]
            length = len(record.default_id)
            problem = (f"file name '{name}' gives an id of {length} characters; the limit is "
                       f"{MAX_ID_LENGTH}" if length > MAX_ID_LENGTH else
                       f"file name '{name}' does not give a valid id")
            self.diagnostics.error(SourceSpan(record.source.path, 1, 1), problem,
                                   f"rename the file to '{suggest_id(record.default_id)}"
                                   f"{suffix}' or set 'id:'")
            self.failed_ids.add(suggest_id(record.default_id))
            return INVALID
        return record.default_id

    def _home_only(self, record: RawRecord) -> bool:
        """Fields of the home page's own (`key_facts`) on another page are errors."""
        found = [e for k, e in record.mapping.entries.items() if k in s.HOME_ONLY]
        for e in found:
            self.diagnostics.error(e.key_span, f"'{e.key}' is only for the home page (content/"
                                   f"pages/index.md)", f"move '{e.key}:' to the front matter "
                                   "of content/pages/index.md")
        return not found

    def _body(self, record: RawRecord) -> Any:
        if record.body is None:
            return None
        return self.body_prose(record.body)

    # ------------------------------------------------------------ mappings
    def fields(self, mapping: Mapping, specs: tuple[s.FieldSpec, ...], what: str,
               one_of: tuple[tuple[str, ...], ...] = (),
               optional: tuple[str, ...] = ()) -> dict[str, Any] | None:
        values: dict[str, Any] = {}
        ok = True
        misspelt: set[str] = set()  # fields an unknown key probably meant: not "missing" too
        by_key = {spec.key: spec for spec in specs}
        keys = [k for spec in specs for k in
                (("source", "sources") if isinstance(spec.type, s.Sources) else (spec.key,))]
        for key, entry in mapping.entries.items():
            spec = by_key.get(key)
            if spec is None and key in ("source", "sources"):
                spec = by_key.get("source")
            if spec is None:
                self.diagnostics.error(entry.key_span, f"unknown field '{key}' for {_a(what)}",
                                       did_you_mean(key, keys) or "the fields are: " +
                                       ", ".join(keys))
                misspelt.update(close_matches(key, keys))
                ok = False
                continue
            # A required field left empty: removing the line would not help.
            needed = spec.required or any(key in group for group in one_of)
            if isinstance(spec.type, s.Sources):
                value = self.sources_value(mapping, key, needed)
            else:
                value = self.value(entry.value, spec.type, key, needed)
            if value is INVALID:
                ok = False
            elif value is not None:
                values[spec.attribute] = value
        for spec in specs:
            if (spec.required and spec.key not in optional and spec.attribute not in values
                    and not self._reported(mapping, spec) and spec.key not in misspelt):
                if isinstance(spec.type, s.Sources):
                    self.diagnostics.error(mapping.span, f"{_a(what)} needs 'source' or "
                                           "'sources'", "add 'source: <source id>', or "
                                           "'sources: [...]' for several")
                else:
                    self.diagnostics.error(mapping.span, f"{_a(what)} needs '{spec.key}'",
                                           f"add '{spec.key}: ...'")
                ok = False
        for group in one_of:
            present = [key for key in group if key in mapping.entries]
            if len(present) != 1:
                names = " or ".join(f"'{k}'" for k in group)
                problem = "both" if present else "neither"
                self.diagnostics.error(mapping.span, f"{_a(what)} needs {names} ({problem} given)",
                                       "give exactly one of them")
                ok = False
        return values if ok else None

    @staticmethod
    def _reported(mapping: Mapping, spec: s.FieldSpec) -> bool:
        """A required field that is present but invalid has been reported already."""
        if isinstance(spec.type, s.Sources):
            return "source" in mapping.entries or "sources" in mapping.entries
        return spec.key in mapping.entries

    def sources_value(self, mapping: Mapping, key: str, required: bool = False) -> Any:
        if key == "sources" and "source" in mapping.entries:
            return INVALID  # reported once, at 'source'
        node = mapping.entries[key].value
        if key == "source" and "sources" in mapping.entries:
            self.diagnostics.error(mapping.entries["sources"].key_span,
                                   "both 'source' and 'sources' are set",
                                   "use 'sources: [a, b]' for several, 'source: a' for one")
            return INVALID
        if key == "source":
            if isinstance(node, Seq):
                self.diagnostics.error(node.span, "'source' takes one source id",
                                       "write 'sources:' for a list")
                return INVALID
            ref = self.value(node, s.RefTo(("sources",)), key, required)
            return INVALID if ref is INVALID else (ref,) if ref is not None else None
        return self.value(node, s.ListOf(s.RefTo(("sources",))), key, required)

    # ------------------------------------------------------------ values
    def value(self, node: Node, type_: s.FieldType, key: str, required: bool = False) -> Any:
        """`required`: the field may not be left out (an empty one is not 'removed')."""
        if isinstance(type_, s.ListOf):
            return self.list_value(node, type_.item, key)
        if isinstance(type_, s.Record):
            return self.record_value(node, type_, key)
        if isinstance(type_, s.InlineEvents):
            return self.inline_events(node, key)
        if isinstance(type_, s.Coordinates):
            return self.coordinates(node, key)
        if not isinstance(node, Scalar):
            self.diagnostics.error(node.span, f"'{key}' takes {describe(type_)}, "
                                   f"not a {'list' if isinstance(node, Seq) else 'mapping'}")
            return INVALID
        if node.is_null and not node.quoted:
            what = ("the id of " + " or ".join(_a(k) for k in type_.kinds)
                    if isinstance(type_, s.RefTo) else "a value")
            hint = f"give it {what}" + ("" if required else ", or remove the line")
            if isinstance(type_, s.Color):
                hint = "quote the colour ('#1f77b4'): in YAML an unquoted # starts a comment"
            self.diagnostics.error(node.span, f"'{key}' has no value", hint)
            return INVALID
        check = _SCALAR_CHECKS.get(type(type_))
        return check(self, node, type_, key) if check else node.text

    def list_value(self, node: Node, item: s.FieldType, key: str) -> Any:
        if not isinstance(node, Seq):
            self.diagnostics.error(node.span, f"'{key}' takes a list",
                                   f"write '{key}: [...]' or one '- ' line per item")
            return INVALID
        items = [self.value(child, item, key) for child in node.items]
        return INVALID if any(i is INVALID for i in items) else tuple(items)

    def record_value(self, node: Node, record: s.Record, key: str) -> Any:
        if not isinstance(node, Mapping):
            self.diagnostics.error(node.span, f"each item of '{key}' is a mapping of "
                                   + ", ".join(f.key for f in record.fields))
            return INVALID
        values = self.fields(node, record.fields, f"'{key}' item")
        return INVALID if values is None else record.cls(**values, span=node.span)

    def inline_events(self, node: Node, key: str) -> Any:
        if not isinstance(node, Seq):
            self.diagnostics.error(node.span, f"'{key}' takes a list of event ids or events")
            return INVALID
        refs: list[Any] = []
        for item in node.items:
            if not isinstance(item, Mapping):
                refs.append(self.value(item, s.RefTo(("events",)), key))
                continue
            id_node = item.get("id")
            if id_node is None:
                self.diagnostics.error(item.span, "an inline event needs its own 'id:'",
                                       "add 'id: some-slug' to it, or give the id of an "
                                       "event defined in events/")
                refs.append(INVALID)
                continue
            record = RawRecord("events", item, self.texts[item.span.path], None)
            event = self.entity(record, {})
            if event is None:
                refs.append(INVALID)
                continue
            self.extra.append(event)
            refs.append(Ref(event.id, id_node.span, ("events",), key))
        return INVALID if any(r is INVALID for r in refs) else tuple(refs)

    def coordinates(self, node: Node, key: str) -> Any:
        numbers: list[float] = []
        if isinstance(node, Seq) and len(node.items) == 2:
            for item in node.items:
                if isinstance(item, Scalar) and not item.quoted:
                    try:
                        numbers.append(float(item.text))
                    except ValueError:
                        break
        if len(numbers) != 2:
            self.diagnostics.error(node.span, f"'{key}' takes [latitude, longitude] in degrees",
                                   "for example [60.17, 24.94]")
            return INVALID
        assert isinstance(node, Seq)
        ok = True
        for item, number, name, limit in zip(node.items, numbers, ("latitude", "longitude"),
                                             (90, 180), strict=True):
            if not -limit <= number <= limit:
                written = item.text if isinstance(item, Scalar) else str(number)
                self.diagnostics.error(item.span, f"{name} {written} is out of range "
                                       f"(-{limit} to {limit})",
                                       f"'{key}' takes [latitude, longitude] in degrees, "
                                       "for example [60.17, 24.94]")
                ok = False
        return (numbers[0], numbers[1]) if ok else INVALID

    def markdown(self, node: Scalar, type_: s.FieldType, key: str) -> Any:
        if self.controls(node.text, node.span, key):
            return INVALID
        source = self.texts.get(node.span.path)
        locator = None if source is None else TokenLocator(source.lines, node.span,
                                                           node.end_line)
        refs = [self._prose_ref(target, node.span if locator is None else
                                locator.locate(token), is_cite)
                for _line, _col, target, is_cite, token in find_refs(node.text)]
        links = None if source is None else TokenLocator(source.lines, node.span,
                                                         node.end_line)
        for _line, _column, url, written in self.prose.dropped(node.text):
            span = node.span if links is None else links.locate(written)
            self.diagnostics.error(span, ProseChecker.message(url), DROPPED_HINT)
        if self.prose.too_deep(node.text) is not None:
            self.diagnostics.error(node.span, TOO_DEEP, TOO_DEEP_HINT)
        return Prose(node.text, node.span, tuple(refs))

    def body_prose(self, body: BodyText) -> Any:
        bad = CONTROL_RE.search(body.text)
        if bad is not None:
            line = body.text.count("\n", 0, bad.start())
            column = bad.start() - (body.text.rfind("\n", 0, bad.start()) + 1) + 1
            self.diagnostics.error(body.span.shifted(line)._replace(column=column),
                                   f"a control character (U+{ord(bad.group()):04X}) in the "
                                   "text", CONTROL_HINT)
            return INVALID
        refs = [self._prose_ref(target, SourceSpan(body.span.path, body.span.line + line,
                                                   col + 1), is_cite)
                for line, col, target, is_cite, _token in find_refs(body.text)]
        for line, column, url, _written in self.prose.dropped(body.text):
            self.diagnostics.error(SourceSpan(body.span.path, body.span.line + line, column + 1),
                                   ProseChecker.message(url), DROPPED_HINT)
        deep = self.prose.too_deep(body.text)
        if deep is not None:
            self.diagnostics.error(body.span.shifted(deep), TOO_DEEP, TOO_DEEP_HINT)
        return Prose(body.text, body.span, tuple(refs))

    def _prose_ref(self, target: str, span: SourceSpan, is_citation: bool) -> ProseRef:
        return ProseRef(target, span, is_citation)


_SCALAR_CHECKS: dict[type, Callable[[Validator, Scalar, Any, str], Any]] = {
    s.Text: Validator.text,
    s.PlainText: Validator.text,
    s.Duration: Validator.duration,
    s.TextOrRef: Validator.text,
    s.Markdown: Validator.markdown,
    s.Slug: Validator.slug,
    s.RefTo: Validator.ref,
    s.Date: Validator.date,
    s.Bool: Validator.boolean,
    s.Integer: Validator.integer,
    s.Choice: Validator.choice,
    s.Color: Validator.color,
    s.Country: Validator.country,
    s.Url: Validator.url,
    s.StaticPath: Validator.static_path,
}


def _a(what: str) -> str:
    if what.startswith("'"):
        return f"an {what}" if what[1] in "aeiou" else f"a {what}"
    name = s.SINGULAR.get(what, what)
    return f"an {name}" if name[0] in "aeiou" else f"a {name}"
