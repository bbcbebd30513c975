"""The fenced code blocks of the editor's guide (docs/*.md), so tests can run what it shows.

Two kinds of block are executable:

- a `console` block: lines starting with `$ ` are commands; the lines after one, up to the
  next command, are what it prints;
- a block with `title="path"`: a whole file, written to that path in the project.

`--8<-- "path"` lines (pymdownx.snippets) are replaced by the file they include, as MkDocs
does, so a test sees what readers see.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"

_FENCE_RE = re.compile(r'^```(\w*)(?: title="([^"]+)")?\n(.*?)^```$', re.MULTILINE | re.DOTALL)
_SNIPPET_RE = re.compile(r'^--8<-- "([^"]+)"$', re.MULTILINE)
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Block:
    language: str
    title: str | None
    text: str
    line: int  # of the opening fence, 1-based

    @property
    def where(self) -> str:
        return f"line {self.line}"


@dataclass
class Command:
    argv: list[str]
    expected: list[str] = field(default_factory=list)
    line: int = 0

    @property
    def shown(self) -> str:
        return shlex.join(self.argv)

    @property
    def expects_errors(self) -> bool:
        return any(": error: " in line for line in self.expected)


def blocks(page: str) -> list[Block]:
    text = (DOCS / page).read_text(encoding="utf-8")
    found = []
    for match in _FENCE_RE.finditer(text):
        body = _SNIPPET_RE.sub(lambda m: (REPO / m.group(1)).read_text(encoding="utf-8")
                               .rstrip("\n"), match.group(3))
        found.append(Block(match.group(1), match.group(2), body,
                           text.count("\n", 0, match.start()) + 1))
    return found


def commands(block: Block) -> list[Command]:
    """The `$ ` commands of a console block, each with the output shown under it."""
    out: list[Command] = []
    for offset, line in enumerate(block.text.splitlines(), start=1):
        if line.startswith("$ "):
            out.append(Command(shlex.split(line[2:]), line=block.line + offset))
        elif out:
            out[-1].expected.append(line)
        elif line.strip():
            raise AssertionError(f"{block.where}: output before any command: {line!r}")
    return out


def output_pattern(expected: str) -> re.Pattern[str]:
    """A shown output line as a pattern: its numbers (counts, timings, ports) may differ."""
    parts = _NUMBER_RE.split(expected)
    return re.compile(r"\d+(?:[.,]\d+)*".join(re.escape(p) for p in parts) + r"\Z")


def output_differences(expected: list[str], actual: list[str]) -> list[str]:
    """Human-readable differences between shown and actual output, line by line."""
    problems = []
    for number, shown in enumerate(expected):
        got = actual[number] if number < len(actual) else None
        if got is None or not output_pattern(shown).match(got):
            problems.append(f"line {number + 1}: shown {shown!r}, got {got!r}")
    if len(actual) > len(expected):
        problems.append(f"unshown output: {actual[len(expected):]!r}")
    return problems
