"""schema.KINDS and model.py describe the same fields: neither can drift from the other."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from detente.content import model
from detente.content import schema as s

# Attributes the validator, the linker the git history or translation fills, not editors.
NOT_FROM_FIELDS = {"span", "kind", "modified", "untranslated", "fallback_lang"}


def _records() -> Iterator[tuple[str, s.Record]]:
    """Every nested record type (roles, status entries, quotes ...), with where it is used."""
    seen: set[type] = set()

    def visit(where: str, specs: tuple[s.FieldSpec, ...]) -> Iterator[tuple[str, s.Record]]:
        for spec in specs:
            inner = spec.type.item if isinstance(spec.type, s.ListOf) else spec.type
            if isinstance(inner, s.Record) and inner.cls not in seen:
                seen.add(inner.cls)
                yield f"{where}.{spec.key}", inner
                yield from visit(f"{where}.{spec.key}", inner.fields)

    for kind, spec in s.KINDS.items():
        yield from visit(kind, spec.fields)


def _attributes(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)} - NOT_FROM_FIELDS


@pytest.mark.parametrize("kind", sorted(s.KINDS))
def test_every_field_of_a_kind_is_an_attribute_and_back(kind: str) -> None:
    spec = s.KINDS[kind]
    attributes = {f.attribute for f in spec.fields}
    assert attributes == _attributes(spec.cls)
    assert len(attributes) == len(spec.fields), "two fields fill one attribute"


RECORDS = list(_records())


@pytest.mark.parametrize(("where", "record"), RECORDS, ids=[w for w, _ in RECORDS])
def test_every_field_of_a_record_is_an_attribute_and_back(where: str, record: s.Record) -> None:
    assert {f.attribute for f in record.fields} == _attributes(record.cls)


def test_all_record_types_are_covered() -> None:
    assert {r.cls for _, r in RECORDS} == {model.Link, model.Role, model.StatusEntry,
                                           model.Quote, model.Account, model.Claim,
                                           model.Correction, model.CheckSettings,
                                           model.KeyFact}


def test_each_kind_has_its_model_class_and_order() -> None:
    assert list(s.KINDS) == list(model.KIND_ORDER)
    for kind, spec in s.KINDS.items():
        assert spec.name == kind
        defaults = {f.name: f.default for f in dataclasses.fields(spec.cls)}
        assert defaults["kind"] == kind
        assert kind in s.SINGULAR


@pytest.mark.parametrize("kind", sorted(s.KINDS))
def test_required_fields_have_no_default(kind: str) -> None:
    """A required field whose model attribute had a default could go missing silently."""
    spec = s.KINDS[kind]
    defaults = {f.name for f in dataclasses.fields(spec.cls)
                if f.default is not dataclasses.MISSING
                or f.default_factory is not dataclasses.MISSING}
    for field in spec.fields:
        if field.required and kind != "pages":  # a page's title defaults to the site title
            assert field.attribute not in defaults, field.key
    one_of = {key for group in spec.one_of for key in group}
    assert one_of <= {f.key for f in spec.fields}


def test_keys_are_unique_within_a_kind() -> None:
    for spec in s.KINDS.values():
        assert len(spec.keys) == len(set(spec.keys)), spec.name
        for key in spec.keys:
            assert spec.field(key) is not None
