"""Finding `[[id]]`, `[[id|text]]` and `[@source-id]` in prose, with their file positions.

Code (fenced blocks and inline spans) is masked first, so examples of the syntax in code
are left alone; the Markdown renderer resolves the same syntax outside code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from detente.content.diagnostics import SourceSpan
from detente.content.syntax import CITE_RE, WIKI_RE

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

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
        # Lines are counted from the previous reference on, not from the start of the
        # text each time: linear in the text however many references it holds.
        line_no, line_start, counted_to = 0, 0, 0
        located = []
        for match, is_cite in sorted(hits, key=lambda h: h[0].start()):
            start = match.start()
            newlines = text.count("\n", counted_to, start)
            if newlines:
                line_no += newlines
                line_start = text.rfind("\n", counted_to, start) + 1
            counted_to = start
            located.append((line_no, is_cite, start - line_start, match))
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


class TokenLocator:
    """Where tokens found in a YAML value's text stand in its file, between the value's
    `start` and `end_line` (1-based). Each token's n-th call finds its n-th occurrence,
    resuming after the previous one: linear in the value however many references it holds.

    A token YAML folded across lines ('[[id|two' + newline + 'lines]]') is found by its
    first word; failing that, the value's start is the best position there is.
    """

    def __init__(self, lines: tuple[str, ...], start: SourceSpan, end_line: int) -> None:
        self.lines, self.start = lines, start
        self.last_line = min(end_line, len(lines))
        self._resume: dict[str, tuple[int, int]] = {}  # token → (line, column) to search from

    def locate(self, token: str) -> SourceSpan:
        found = self._find(token)
        head = token.split(" ", 1)[0]
        if found is None and head != token:
            found = self._find(head)
        return found or self.start

    def _find(self, token: str) -> SourceSpan | None:
        line_no, column = self._resume.get(token, (self.start.line, self.start.column - 1))
        while line_no <= self.last_line:
            at = self.lines[line_no - 1].find(token, column)
            if at >= 0:
                self._resume[token] = (line_no, at + len(token))
                return SourceSpan(self.start.path, line_no, at + 1)
            line_no, column = line_no + 1, 0
        self._resume[token] = (line_no, 0)
        return None


_LINK_SYNTAX = ("](", "]:", "<")
DROPPED_HINT = ("Markdown links take http, https, mailto or relative addresses; this one "
                "would be shown as plain text")


# A line whose leading markers and indentation run this long may open the renderer's
# maximum nesting (20 levels: a quote is one level, a nested list two). Matched at the
# start and after each newline: `^` with re.MULTILINE is tried at every position, 8x
# slower on prose (0.3 s of the check at 10,000 events).
_DEEP_PREFIX = r"[ \t>*+\-0-9.)]{16}"
_DEEP_FIRST_LINE_RE = re.compile(_DEEP_PREFIX)
_DEEP_LATER_LINE_RE = re.compile(r"\n" + _DEEP_PREFIX)
TOO_DEEP = "Markdown nested deeper than 20 levels: the renderer would drop the text from here"
TOO_DEEP_HINT = "flatten the nested lists or quotes"


def _may_be_too_deep(text: str) -> bool:
    return bool(_DEEP_FIRST_LINE_RE.match(text) or _DEEP_LATER_LINE_RE.search(text))


# What opens quotes and list items at the start of a line: what is left is the text.
_CONTAINER_MARKS_RE = re.compile(r"^(?:[ \t>*+\-]|[0-9]{1,9}[.)])*")


def _link_keeping_parser() -> type[MarkdownIt]:
    """markdown-it-py keeping every link (defined when first needed: slow to import)."""
    from markdown_it import MarkdownIt

    class KeepEveryLink(MarkdownIt):
        def validateLink(self, url: str) -> bool:
            return True

    return KeepEveryLink


class ProseChecker:
    """What rendering would drop silently, found so that it is an error instead: links whose
    scheme is not allowed, and text nested deeper than the renderer goes. Its parser (one
    like `make_markdown`'s that keeps every link) is built the first time a text could hold
    either."""

    def __init__(self) -> None:
        self._md: MarkdownIt | None = None  # built on first use

    def _parser(self) -> MarkdownIt:
        from detente.content.markdown import make_markdown  # only when needed: slow to import

        if self._md is None:
            self._md = make_markdown(parser=_link_keeping_parser())
        return self._md

    def too_deep(self, text: str) -> int | None:
        """The line index where nesting too deep makes the renderer drop text, or None.
        markdown-it stops tokenizing a container opened at its deepest level: in the token
        stream, that container is open at level maxNesting - 1 and shows none of the text
        its lines hold."""
        if not _may_be_too_deep(text):
            return None
        md = self._parser()
        limit = md.options["maxNesting"]
        lines = text.split("\n")
        for token in md.parse(text, {}):
            if token.nesting == 1 and token.level >= limit - 1 and token.map is not None:
                start, end = token.map
                if any(_CONTAINER_MARKS_RE.sub("", line).strip() for line in lines[start:end]):
                    return start
        return None

    def dropped(self, text: str) -> list[tuple[int, int, str, str]]:
        """(line index, column index, address, the text written there) for each dropped
        link; positions best-effort: on the link's line, at its scheme when written plainly.
        """
        from detente.content.markdown import is_safe_link

        if not any(mark in text for mark in _LINK_SYNTAX) or (":" not in text
                                                              and "&" not in text):
            return []
        lines = text.split("\n")
        found: list[tuple[int, int, str, str]] = []
        places: list[_Place] | None = None  # where addresses are written: found when needed
        for block in self._parser().parse(text, {}):
            if not block.children or block.map is None:
                continue
            searched_from = (block.map[0], 0)
            for token in block.children:
                url = token.attrGet("href") if token.type == "link_open" else \
                    token.attrGet("src") if token.type == "image" else None
                if not isinstance(url, str) or is_safe_link(url):
                    continue
                places = self._places(lines) if places is None else places
                place = _take(places, url, block.map[0], block.map[1])
                if place is not None:
                    found.append((place.line, place.column, url, place.written))
                    continue
                line, column = _locate(lines, searched_from, block.map[1], url)
                searched_from = (line, column + 1)
                rest = lines[line][column:].split()
                found.append((line, column, url, rest[0] if rest else url))
        return found

    def _places(self, lines: list[str]) -> list[_Place]:
        """Every link address written in `lines`, with the address the parser makes of it
        (entities and escapes decoded, normalised)."""
        from markdown_it.common.utils import unescapeAll

        normalize = self._parser().normalizeLink
        places = []
        for index, line in enumerate(lines):
            if not any(mark in line for mark in _LINK_SYNTAX):
                continue
            for pattern, definition in ((_DEFINITION_RE, True), (_INLINE_DESTINATION_RE, False),
                                        (_AUTOLINK_RE, False)):
                for match in pattern.finditer(line):
                    written = match.group(1)
                    bare = written[1:-1] if written[:1] == "<" and written[-1:] == ">" else \
                        written
                    places.append(_Place(index, match.start(1), written,
                                         normalize(unescapeAll(bare)), definition))
        return places

    @staticmethod
    def message(url: str) -> str:
        shown = url if len(url) <= 60 else url[:57] + "..."
        return f"'{shown}' is not an http, https, mailto or relative link"


# Link addresses as written: inline `](address` (one level of balanced parentheses),
# autolinks `<scheme:...>`, and reference definitions `[label]: address`.
_INLINE_DESTINATION_RE = re.compile(r"\]\([ \t]*(<[^>\n]*>|(?:[^\s()]|\([^\s()]*\))+)")
_AUTOLINK_RE = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*)>")
_DEFINITION_RE = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*(<[^>\n]*>|\S+)")


@dataclass(slots=True)
class _Place:
    line: int
    column: int
    written: str
    address: str  # as the parser reads it
    definition: bool  # a reference definition: every link using it points here
    taken: bool = False


def _take(places: list[_Place], url: str, first: int, last: int) -> _Place | None:
    """Where the link to `url` in lines first..last-1 was written: the first address there
    not yet taken, else the reference definition it uses."""
    for place in places:
        if (not place.definition and not place.taken and first <= place.line < last
                and place.address == url):
            place.taken = True
            return place
    return next((p for p in places if p.definition and p.address == url), None)


def _locate(lines: list[str], start: tuple[int, int], last: int, url: str) -> tuple[int, int]:
    """Where the address `url` (normalised) was written: its scheme, case-blind, else the
    link's opening bracket, else where the search began."""
    scheme = url.split(":", 1)[0].lower()
    for needle in (scheme, "](", "<", "["):
        line, column = start
        while line < min(last, len(lines)):
            at = lines[line].lower().find(needle, column)
            if at >= 0:
                return line, at
            line, column = line + 1, 0
    return start
