"""JSON Schema for translation overlays (`<name>.<lang>.yaml`): only the translatable
fields of each kind, none required, so that editors complete what may be translated."""

from __future__ import annotations

import dataclasses

from detente.content import schema as s
from detente.content.overlays import RECORD_LISTS, translatable


def overlay_fields(kind: str) -> tuple[s.FieldSpec, ...]:
    """The kind's translatable fields, optional; nested records cut to their translatable
    keys (an overlay gives every item, in order, with just those)."""
    spec = s.KINDS[kind]
    fields = [dataclasses.replace(spec.fields[0], doc="The id of the entity translated "
                                  "(default: the file name before the language).")]
    for key in translatable(kind):
        field = spec.field(key)
        assert field is not None
        type_ = field.type
        if key in RECORD_LISTS and isinstance(type_, s.ListOf) and \
                isinstance(type_.item, s.Record):
            keep = RECORD_LISTS[key]
            item = s.Record(type_.item.cls, tuple(dataclasses.replace(f, required=False)
                                                 for f in type_.item.fields if f.key in keep))
            type_ = s.ListOf(item)
        fields.append(dataclasses.replace(field, type=type_, required=False,
                                          doc=field.doc + " (translated)"))
    return tuple(fields)
