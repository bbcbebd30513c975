"""Where a problem is and what it is: source spans, diagnostics and their collector."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple


class SourceSpan(NamedTuple):
    """A position in a project file: path relative to the project, 1-based line and column.

    A NamedTuple, not a dataclass: every value read from YAML carries one.
    """

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    def shifted(self, lines: int) -> SourceSpan:
        """The same column, `lines` lines further down (prose inside a file)."""
        return SourceSpan(self.path, self.line + lines, self.column)


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    severity: Severity
    span: SourceSpan
    message: str
    hint: str = ""
    code: str = ""  # an editorial check's stable name ('source-uncited'); '' for errors

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.span.path, self.span.line, self.span.column, self.message)


@dataclass(slots=True)
class Diagnostics:
    """Collects every problem of a run; stages report here and keep going."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, span: SourceSpan, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(Severity.ERROR, span, message, hint))

    def warning(self, span: SourceSpan, message: str, hint: str = "", code: str = "") -> None:
        self.items.append(Diagnostic(Severity.WARNING, span, message, hint, code))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    def has_errors(self, strict: bool = False) -> bool:
        return any(strict or d.severity is Severity.ERROR for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        unique = {(d.severity, d.span, d.message, d.hint, d.code): d for d in self.items}
        return sorted(unique.values(), key=Diagnostic.sort_key)


class DetenteError(Exception):
    """A problem that stops a command before content is looked at (usage, config, IO)."""


class ContentError(DetenteError):
    """Content problems were found; carries every diagnostic."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} problem(s) in the content")
        self.diagnostics = diagnostics


class ConfigError(ContentError):
    """detente.yaml could not be read or has errors: a usage-level failure (exit 2)."""


def close_matches(word: str, candidates: Iterable[str]) -> list[str]:
    """Up to three candidates close to `word`, closest first."""
    return difflib.get_close_matches(word, list(candidates), n=3, cutoff=0.6)


def did_you_mean(word: str, candidates: Iterable[str], what: str = "") -> str:
    """A hint naming the closest candidates, or '' when nothing is close."""
    close = close_matches(word, candidates)
    if not close:
        return ""
    names = ", ".join(f"'{c}'" for c in close)
    return f"did you mean {names}?" if not what else f"did you mean {what} {names}?"
