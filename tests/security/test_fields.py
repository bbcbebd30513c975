"""Nothing lost silently (guarantee 3): every field the `full` fixture sets, for every kind,
reaches readers on the page that shows its entity, and every one is in the open data.

The walk is driven by `schema.KINDS`, so a field added to the schema but never rendered
fails here until it is shown (or listed below with the reason it is not).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from detente.content import schema as s
from detente.content.check import check_project
from detente.content.dates import PartialDate
from detente.content.diagnostics import SourceSpan
from detente.content.model import Entity, Position, Prose, Ref, Site
from detente.content.routes import entity_path
from tests.helpers.sites import PROJECTS, read_tree
from tests.security import kit

# Fields that are not shown as such on the entity's page, and why that loses nothing.
NOT_ON_THE_PAGE: dict[tuple[str, str], str] = {
    ("parties", "color"): "shown, not written: pages name the class party-<id>, and "
                          "assets/parties.css gives it the colour (as each theme shows it)",
    **{(kind, "checks"): "editorial settings: which checks to run, not content"
       for kind in s.KINDS},
    ("sources", "text"): "the source's own text, kept to check quotes against; republishing "
                         "it is not the explainer's to do",
}
# Fields the open data leaves out, and why.
NOT_IN_THE_OPEN_DATA = {"checks": "editorial settings", "text": "a source's stored text"}


@pytest.fixture(scope="module")
def full(built_site: Callable[..., Path]) -> tuple[Site, dict[str, str], dict[str, Any]]:
    out = built_site("full", "--no-search")
    result = check_project(PROJECTS["full"])
    assert result.site is not None
    pages = {path: data.decode("utf-8") for path, data in read_tree(out).items()
             if path.endswith(".html")}
    return result.site, pages, json.loads(pages.pop("data/index.html") and
                                          (out / "data/site.json").read_text())


def escaped(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;").replace("'", "&#39;"))


def needles(value: Any, site: Site) -> Iterator[list[str]]:
    """For each piece of `value`: the ways it may be written in a page (any one will do)."""
    base = site.config.base_path
    if isinstance(value, SourceSpan):
        return  # where a record was written: not content
    if isinstance(value, tuple) and value and not isinstance(value, Ref):
        if all(isinstance(v, float) for v in value):  # coordinates, in the JSON-LD
            yield [f'"latitude":{value[0]}']
            return
        for item in value:
            yield from needles(item, site)
    elif isinstance(value, Ref):
        yield [f'href="{base}{entity_path(site.entities[value.id])}"']
    elif isinstance(value, Prose):  # the longest stretch of plain words in it
        pieces = re.split(r"\[\[.*?\]\]|\[@.*?\]|\[\^.*?\]|[*_`#>|\[\]()\n]", value.text)
        plain = max((p.strip() for p in pieces), key=len)[:40].strip()
        yield [escaped(plain).replace("&#34;", "&quot;").replace("&#39;", "'"),
               escaped(plain)] if len(plain) > 8 else []
    elif isinstance(value, PartialDate):
        yield [f'datetime="{value.iso()}"', value.display(False)]
    elif isinstance(value, bool):
        yield ["c. "] if value else []
    elif isinstance(value, str):
        yield [escaped(value), escaped(value).replace("-", " "), escaped(value.capitalize())]
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            yield from needles(getattr(value, name), site)


def page_of(entity: Entity, site: Site) -> str:
    shown = site.entities[entity.holder.id] if isinstance(entity, Position) else entity
    path = entity_path(shown)
    return (path or "") + "index.html"


def field_values(site: Site) -> Iterator[tuple[str, str, Entity, Any]]:
    for kind, spec in s.KINDS.items():
        for entity in site.by_kind[kind]:
            for field in spec.fields:
                if field.key in ("id", "draft"):
                    continue
                value = getattr(entity, field.attribute, None)
                if value not in (None, "", (), False):
                    yield kind, field.key, entity, value


def test_every_field_set_reaches_its_page(
        full: tuple[Site, dict[str, str], dict[str, Any]]) -> None:
    site, pages, _data = full
    used: set[tuple[str, str]] = set()
    missing: dict[tuple[str, str], str] = {}
    for kind, key, entity, value in field_values(site):
        used.add((kind, key))
        page = pages[page_of(entity, site)]
        if isinstance(entity, Position) and key in ("party", "actor"):
            continue  # shown on the holder's own page: the page is the holder
        for ways in needles(value, site):
            if ways and not any(way in page for way in ways):
                missing.setdefault((kind, key), f"{entity.id}: none of {ways}")
    assert {k: v for k, v in missing.items() if k not in NOT_ON_THE_PAGE} == {}
    assert set(NOT_ON_THE_PAGE) <= set(missing)  # the exceptions are real, not stale
    every = {(kind, f.key) for kind, spec in s.KINDS.items() for f in spec.fields
             if f.key not in ("id", "draft")}
    assert every - used == set(), "the full fixture should set every field at least once"


def test_every_field_set_is_in_the_open_data(
        full: tuple[Site, dict[str, str], dict[str, Any]]) -> None:
    site, _pages, data = full
    records = {(kind, r["id"]): r for kind, items in data["entities"].items() for r in items}
    for kind, key, entity, _value in field_values(site):
        if key in NOT_IN_THE_OPEN_DATA:
            assert key not in records[(kind, entity.id)]
            continue
        record = records[(kind, entity.id)]
        name = "sources" if key == "source" else key
        assert record.get(name) not in (None, [], ""), (kind, entity.id, key)


def test_the_home_page_shows_its_own_title_and_summary(tmp_path: Path) -> None:
    """pages/index.md's title and summary were read and then dropped."""
    project = kit.write_site(tmp_path / "p", extra={
        "content/pages/index.md": "---\ntitle: Where the talks stand\nsummary: In brief.\n"
                                  "---\nHome.\n"})
    home = kit.build_pages(project, tmp_path / "out")["index.html"]
    assert "<h1>Where the talks stand</h1>" in home
    assert '<div class="lede"><p>In brief.</p>\n</div>' in home
