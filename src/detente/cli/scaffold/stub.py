"""`detente new KIND ID`: a content file with the required fields and the optional ones
commented out, generated from the schema declaration (`schema.KINDS`)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from detente.content import schema as s
from detente.content.dates import DateError, parse_date
from detente.content.diagnostics import DetenteError, Diagnostics, close_matches
from detente.content.load import load_content, record_id_of
from detente.content.values import id_problem, suggest_id
from detente.content.yamlnodes import Mapping, Scalar, Seq

PLURAL = {singular: plural for plural, singular in s.SINGULAR.items()}
# Words a new user may reach for, and the kind that holds them.
OTHER_WORDS = {
    "person": "actors", "people": "actors", "persons": "actors", "leader": "actors",
    "official": "actors", "country": "parties", "state": "parties", "government": "parties",
    "organisation": "parties", "organization": "parties", "group": "parties",
    "side": "parties", "topic": "issues", "plan": "proposals", "deal": "proposals",
    "agreement": "proposals", "stance": "positions", "article": "sources",
    "report": "sources", "meeting": "events", "talks": "events"}
_DATED_ID = re.compile(r"(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:-|\Z)")


def kind_named(name: str) -> s.KindSpec:
    """'event' or 'events' → the events KindSpec."""
    spec = s.KINDS.get(PLURAL.get(name, name))
    if spec is not None:
        return spec
    words = {**{w: k for w, k in PLURAL.items()}, **{k: k for k in s.KINDS}, **OTHER_WORDS}
    close = [name.lower()] if name.lower() in words else close_matches(name.lower(), words)
    meant = list(dict.fromkeys(s.SINGULAR[words[w]] for w in close))
    hint = "did you mean " + ", ".join(f"'{m}'" for m in meant) + "?" if meant else ""
    raise DetenteError(f"unknown kind '{name}'; " + (f"{hint} (the kinds are: " if hint else
                                                     "the kinds are: ")
                       + ", ".join(PLURAL) + (")" if hint else ""))


def date_in_id(entity_id: str) -> str | None:
    """The date an id starts with ('2031-06-02-second-round' → '2031-06-02'), if any."""
    match = _DATED_ID.match(entity_id)
    if match is None:
        return None
    try:
        return parse_date(match.group(1)).iso()
    except DateError:
        return None


def existing_ids(project: Path) -> dict[str, str]:
    """Every id used in the project (inline timeline events too) → its kind.

    Read from the raw files, so ids in files with errors count as taken.
    """
    ids: dict[str, str] = {}
    for record in load_content(project, Diagnostics()).records:
        record_id = record_id_of(record)
        if record_id is not None and record.kind != "positions":
            ids.setdefault(record_id, record.kind)
        for unread in record.unreadable[1:]:  # ids seen in a file that is not valid YAML
            ids.setdefault(unread, record.kind)
        events = record.mapping.get("events")
        if record.kind == "timelines" and isinstance(events, Seq):
            for item in events.items:
                inline = item.get("id") if isinstance(item, Mapping) else None
                if isinstance(inline, Scalar):
                    ids.setdefault(inline.text, "events")
    return ids


@dataclass(frozen=True, slots=True)
class NewFile:
    path: Path
    appended: bool  # a position added to an existing list file
    to_fill: tuple[str, ...] = ()  # required fields written without a value, quoted


def create_stub(project: Path, kind_name: str, entity_id: str, title: str | None = None,
                today: datetime.date | None = None) -> NewFile:
    spec = kind_named(kind_name)
    problem = id_problem(entity_id)
    if problem:
        raise DetenteError(f"{problem}; try '{suggest_id(entity_id) or 'an-id'}'")
    folder = project / "content" / spec.name
    ids = existing_ids(project)
    date = date_in_id(entity_id) or (today or datetime.date.today()).isoformat()
    examples = _examples(ids)
    if spec.name == "positions":  # a list file named ENTITY_ID; entries have no ids
        path = folder / f"{entity_id}.yaml"
        lines, to_fill = _fields(spec, title, date, examples)
        entry = "\n".join(("- " if i == 0 else "  ") + line if line else ""
                          for i, line in enumerate(lines))
        if path.exists():
            with path.open("a", encoding="utf-8") as handle:
                handle.write("\n" + entry + "\n")
            return NewFile(path, True, to_fill)
        _write_new(path, _header(spec, entity_id, to_fill) + entry + "\n")
        return NewFile(path, False, to_fill)
    if entity_id in ids:
        raise DetenteError(f"id '{entity_id}' is already used by {_a(ids[entity_id])}; ids are "
                           "unique across all kinds")
    taken = [folder / f"{entity_id}{suffix}" for suffix in (".yaml", ".yml", ".md")]
    for path in taken:
        if path.exists():
            raise DetenteError(f"{path.relative_to(project)} already exists")
    lines, to_fill = _fields(spec, title or _title_from(entity_id), date, examples)
    if spec.name == "pages":
        text = "---\n" + "\n".join(lines) + "\n---\nWrite the page here, in Markdown.\n"
        _write_new(taken[2], text)
        return NewFile(taken[2], False, to_fill)
    _write_new(taken[0], _header(spec, entity_id, to_fill) + "\n".join(lines) + "\n")
    return NewFile(taken[0], False, to_fill)


def _write_new(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)


def _header(spec: s.KindSpec, entity_id: str, to_fill: tuple[str, ...]) -> str:
    what = ("Positions of parties or actors (a list; add one '- party: ...' entry per stance)"
            if spec.name == "positions" else f"{_a(spec.name).capitalize()} (id: {entity_id}, "
            "from the file name)")
    fill = "Fill in the fields marked 'required'; r" if to_fill else "R"
    return f"# {what}.\n# {fill}emove the '# ' before an optional field to use it.\n"


def _title_from(entity_id: str) -> str:
    dated = _DATED_ID.match(entity_id)
    if dated is not None and dated.end() < len(entity_id):  # '2031-06-02-second-round'
        entity_id = entity_id[dated.end():]
    words = entity_id.replace("-", " ")
    return words[:1].upper() + words[1:]


def _examples(ids: dict[str, str]) -> dict[str, list[str]]:
    by_kind: dict[str, list[str]] = {}
    for entity_id, kind in sorted(ids.items()):
        by_kind.setdefault(kind, []).append(entity_id)
    return by_kind


def _fields(spec: s.KindSpec, title: str | None, date: str,
            examples: dict[str, list[str]]) -> tuple[list[str], tuple[str, ...]]:
    """One line per field: required ones to fill in, optional ones commented out; and the
    required ones written without a value."""
    alternatives = {b: a for a, b in spec.one_of} | {a: b for a, b in spec.one_of}
    first = {a for a, _ in spec.one_of}
    required: list[str] = []
    optional: list[str] = []
    to_fill: list[str] = []
    label_done = False
    for field in spec.fields:
        if field.key == "id" or (field.key == "body" and spec.name == "pages"):
            continue
        doc = field.doc.rstrip(".")
        kind = _describe(field.type, examples)
        about = f"{doc} ({kind})" if kind not in doc and kind not in ("text", "Markdown") \
            else doc
        if field.key in first:
            to_fill.append(f"'{field.key}' (or '{alternatives[field.key]}')")
            required.append(f"{field.key}:  # required ({_describe(field.type, examples)}); or "
                            f"'{alternatives[field.key]}:' instead")
        elif field.key in alternatives:
            optional.append(f"# {field.key}:  # {doc}")
        elif field.required and isinstance(field.type, s.Text) and not label_done and title:
            required.append(f"{field.key}: {_yaml_text(title)}")
            label_done = True
        elif field.required and isinstance(field.type, s.Date):
            required.append(f"{field.key}: {date}  # required; {_describe(field.type, examples)}")
        elif field.required:
            to_fill.append("'source'" if isinstance(field.type, s.Sources) else
                           f"'{field.key}'")
            required.append(f"{field.key}:  # required: {about}")
        else:
            key = "sources" if isinstance(field.type, s.Sources) else field.key
            optional.append(f"# {key}:  # {about}")
    return required + optional, tuple(to_fill)


def _yaml_text(text: str) -> str:
    import json

    plain = text.strip()
    risky = not plain or plain[0] in "!&*{}[]|>'\"%@`#,?:-" or ": " in plain or " #" in plain
    return json.dumps(plain, ensure_ascii=False) if risky else plain


def _describe(type_: s.FieldType, examples: dict[str, list[str]]) -> str:
    if isinstance(type_, s.ListOf):
        return "a list: " + _describe(type_.item, examples)
    if isinstance(type_, s.RefTo | s.TextOrRef):
        kinds = _a(type_.kinds[0]) + "".join(f" or {s.SINGULAR[k]}" for k in type_.kinds[1:])
        seen = [i for k in type_.kinds for i in examples.get(k, [])][:3]
        text = f"the id of {kinds}" if isinstance(type_, s.RefTo) else f"text, or the id of {kinds}"
        return text + (f", e.g. {', '.join(seen)}" if seen else "")
    if isinstance(type_, s.Sources):
        seen = examples.get("sources", [])[:2]
        return "'source: id' or 'sources: [id, id]'" + (f"; e.g. {', '.join(seen)}" if seen
                                                         else "")
    if isinstance(type_, s.Choice):
        return " | ".join(type_.values)
    if isinstance(type_, s.Record):
        return "{" + ", ".join(f.key for f in type_.fields) + "}"
    return _SIMPLE.get(type(type_), "text")


_SIMPLE: dict[type, str] = {
    s.Text: "text", s.Markdown: "Markdown", s.Slug: "an id", s.Bool: "true or false",
    s.Integer: "a whole number",
    s.Date: "YYYY, YYYY-MM, YYYY-MM-DD or 2025-03-18T16:00+03:00",
    s.Color: "'#rrggbb', quoted", s.Country: "ISO 3166-1 alpha-2, e.g. UA",
    s.Url: "https://...", s.StaticPath: "a path under static/",
    s.Coordinates: "[latitude, longitude]",
    s.InlineEvents: "event ids, or inline events with their own id",
}


def _a(kind: str) -> str:
    name = s.SINGULAR.get(kind, kind)
    return f"an {name}" if name[0] in "aeiou" else f"a {name}"
