"""Open data: the whole validated model as site/data/site.json, and one CSV per kind.

Records use the field names editors write (`kind`, `from`, `sources`), every reference is an
id, dates are ISO 8601 text at their own precision ('2025', '2025-03', '2025-03-18') and prose
is the Markdown source. Both formats are deterministic: same content, same bytes.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from detente.content import schema as s
from detente.content.dates import PartialDate
from detente.content.model import KIND_ORDER, Entity, Prose, Ref, Site, SiteReader
from detente.content.routes import absolute_url, entity_path
from detente.pages.locale import N_
from detente.pages.opendata_i18n import cell_value, translation_columns, translations

SCHEMA_VERSION = 1
DATA_DIR = "data/"
JSON_FILE = DATA_DIR + "site.json"
LIST_SEPARATOR = "; "
# every published record has draft: false; `checks` are editorial settings, and a source's
# `text` is kept to check quotes against, not to be republished
_SKIPPED = ("draft", "checks", "text")
_CONTENTS = {  # (translated where shown: data.html)
    "parties": N_("States, governments, blocs, coalitions, armed groups and organisations"),
    "actors": N_("People: leaders, envoys, spokespeople, ministers"),
    "issues": N_("Topics under negotiation"),
    "proposals": N_("Proposals, deals and agreements, with their dated status history"),
    "positions": N_("Dated, sourced stances of parties and actors on proposals and issues"),
    "events": N_("Dated events, with their quotes, accounts and claims"),
    "timelines": N_("Named, ordered lists of events"),
    "sources": N_("The publications cited"),
    "pages": N_("Prose pages"),
}


@dataclass(frozen=True, slots=True)
class DataFile:
    """One file of the open data, as the data page lists it."""

    name: str
    url: str
    description: str
    records: int


def data_files(site: SiteReader, base_path: str) -> tuple[DataFile, ...]:
    total = sum(len(site.by_kind[kind]) for kind in KIND_ORDER)
    files = [DataFile("site.json", base_path + JSON_FILE,
                      N_("Everything: every record of every kind, with the site's settings"),
                      total)]
    for kind in KIND_ORDER:
        files.append(DataFile(f"{kind}.csv", base_path + _csv_path(kind),
                              _CONTENTS[kind],
                              len(site.by_kind[kind])))
    return tuple(files)


def produce(site: SiteReader) -> Iterator[tuple[str, Iterator[bytes]]]:
    records = {kind: [entity_record(e, site) for e in site.by_kind[kind]] for kind in KIND_ORDER}
    if isinstance(site, Site) and site.translated:
        for kind in KIND_ORDER:
            for entity, record in zip(site.by_kind[kind], records[kind], strict=True):
                record["translations"] = translations(entity, site, _value)
    yield JSON_FILE, site_json(site, records)
    for kind in KIND_ORDER:
        yield _csv_path(kind), kind_csv(kind, records[kind],
                                        translation_columns(kind, site) if
                                        isinstance(site, Site) and site.translated else [])


def _csv_path(kind: str) -> str:
    return f"{DATA_DIR}{kind}.csv"


def site_json(site: SiteReader, records: dict[str, list[dict[str, Any]]]) -> Iterator[bytes]:
    config = site.config
    document = {
        "schema_version": SCHEMA_VERSION,
        "site": {"title": config.title, "description": config.description,
                 "base_url": config.base_url, "language": config.language,
                 "timezone": config.timezone,
                 **({"languages": list(config.languages)} if config.languages else {})},
        "entities": records,
    }
    return json_lines(document)


_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
PIECE = 1 << 20  # bytes: about this much is written at a time


def json_lines(document: dict[str, Any]) -> Iterator[bytes]:
    """The document with one entity per line: diffable, and written by the standard
    library's C encoder (indented JSON goes through its Python one: two seconds for
    10,000 events)."""
    return _pieces(_json_lines(document))


def _json_lines(document: dict[str, Any]) -> Iterator[str]:
    yield '{"entities":{\n'
    for k, (kind, records) in enumerate(sorted(document["entities"].items())):
        if k:
            yield ",\n"
        yield f"{_ENCODE(kind)}:["
        for i, record in enumerate(records):
            yield "\n" if i == 0 else ",\n"
            yield _ENCODE(record)
        yield "\n]" if records else "]"
    rest = [f"{_ENCODE(key)}:{_ENCODE(value)}" for key, value in sorted(document.items())
            if key != "entities"]
    yield "\n},\n" + ",\n".join(rest) + "}\n"


def _pieces(texts: Iterable[str]) -> Iterator[bytes]:
    """Texts joined into pieces of about PIECE bytes, UTF-8."""
    gathered: list[str] = []
    size = 0
    for text in texts:
        gathered.append(text)
        size += len(text)
        if size >= PIECE:
            yield "".join(gathered).encode("utf-8")
            gathered, size = [], 0
    rest = "".join(gathered)
    if rest:
        yield rest.encode("utf-8")


def entity_record(entity: Entity, site: SiteReader) -> dict[str, Any]:
    """The entity as plain JSON values, keyed by the names editors write."""
    spec = s.KINDS[entity.kind]
    record: dict[str, Any] = {}
    for field in spec.fields:
        if field.key in _SKIPPED:
            continue
        record[_key(field)] = _value(field.type, getattr(entity, field.attribute))
    record["updated"] = _value(s.Date(), entity.last_updated)  # as its page says
    has_page = entity.kind != "positions"  # positions appear on others' pages
    record["page_url"] = absolute_url(site.config, entity_path(entity)) if has_page else None
    return record


def _key(field: s.FieldSpec) -> str:
    return "sources" if isinstance(field.type, s.Sources) else field.key


def _value(type_: s.FieldType, value: object) -> Any:
    if value is None or value == "":
        return None
    if isinstance(type_, s.ListOf):
        assert isinstance(value, tuple)
        return [_value(type_.item, item) for item in value]
    if isinstance(type_, s.Record):
        return {_key(f): _value(f.type, getattr(value, f.attribute)) for f in type_.fields}
    if isinstance(value, Ref):
        return value.id
    if isinstance(value, Prose):
        return value.text
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, tuple):  # sources, a timeline's events, coordinates
        return [v.id if isinstance(v, Ref) else v for v in value]
    return value


def csv_columns(kind: str) -> list[str]:
    return ["id", *(_key(f) for f in s.KINDS[kind].fields
                    if f.key not in _SKIPPED and f.key != "id"), "page_url"]


def kind_csv(kind: str, records: list[dict[str, Any]],
             extra: list[str] | None = None) -> Iterator[bytes]:
    """One row per record; lists joined with '; ', lists of records as JSON text. `extra`:
    the translations' columns (`name_uk`)."""
    columns = csv_columns(kind) + (extra or [])
    rows = (csv_row([_cell(cell_value(record, column)) for column in columns])
            for record in records)
    return _pieces(itertools.chain((csv_row(columns),), rows))


_NEEDS_QUOTES = re.compile('[",\r\n]')


def csv_row(cells: list[str]) -> str:
    """One row as `csv.writer` writes it (minimal quoting, CRLF line ends), in a fraction
    of its time on long prose cells."""
    return ",".join('"' + cell.replace('"', '""') + '"' if _NEEDS_QUOTES.search(cell)
                    else cell for cell in cells) + "\r\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if any(isinstance(item, dict) for item in value):
            return json.dumps(value, ensure_ascii=False, sort_keys=True)
        return LIST_SEPARATOR.join(_cell(item) for item in value)
    return str(value)
