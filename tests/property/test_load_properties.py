"""Properties of loading whole sites, on random valid sites written as files.

1. A random valid site (parties, actors, issues, proposals, events, positions, sources,
   with valid references, in single and list files, with .md prose) checks without a single
   diagnostic, and every entity it defines is in the Site.
2. Breaking exactly one reference of such a site gives exactly one error, at that
   reference's file:line:column.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from detente.content import schema as s
from detente.content.check import check_project

SETTINGS = settings(max_examples=40, deadline=None,
                    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
MISSING = "missing-zz9"  # generated ids all start with a kind prefix: this is never one

# ------------------------------------------------------------------ strategies
slugs = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
names = st.text(st.characters(categories=("L", "N", "P", "Zs")), min_size=1, max_size=30)


class Plain(str):
    """Text written without quotes (YAML reads 2025 as an int and 2025-03-18 as a date)."""


@st.composite
def dates(draw: st.DrawFn) -> str:
    text = draw(date_texts())
    return Plain(text) if draw(st.booleans()) else text


@st.composite
def date_texts(draw: st.DrawFn) -> str:
    day = draw(st.dates(date(1900, 1, 1), date(2100, 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day", "minute", "second"]))
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "day":
        return day.isoformat()
    moment = draw(st.times())
    offset = draw(st.sampled_from(["Z", "+00:00", "+03:00", "-05:30", "+14:00", "-12:00"]))
    clock = moment.strftime("%H:%M" if precision == "minute" else "%H:%M:%S")
    return f"{day.isoformat()}T{clock}{offset}"


def ids(prefix: str, min_size: int, max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(slugs, min_size=min_size, max_size=max_size, unique=True).map(
        lambda xs: [f"{prefix}-{x}" for x in xs])


@dataclass
class Entity:
    kind: str
    id: str
    fields: list[tuple[str, Any]]  # (key, value): a value is text, a ref, or a list of refs
    body: list[str] = field(default_factory=list)  # prose lines, refs as ('ref', id) parts


@dataclass(frozen=True)
class Ref:
    id: str


@dataclass(frozen=True)
class Cite:
    id: str


@dataclass
class SiteSpec:
    entities: list[Entity]
    list_files: dict[str, bool]  # kind → written as one list file (else one file each)


def _some(draw: st.DrawFn, pool: list[str], max_size: int = 3) -> list[str]:
    if not pool:
        return []
    return draw(st.lists(st.sampled_from(pool), max_size=max_size, unique=True))


def _prose(draw: st.DrawFn, targets: list[str], sources: list[str]) -> list[list[Any]]:
    """A few lines of prose, each a list of text, Ref and Cite parts."""
    lines: list[list[Any]] = []
    for _ in range(draw(st.integers(0, 3))):
        parts: list[Any] = [draw(st.sampled_from(["See", "As noted,", "Compare"]))]
        if targets and draw(st.booleans()):
            parts.append(Ref(draw(st.sampled_from(targets))))
        if sources and draw(st.booleans()):
            parts.append(Cite(draw(st.sampled_from(sources))))
        parts.append("here.")
        lines.append(parts)
    return lines


@st.composite
def sites(draw: st.DrawFn) -> SiteSpec:
    sources = draw(ids("s", 1, 3))
    parties = draw(ids("p", 1, 4))
    actors = draw(ids("a", 0, 3))
    issues = draw(ids("i", 0, 3))
    proposals = draw(ids("o", 0, 3))
    events = draw(ids("e", 0, 4))
    entities: list[Entity] = []
    everything = sources + parties + actors + issues + proposals + events

    def source_fields() -> list[tuple[str, Any]]:
        chosen = draw(st.lists(st.sampled_from(sources), min_size=1, max_size=2, unique=True))
        if len(chosen) == 1 and draw(st.booleans()):
            return [("source", Ref(chosen[0]))]
        return [("sources", [Ref(c) for c in chosen])]

    for sid in sources:
        entities.append(Entity("sources", sid, [("title", draw(names)), ("date", draw(dates()))]))
    for pid in parties:
        members = [Ref(m) for m in _some(draw, [p for p in parties if p != pid])]
        entities.append(Entity("parties", pid, [
            ("name", draw(names)), ("kind", draw(st.sampled_from(s.PARTY_KINDS))),
            ("members", members)]))
    for aid in actors:
        roles = [[("title", draw(names)), ("party", Ref(draw(st.sampled_from(parties)))),
                  ("from", draw(dates()))] for _ in range(draw(st.integers(0, 2)))]
        entities.append(Entity("actors", aid, [("name", draw(names)), ("roles", roles)]))
    for index, iid in enumerate(issues):
        fields: list[tuple[str, Any]] = [("title", draw(names))]
        if index and draw(st.booleans()):  # a parent among the earlier issues: no cycles
            fields.append(("parent", Ref(draw(st.sampled_from(issues[:index])))))
        entities.append(Entity("issues", iid, fields))
    for oid in proposals:
        entities.append(Entity("proposals", oid, [
            ("title", draw(names)), ("issues", [Ref(i) for i in _some(draw, issues)]),
            ("proposed_by", [Ref(x) for x in _some(draw, parties + actors)])]))
    for eid in events:
        targets = [x for x in everything if x != eid]
        entities.append(Entity("events", eid, [
            ("title", draw(names)), ("date", draw(dates())),
            ("parties", [Ref(p) for p in _some(draw, parties)]),
            ("actors", [Ref(a) for a in _some(draw, actors)]),
            *source_fields()], body=_prose(draw, targets, sources)))
    if proposals or issues:
        for n in range(draw(st.integers(0, 4))):
            holder = draw(st.sampled_from([("party", p) for p in parties]
                                          + [("actor", a) for a in actors]))
            entities.append(Entity("positions", f"#{n}", [
                (holder[0], Ref(holder[1])),
                ("on", Ref(draw(st.sampled_from(proposals + issues)))),
                ("stance", draw(st.sampled_from(s.STANCES))), ("date", draw(dates())),
                *source_fields()]))
    list_files = {kind: draw(st.booleans()) for kind in s.KINDS}
    list_files["positions"] = True
    return SiteSpec(entities, list_files)


# ------------------------------------------------------------------ writing
@dataclass
class Writer:
    """Writes a SiteSpec as files, recording where each reference lands."""

    root: Path
    broken: int | None = None  # the index of the reference to replace with MISSING
    refs: list[str] = field(default_factory=list)  # 'path:line:col' of every reference

    def ref(self, ref: Ref | Cite, path: str, line: int, column: int) -> str:
        self.refs.append(f"{path}:{line}:{column}")
        return MISSING if len(self.refs) - 1 == self.broken else ref.id

    def mapping(self, path: str, lines: list[str], entity: Entity, indent: str,
                first: str) -> None:
        """Append `entity`'s fields as YAML lines (the first prefixed with `first`)."""
        pairs: list[tuple[str, Any]] = []
        if first == "- " and not entity.id.startswith("#"):  # positions need no id
            pairs.append(("id", entity.id))
        pairs.extend(entity.fields)
        for number, (key, value) in enumerate(pairs):
            lead = indent + (first if number == 0 else " " * len(first))
            self.pair(path, lines, key, value, lead)

    def pair(self, path: str, lines: list[str], key: str, value: Any, lead: str) -> None:
        line = len(lines) + 1
        text = f"{lead}{key}: "
        if isinstance(value, Ref):
            text += self.ref(value, path, line, len(text) + 1)
        elif isinstance(value, list) and value and isinstance(value[0], list):  # records
            lines.append(text.rstrip())
            for record in value:
                for number, (sub_key, sub_value) in enumerate(record):
                    sub_lead = " " * len(lead) + ("  - " if number == 0 else "    ")
                    self.pair(path, lines, sub_key, sub_value, sub_lead)
            return
        elif isinstance(value, list):
            items = []
            for item in value:
                column = len(text) + len("[") + len(", ".join(items)) + (2 if items else 0) + 1
                items.append(self.ref(item, path, line, column))
            text += "[" + ", ".join(items) + "]"
        elif isinstance(value, Plain):
            text += value
        else:
            text += json.dumps(value, ensure_ascii=False)
        lines.append(text)

    def body(self, path: str, start_line: int, prose: list[list[Any]]) -> str:
        out = []
        for offset, parts in enumerate(prose):
            text = ""
            for part in parts:
                text += " " if text else ""
                if isinstance(part, Ref):
                    text += "[[" + self.ref(part, path, start_line + offset, len(text) + 1) + "]]"
                elif isinstance(part, Cite):
                    text += "[@" + self.ref(part, path, start_line + offset, len(text) + 1) + "]"
                else:
                    text += part
            out.append(text)
        return "".join(line + "\n" for line in out)

    def write(self, spec: SiteSpec) -> None:
        (self.root / "detente.yaml").write_text("title: Generated\n", encoding="utf-8")
        for kind in s.KINDS:
            members = [e for e in spec.entities if e.kind == kind]
            if not members:
                continue
            folder = self.root / "content" / kind
            folder.mkdir(parents=True)
            if spec.list_files[kind]:
                path = f"content/{kind}/all.yaml"
                lines: list[str] = []
                for entity in members:
                    self.mapping(path, lines, entity, "", "- ")
                    lines.append("")
                (self.root / path).write_text("\n".join(lines), encoding="utf-8")
            else:
                for entity in members:
                    path = f"content/{kind}/{entity.id}.yaml"
                    lines = []
                    self.mapping(path, lines, entity, "", "")
                    (self.root / path).write_text("\n".join(lines) + "\n", encoding="utf-8")
            for entity in members:
                if entity.body:
                    path = f"content/{kind}/{entity.id}.md"
                    (self.root / path).write_text(self.body(path, 1, entity.body),
                                                  encoding="utf-8")


def _in_temp_dir(check: Callable[[Path], None]) -> None:
    with tempfile.TemporaryDirectory(prefix="detente-prop-") as folder:
        check(Path(folder))


# ------------------------------------------------------------------ properties
@SETTINGS
@given(sites())
def test_valid_sites_load_cleanly_and_completely(spec: SiteSpec) -> None:
    def check(root: Path) -> None:
        Writer(root).write(spec)
        result = check_project(root)
        # valid: no errors (random sites are not complete explainers: the editorial
        # checks may well warn, and are tested in tests/integration/test_editorial_checks.py)
        assert [str(d) for d in result.diagnostics.errors] == []
        assert result.site is not None
        expected = {e.id for e in spec.entities if not e.id.startswith("#")}
        public = {i for i in result.site.entities if "#" not in i}
        assert public == expected
        positions = [e for e in spec.entities if e.kind == "positions"]
        assert len(result.site.positions) == len(positions)
        for entity in spec.entities:
            if entity.kind != "positions":
                assert result.site.entities[entity.id].kind == entity.kind

    _in_temp_dir(check)


@SETTINGS
@given(sites(), st.data())
def test_one_broken_reference_gives_one_error_at_it(spec: SiteSpec, data: st.DataObject) -> None:
    def check(root: Path) -> None:
        probe = Writer(root / "probe")
        probe.root.mkdir()
        probe.write(spec)
        if not probe.refs:
            return
        broken = data.draw(st.integers(0, len(probe.refs) - 1), label="broken reference")
        writer = Writer(root / "broken", broken)
        writer.root.mkdir()
        writer.write(spec)
        assert writer.refs[:broken + 1] == probe.refs[:broken + 1]  # later columns may move
        diagnostics = check_project(writer.root).diagnostics.sorted()
        assert [str(d.span) for d in diagnostics] == [probe.refs[broken]], \
            [f"{d.span}: {d.message}" for d in diagnostics]
        assert MISSING in diagnostics[0].message

    _in_temp_dir(check)
