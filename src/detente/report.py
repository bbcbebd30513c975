"""Diagnostics for people and machines: GNU-style text, GitHub annotations, JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from detente.diagnostics import Diagnostic, Severity

FORMATS = ("text", "github", "json")


def format_diagnostics(diagnostics: Sequence[Diagnostic], style: str, strict: bool = False) -> str:
    if style == "json":
        return json.dumps([_as_dict(d, strict) for d in diagnostics], indent=2,
                          ensure_ascii=False) + "\n"
    lines: list[str] = []
    for d in diagnostics:
        severity = _severity(d, strict)
        if style == "github":
            message = d.message + (f" ({d.hint})" if d.hint else "")
            lines.append(f"::{severity} file={_escape_property(d.span.path)},line={d.span.line},"
                         f"col={d.span.column}::{_escape_data(message)}")
        else:
            lines.append(f"{d.span}: {severity}: {d.message}")
            if d.hint:
                lines.append(f"    hint: {d.hint}")
    return "".join(line + "\n" for line in lines)


def summary_line(diagnostics: Sequence[Diagnostic], strict: bool = False) -> str:
    errors = sum(1 for d in diagnostics if _severity(d, strict) == "error")
    warnings = len(diagnostics) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def _severity(d: Diagnostic, strict: bool) -> str:
    return "error" if strict or d.severity is Severity.ERROR else "warning"


def _as_dict(d: Diagnostic, strict: bool) -> dict[str, object]:
    return {"path": d.span.path, "line": d.span.line, "column": d.span.column,
            "severity": _severity(d, strict), "message": d.message, "hint": d.hint}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
