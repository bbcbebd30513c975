"""Checks of single scalar values (text, ids, references, dates, spans of days, choices,
colours, countries, URLs, static paths), each reported at the value's position. `Validator`
inherits them."""

from __future__ import annotations

from typing import Any

from detente.content import schema as s
from detente.content.colors import contrast_problem
from detente.content.dates import DATE_HINT, DateError, parse_date
from detente.content.diagnostics import Diagnostics, SourceSpan, did_you_mean
from detente.content.editorial.codes import duration_days
from detente.content.model import Ref
from detente.content.values import (
    COLOR_RE,
    COUNTRIES,
    LABEL_KEYS,
    MAX_ID_LENGTH,
    control_characters,
    first_foreign,
    id_problem,
    invisible_characters,
    static_path_problem,
    suggest_id,
    url_problem,
)
from detente.content.yamlnodes import Scalar, SourceText

INVALID: Any = object()
CONTROL_HINT = ("remove them: control characters are invisible, and can garble the page or "
                "the terminal that shows it")
_TRUE = ("true", "True", "TRUE")
_FALSE = ("false", "False", "FALSE")
_YAML11_BOOLS = ("yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO",
                 "ON", "OFF")
_INTEGER_LIMIT = 10 ** 9


class ScalarChecks:
    """One method per scalar type: the value, or INVALID after reporting why."""

    diagnostics: Diagnostics
    static_files: frozenset[str]
    texts: dict[str, SourceText]
    max_label_chars: int

    def controls(self, text: str, span: SourceSpan, key: str) -> bool:
        """Report control characters (a YAML escape such as "\\x07" or "\\e" makes them);
        True if there were any."""
        found = control_characters(text)
        if found:
            self.diagnostics.error(span, f"'{key}' contains control characters "
                                   f"({', '.join(dict.fromkeys(found))})", CONTROL_HINT)
        return bool(found)

    def text(self, node: Scalar, type_: s.FieldType, key: str) -> Any:
        if self.controls(node.text, node.span, key):
            return INVALID
        hidden = invisible_characters(node.text)
        if hidden:
            self.diagnostics.error(node.span, f"'{key}' contains invisible or "
                                   f"direction-changing characters ({', '.join(hidden)})",
                                   "delete them; they can make text read differently "
                                   "from how it displays")
            return INVALID
        if key in LABEL_KEYS and len(node.text) > self.max_label_chars:
            self.diagnostics.error(node.span, f"'{key}' is {len(node.text):,} characters; the "
                                   f"limit is {self.max_label_chars:,}, as it is repeated "
                                   "wherever the entity is linked",
                                   "shorten it and say the rest in 'summary' (or raise "
                                   "'limits: {label_chars: ...}' in detente.yaml)")
            return INVALID
        return node.text

    def duration(self, node: Scalar, type_: s.FieldType, key: str) -> Any:
        days = duration_days(node.text, node.span, key, self.diagnostics)
        return INVALID if days is None else days

    def slug(self, node: Scalar, type_: s.FieldType, key: str) -> Any:
        problem = id_problem(node.text)
        if not problem:
            return node.text
        example = suggest_id(node.text) or "an-id"
        foreign = first_foreign(node.text) if len(node.text) <= MAX_ID_LENGTH else None
        if len(node.text) > MAX_ID_LENGTH:
            hint = f"shorten it, e.g. '{example}'"
        elif foreign is not None and problem.endswith("is not a valid id"):
            # Often a letter from another alphabet that looks like a Latin one.
            index, name = foreign
            problem += f": {name} at column {self._column(node, index)}"
            hint = (f"ids are lowercase ASCII letters, digits and single hyphens; did you "
                    f"mean '{example}'?")
        else:
            hint = f"ids are lowercase letters, digits and single hyphens, e.g. '{example}'"
        self.diagnostics.error(node.span, problem, hint)
        return INVALID

    def _column(self, node: Scalar, index: int) -> int:
        """The column of `node.text[index]` in its file (where the value is on one line)."""
        source = self.texts.get(node.span.path)
        if source is not None and node.span.line <= len(source.lines):
            line = source.lines[node.span.line - 1]
            found = line.find(node.text[index], node.span.column - 1)
            if found >= 0:
                return found + 1
        return node.span.column + index + (1 if node.quoted else 0)

    def ref(self, node: Scalar, type_: s.FieldType, key: str) -> Any:
        assert isinstance(type_, s.RefTo)
        if self.slug(node, type_, key) is INVALID:
            return INVALID
        return Ref(node.text, node.span, type_.kinds, key)

    def date(self, node: Scalar, type_: s.FieldType, key: str) -> Any:
        try:
            return parse_date(node.text)
        except DateError as exc:
            self.diagnostics.error(node.span, f"'{key}': {exc}", DATE_HINT)
            return INVALID

    def boolean(self, node: Scalar, type_: s.FieldType, key: str) -> Any:
        if node.text in _TRUE or node.text in _FALSE:
            return node.text in _TRUE
        hint = "write true or false"
        if node.text in _YAML11_BOOLS:
            hint += f" (YAML 1.1 reads '{node.text}' as a yes/no, which is ambiguous)"
        self.diagnostics.error(node.span, f"'{key}' takes true or false, not '{node.text}'", hint)
        return INVALID

    def choice(self, node: Scalar, type_: s.FieldType, key: str) -> Any:
        assert isinstance(type_, s.Choice)
        if node.text in type_.values:
            return node.text
        self.diagnostics.error(node.span, f"'{node.text}' is not {type_.what or 'a ' + key}",
                               (did_you_mean(node.text, type_.values) + " " if
                                did_you_mean(node.text, type_.values) else "")
                               + "allowed: " + ", ".join(type_.values))
        return INVALID

    def color(self, node: Scalar, type_: s.FieldType, key: str) -> Any:
        if COLOR_RE.match(node.text):
            problem = contrast_problem(node.text.lower())
            if problem:
                self.diagnostics.warning(node.span, f"colour '{node.text}' stands out too "
                                         f"little from the page (3:1 needed): {problem}",
                                         "the theme adjusts it; to choose the shade yourself, "
                                         "pick one that stands out on white and on near-black")
            return node.text.lower()
        self.diagnostics.error(node.span, f"'{node.text}' is not a colour",
                               "write '#rrggbb' in quotes, e.g. '#1f77b4'")
        return INVALID

    def country(self, node: Scalar, type_: s.FieldType, key: str) -> Any:
        if node.text in COUNTRIES:
            return node.text
        hint = f"write '{node.text.upper()}'" if node.text.upper() in COUNTRIES else \
            "use an ISO 3166-1 alpha-2 code, e.g. UA, RU, US"
        self.diagnostics.error(node.span, f"'{node.text}' is not an ISO 3166-1 alpha-2 "
                               "country code", hint)
        return INVALID

    def url(self, node: Scalar, type_: s.FieldType, key: str) -> Any:
        problem = url_problem(node.text)
        if problem:
            self.diagnostics.error(node.span, problem, "links must start with https:// or http://")
            return INVALID
        return node.text

    def static_path(self, node: Scalar, type_: s.FieldType, key: str) -> Any:
        problem = static_path_problem(node.text, self.static_files)
        if problem:
            self.diagnostics.error(node.span, problem,
                                   did_you_mean(node.text, self.static_files) or
                                   "put the file under static/ and give its path from there")
            return INVALID
        return node.text

    def integer(self, node: Scalar, type_: s.FieldType, key: str) -> Any:
        text = node.text.strip()
        digits = text[1:] if text[:1] in "+-" else text
        if node.quoted or not digits.isascii() or not digits.isdigit():
            self.diagnostics.error(node.span, f"'{key}' takes a whole number, not "
                                   f"'{node.text}'", f"write a number without quotes, "
                                   f"e.g. '{key}: 1'")
            return INVALID
        number = int(text)
        if abs(number) >= _INTEGER_LIMIT:
            self.diagnostics.error(node.span, f"'{key}' {text} is out of range",
                                   f"use a number between -{_INTEGER_LIMIT - 1} and "
                                   f"{_INTEGER_LIMIT - 1}")
            return INVALID
        return number


def describe(type_: s.FieldType) -> str:
    """What a scalar type takes, for messages: 'a date', 'true or false'."""
    names = {s.Text: "text", s.Markdown: "text (Markdown)", s.Slug: "an id", s.RefTo: "an id",
             s.Date: "a date", s.Bool: "true or false", s.Integer: "a whole number",
             s.Choice: "one value", s.Color: "a colour", s.Country: "a country code",
             s.Url: "a URL", s.StaticPath: "a file path", s.TextOrRef: "text or an id"}
    return names.get(type(type_), "a value")
