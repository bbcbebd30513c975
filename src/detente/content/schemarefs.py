"""What in the schema can hold references: the fields `link` walks to find every id an
entity names (declared once in `schema`, so a new field that holds ids is found)."""

from __future__ import annotations

from detente.content.schema import (
    KINDS,
    FieldSpec,
    FieldType,
    InlineEvents,
    ListOf,
    Markdown,
    Record,
    RefTo,
    Sources,
)


def holds_references(field_type: FieldType) -> bool:
    """Whether values of this type can hold ids (`RefTo`, `Sources`, a timeline's events) or
    prose with `[[id]]` and `[@source]`."""
    if isinstance(field_type, RefTo | Sources | Markdown | InlineEvents):
        return True
    if isinstance(field_type, ListOf):
        return holds_references(field_type.item)
    if isinstance(field_type, Record):
        return any(holds_references(f.type) for f in field_type.fields)
    return False


def _declarations() -> dict[type, tuple[FieldSpec, ...]]:
    found: dict[type, tuple[FieldSpec, ...]] = {}

    def visit(cls: type, fields: tuple[FieldSpec, ...]) -> None:
        found[cls] = (*found.get(cls, ()), *fields)
        for spec in fields:
            item = spec.type.item if isinstance(spec.type, ListOf) else spec.type
            if isinstance(item, Record):
                visit(item.cls, item.fields)

    for kind in KINDS.values():
        visit(kind.cls, kind.fields)
    return found


DECLARED_FIELDS = _declarations()  # model class → the fields declared for it


def reference_attributes(cls: type) -> frozenset[str]:
    """The attributes of a model class whose declared fields can hold references."""
    return frozenset(f.attribute for f in DECLARED_FIELDS.get(cls, ())
                     if holds_references(f.type))
