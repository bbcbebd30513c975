"""Finding `[[id]]`, `[[id|text]]` and `[@source-id]` in prose, with their file positions.

Code (fenced blocks and inline spans) is masked first, so examples of the syntax in code
are left alone; the Markdown renderer resolves the same syntax outside code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from detente.diagnostics import SourceSpan

WIKI_RE = re.compile(r"\[\[([^\[\]\|\n]*)(?:\|([^\[\]\n]*))?\]\]")
CITE_RE = re.compile(r"\[@([^\[\]\s]*)\]")
_INLINE_CODE_RE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def _mask(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def masked_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line index, line with code masked out), skipping lines inside fenced code."""
    fence = ""
    for index, line in enumerate(text.split("\n")):
        opener = _FENCE_RE.match(line)
        if fence:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = ""
            continue
        if opener:
            fence = opener.group(1)
            continue
        if "`" in line:
            line = _INLINE_CODE_RE.sub(_mask, line)
        yield index, line


def find_refs(text: str) -> Iterator[tuple[int, int, str, bool, str]]:
    """(line index, column index, id, is_citation, exact token) for each reference."""
    if "[" not in text:
        return
    if "`" not in text and "~~~" not in text:  # no code to mask: scan the text at once
        hits = [(m, False) for m in WIKI_RE.finditer(text)]
        hits.extend((m, True) for m in CITE_RE.finditer(text))
        located = []
        for match, is_cite in hits:
            start = match.start()
            line_no = text.count("\n", 0, start)
            located.append((line_no, is_cite, start - text.rfind("\n", 0, start) - 1, match))
        for line_no, is_cite, column, match in sorted(located, key=lambda h: h[:3]):
            ident = match.group(1) if is_cite else match.group(1).strip()
            yield line_no, column, ident, is_cite, match.group(0)
        return
    for index, line in masked_lines(text):
        if "[" not in line:
            continue
        for match in WIKI_RE.finditer(line):
            yield index, match.start(), match.group(1).strip(), False, match.group(0)
        for match in CITE_RE.finditer(line):
            yield index, match.start(), match.group(1), True, match.group(0)


def locate_in_source(lines: tuple[str, ...], start: SourceSpan, end_line: int, token: str,
                     occurrence: int) -> SourceSpan:
    """Where the `occurrence`-th `token` stands between `start` and `end_line` (1-based).

    A token YAML folded across lines ('[[id|two' + newline + 'lines]]') is found by its
    first word; failing that, the value's start is the best position there is.
    """
    found = _find(lines, start, end_line, token, occurrence)
    head = token.split(" ", 1)[0]
    if found is None and head != token:
        found = _find(lines, start, end_line, head, occurrence)
    return found or start


def _find(lines: tuple[str, ...], start: SourceSpan, end_line: int, token: str,
          occurrence: int) -> SourceSpan | None:
    seen = 0
    for line_no in range(start.line, min(end_line, len(lines)) + 1):
        line = lines[line_no - 1]
        column = start.column - 1 if line_no == start.line else 0
        while True:
            column = line.find(token, column)
            if column < 0:
                break
            if seen == occurrence:
                return SourceSpan(start.path, line_no, column + 1)
            seen += 1
            column += len(token)
    return None
