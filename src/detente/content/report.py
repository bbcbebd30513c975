"""Diagnostics for people and machines: GNU-style text, GitHub annotations, JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from detente.content.diagnostics import Diagnostic, Severity
from detente.content.values import shown

FORMATS = ("text", "github", "json")


def format_diagnostics(diagnostics: Sequence[Diagnostic], style: str, strict: bool = False) -> str:
    if style == "json":
        return json.dumps([_as_dict(d, strict) for d in diagnostics], indent=2,
                          ensure_ascii=False) + "\n"
    lines: list[str] = []
    for d in diagnostics:
        severity = _severity(d, strict)
        # Values quoted from content may hold control or bidi characters: printed as they
        # are, they could forge lines, reorder them or drive the terminal.
        # A line break in a message is indented, so it cannot pass for a diagnostic.
        path = shown(d.span.path).replace("\n", "<U+000A>")
        text, hint = shown(d.message), shown(d.hint)
        if style != "github":
            text, hint = text.replace("\n", "\n    "), hint.replace("\n", "\n    ")
        if style == "github":
            message = text + (f" ({hint})" if hint else "")
            title = f",title={_escape_property(d.code)}" if d.code else ""
            lines.append(f"::{severity} file={_escape_property(path)},line={d.span.line},"
                         f"col={d.span.column}{title}::{_escape_data(message)}")
        else:
            code = f" [{d.code}]" if d.code else ""
            lines.append(f"{path}:{d.span.line}:{d.span.column}: {severity}: {text}{code}")
            if hint:
                lines.append(f"    hint: {hint}")
    return "".join(line + "\n" for line in lines)


def summary_line(diagnostics: Sequence[Diagnostic], strict: bool = False) -> str:
    errors = sum(1 for d in diagnostics if _severity(d, strict) == "error")
    warnings = len(diagnostics) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def _severity(d: Diagnostic, strict: bool) -> str:
    return "error" if strict or d.severity is Severity.ERROR else "warning"


def _as_dict(d: Diagnostic, strict: bool) -> dict[str, object]:
    return {"path": d.span.path, "line": d.span.line, "column": d.span.column,
            "severity": _severity(d, strict), "code": d.code, "message": d.message,
            "hint": d.hint}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
