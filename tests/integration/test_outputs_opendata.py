"""Open data: data/site.json holds the whole validated model (ids, references as ids, dates at
their precision, Markdown source), one CSV per kind agrees with it, and /data/ links them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.helpers.html import parse
from tests.helpers.sites import PROJECTS

from detente.content import schema as s
from detente.content.check import check_project
from detente.content.dates import PartialDate
from detente.content.model import KIND_ORDER, Prose, Ref, Site
from detente.content.overlays import translatable
from detente.pages.opendata import produce
from detente.pages.outputs import whole

NAMES = ("example", "full")


@pytest.fixture(scope="module", params=NAMES)
def built(request: pytest.FixtureRequest, built_site: Callable[..., Path]) -> tuple[Path, Site]:
    out = built_site(request.param, "--no-search")
    site = check_project(out.parent / "project", False, None).site  # (the copy it was built from)
    assert site is not None
    return out, site


def load_json(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "data" / "site.json").read_text("utf-8"))
    return data


def load_csv(out: Path, kind: str) -> list[dict[str, str]]:
    text = (out / "data" / f"{kind}.csv").read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def json_key(field: s.FieldSpec) -> str:
    return "sources" if isinstance(field.type, s.Sources) else field.key


def expected(type_: s.FieldType, value: object) -> object:
    """What the model value must look like in JSON, worked out independently of opendata."""
    if value in (None, "", ()) and not isinstance(type_, s.ListOf | s.Sources | s.InlineEvents):
        return None
    if isinstance(type_, s.ListOf):
        assert isinstance(value, tuple)
        return [expected(type_.item, v) for v in value]
    if isinstance(type_, s.Record):
        return {json_key(f): expected(f.type, getattr(value, f.attribute)) for f in type_.fields}
    if isinstance(type_, s.Sources | s.InlineEvents):
        assert isinstance(value, tuple)
        return [r.id for r in value]
    if isinstance(value, Ref):
        return value.id
    if isinstance(value, Prose):
        return value.text
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, tuple):
        return list(value)
    return value


# draft (always false), editorial settings, and a source's text (kept to check quotes)
NOT_PUBLISHED = ("draft", "checks", "text")


def test_json_has_every_entity_with_every_field(built: tuple[Path, Site]) -> None:
    out, site = built
    data = load_json(out)
    assert data["schema_version"] == 1
    assert data["site"]["base_url"] == site.config.base_url
    assert list(data["entities"]) == sorted(KIND_ORDER)
    for kind in KIND_ORDER:
        records = data["entities"][kind]
        assert [r["id"] for r in records] == [e.id for e in site.by_kind[kind]]
        for record, entity in zip(records, site.by_kind[kind], strict=True):
            for field in s.KINDS[kind].fields:
                if field.key in NOT_PUBLISHED:
                    continue
                key = json_key(field)
                value = entity.last_updated if key == "updated" else \
                    getattr(entity, field.attribute)  # (the date its page shows)
                assert record[key] == expected(field.type, value), f"{kind}/{entity.id}: {key}"
            translated = {"translations"} if site.translated else set()
            assert set(record) == {json_key(f) for f in s.KINDS[kind].fields
                                   if f.key not in NOT_PUBLISHED} | {"page_url"} | translated
            page = record["page_url"]
            assert (page is None) == (kind == "positions")
            if page is not None:
                assert (out / page.removeprefix(site.config.base_url) / "index.html").is_file()


def test_every_reference_is_the_id_of_an_entity_of_the_right_kind(
        built: tuple[Path, Site]) -> None:
    out, _site = built
    entities = load_json(out)["entities"]
    kind_of = {r["id"]: kind for kind, records in entities.items() for r in records}
    checked = 0

    def check(type_: s.FieldType, value: Any, where: str) -> None:
        nonlocal checked
        if value is None:
            return
        if isinstance(type_, s.RefTo):
            assert kind_of.get(value) in type_.kinds, f"{where}: {value!r}"
            checked += 1
        elif isinstance(type_, s.Sources):
            for v in value:
                assert kind_of.get(v) == "sources", f"{where}: {v!r}"
                checked += 1
        elif isinstance(type_, s.ListOf):
            for v in value:
                check(type_.item, v, where)
        elif isinstance(type_, s.Record):
            for f in type_.fields:
                check(f.type, value[json_key(f)], f"{where}.{f.key}")

    for kind, records in entities.items():
        for record in records:
            for field in s.KINDS[kind].fields:
                if field.key not in NOT_PUBLISHED:
                    key = json_key(field)
                    check(field.type, record[key], f"{kind}/{record['id']}.{key}")
    assert checked > 20


def test_dates_keep_their_precision() -> None:
    site = check_project(PROJECTS["full"], False, None).site
    assert site is not None
    data = json.loads(whole(dict(produce(site))["data/site.json"]))
    events = {r["id"]: r for r in data["entities"]["events"]}
    assert events["harbour-charter-1998"]["date"] == "1998"
    assert events["2023-11-envoy-appointed"]["date"] == "2023-11"
    assert events["2024-05-patrol-clash"]["date"] == "2024-05-03"
    assert events["2024-04-ferry-incident"]["date"] == "2024-04-08T22:15+02:00"


def test_json_is_deterministic_text_with_sorted_keys(built: tuple[Path, Site]) -> None:
    """Sorted keys, no spaces, and one record per line (docs/data.md)."""
    out, _site = built
    text = (out / "data" / "site.json").read_text("utf-8")
    data = json.loads(text)

    def dumps(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    lines = ['{"entities":{']
    kinds = sorted(data["entities"])
    for k, kind in enumerate(kinds):
        records = data["entities"][kind]
        comma = "," if k < len(kinds) - 1 else ""
        if not records:
            lines.append(f'"{kind}":[]{comma}')
            continue
        lines.append(f'"{kind}":[')
        lines.extend(dumps(r) + ("," if i < len(records) - 1 else "")
                     for i, r in enumerate(records))
        lines.append("]" + comma)
    lines += ["},", f'"schema_version":{data["schema_version"]},',
              f'"site":{dumps(data["site"])}}}']
    assert text == "\n".join(lines) + "\n"


def test_one_csv_per_kind_agrees_with_the_json(built: tuple[Path, Site]) -> None:
    out, _site = built
    entities = load_json(out)["entities"]
    for kind in KIND_ORDER:
        rows = load_csv(out, kind)
        records = entities[kind]
        assert [r["id"] for r in rows] == [r["id"] for r in records], kind
        for row, record in zip(rows, records, strict=True):
            translations = record.pop("translations", {})  # (as `<field>_<lang>` columns)
            languages = {c.rsplit("_", 1)[1] for c in set(row) - set(record)}
            assert set(row) == set(record) | {f"{k}_{lang}" for lang in languages
                                              for k in translatable(kind)}, kind
            for lang in languages:
                for k in translatable(kind):
                    given = translations.get(lang, {}).get(k)
                    assert row[f"{k}_{lang}"] == ("" if given is None else given
                                                  if isinstance(given, str) else
                                                  row[f"{k}_{lang}"]), (kind, k, lang)
            for key, value in record.items():
                if value is None:
                    assert row[key] == ""
                elif isinstance(value, bool):
                    assert row[key] == ("true" if value else "false")
                elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
                    assert json.loads(row[key]) == value
                elif isinstance(value, list):
                    assert row[key] == "; ".join(str(v) for v in value)
                else:
                    assert row[key] == str(value)


def test_positions_are_in_their_csv(built: tuple[Path, Site]) -> None:
    out, site = built
    rows = load_csv(out, "positions")
    assert len(rows) == len(site.positions) > 0
    first = site.positions[0]
    row = next(r for r in rows if r["id"] == first.id)
    assert row["on"] == first.on.id and row["stance"] == first.stance
    assert row["sources"] == "; ".join(r.id for r in first.sources)
    assert row["page_url"] == ""


def test_the_data_page_links_every_file(built: tuple[Path, Site]) -> None:
    out, site = built
    page = parse((out / "data" / "index.html").read_text("utf-8"))
    base = site.config.base_path
    hrefs = page.main.hrefs()
    files = ["site.json", *(f"{kind}.csv" for kind in KIND_ORDER)]
    for name in files:
        assert f"{base}data/{name}" in hrefs
        assert (out / "data" / name).is_file()
    rows = {r.find("a").text(): r.find_all("td")[-1].text()
            for r in page.main.find_all("tr") if r.find_all("td")}
    assert rows["events.csv"] == str(len(site.events()))
