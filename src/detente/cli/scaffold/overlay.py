"""`detente new KIND ID --lang LANG`: an overlay to translate an entity, listing each of its
translatable fields with the original text, commented out, to translate in place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from detente.cli.scaffold.stub import NewFile, kind_named
from detente.content import schema as s
from detente.content.check import check_project
from detente.content.diagnostics import DetenteError
from detente.content.overlays import RECORD_LISTS, translatable
from detente.content.translate import attributes
from detente.pages.opendata import entity_record


def create_overlay(project: Path, kind_name: str, entity_id: str, lang: str) -> NewFile:
    spec = kind_named(kind_name)
    result = check_project(project)
    if result.config is None or result.site is None:
        raise DetenteError("the project has errors: run 'detente check' and fix them first")
    others = result.config.published_languages[1:]
    if lang not in others:
        raise DetenteError(f"'{lang}' is not one of the site's other languages ("
                           f"{', '.join(others) or 'none'}); add it to 'languages:' in "
                           "detente.yaml")
    entity = result.site.entities.get(entity_id)
    if entity is None or entity.kind != spec.name:
        raise DetenteError(f"no {s.SINGULAR[spec.name]} has the id '{entity_id}'")
    path = project / "content" / spec.name / f"{entity_id}.{lang}.yaml"
    if path.exists():
        raise DetenteError(f"{path.relative_to(project)} already exists")
    original = entity_record(entity, result.site)
    names = attributes(spec.name)
    fields = {key: _translatable_part(key, original[key]) for key in translatable(spec.name)
              if key != "body" and getattr(entity, names[key])}
    text = (f"# The '{lang}' translation of {entity.span.path}, '{entity_id}'.\n# Remove the "
            "'# ' before a field and translate its text; what is left out falls\n# back to "
            "the original. Lists stay whole: every item, in order.\n")
    if spec.fields[0].key == "id" and entity.span.path.rsplit("/", 1)[-1].split(".")[0] != \
            entity_id:
        text += f"id: {entity_id}\n"
    dumped = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=88)
    text += "".join(f"# {line}\n" for line in dumped.splitlines()) if fields else ""
    if entity.body is not None:
        text += (f"# Its prose: write content/{spec.name}/{entity_id}.{lang}.md "
                 "(or a 'body:' field here).\n")
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return NewFile(path, False, ())


def _translatable_part(key: str, value: Any) -> Any:
    """A nested list cut to its translatable keys (every item kept: same order, length)."""
    keep = RECORD_LISTS.get(key)
    if keep is None or not isinstance(value, list):
        return value
    return [{k: v for k, v in item.items() if k in keep and v is not None} for item in value]
