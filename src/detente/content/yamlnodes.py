"""YAML text → position-carrying nodes, read safely and exactly.

PyYAML's composer (the C one when present) gives nodes with marks; we never run its
constructor, so no tag can build an object and no YAML 1.1 resolution silently changes a
value: a scalar keeps its text and the tag YAML would have given it, and the validator
decides per field what that text means.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

import yaml

from detente.content.diagnostics import Diagnostics, SourceSpan

# Nothing is resolved implicitly: every untagged node gets its kind's default tag (str, seq,
# map), so no YAML 1.1 rule ('no' → false, '12:30' → 750) runs at all, while explicit tags
# still show. The same as PyYAML's BaseResolver without path resolvers, minus its overhead
# (the parser calls `resolve` for every node).
_DEFAULT_TAGS = {yaml.ScalarNode: "tag:yaml.org,2002:str",
                 yaml.SequenceNode: "tag:yaml.org,2002:seq",
                 yaml.MappingNode: "tag:yaml.org,2002:map"}


class _PlainResolver:
    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return _DEFAULT_TAGS[kind]

    def descend_resolver(self, parent: object, index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _CComposer(CParser, _PlainResolver):
        pass

    _COMPOSER: type = _CComposer
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    class _PyComposer(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
                      yaml.composer.Composer, _PlainResolver):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)

    _COMPOSER = _PyComposer

MAX_DEPTH = 64
MAX_NODES = 200_000
MAX_FILE_BYTES = 4 * 1024 * 1024
# Aliases repeat a value without repeating its text: 100 KB aliased 2,000 times is 200 MB of
# pages and open data from a 108 KB file. A file's text, aliases expanded, may be at most
# this large unless detente.yaml raises it (`limits: {expanded_bytes: N}`): by default, no
# more than a file without aliases could hold.
MAX_EXPANDED_BYTES = MAX_FILE_BYTES

_TAG_PREFIX = "tag:yaml.org,2002:"
_SCALAR_TAGS = {"str", "int", "float", "bool", "null", "timestamp"}


_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


# Nodes are NamedTuples: there are hundreds of thousands of them in a large site, and a
# tuple is several times cheaper to create than a frozen dataclass.
class Scalar(NamedTuple):
    text: str
    tag: str  # 'str' unless the editor wrote an explicit tag (!!null, !!int, ...)
    quoted: bool  # quoted or block style
    span: SourceSpan
    end_line: int  # the line the value ends on (1-based), for finding things inside it

    @property
    def is_null(self) -> bool:
        """Empty, '~' or 'null' written plainly (or tagged !!null)."""
        return self.tag == "null" or (not self.quoted and self.text in _NULLS)


class Seq(NamedTuple):
    items: tuple[Node, ...]
    span: SourceSpan


class MapEntry(NamedTuple):
    key: str
    key_span: SourceSpan
    value: Node


class Mapping:
    __slots__ = ("entries", "span")

    def __init__(self, entries: dict[str, MapEntry], span: SourceSpan) -> None:
        self.entries = entries
        self.span = span

    def get(self, key: str) -> Node | None:
        entry = self.entries.get(key)
        return entry.value if entry else None


Node = Scalar | Seq | Mapping


@dataclass(frozen=True, slots=True)
class SourceText:
    """A file's text (NFC, LF line endings) and its path relative to the project."""

    path: str
    text: str
    lines: tuple[str, ...] = field(default=())

    @staticmethod
    def of(path: str, text: str) -> SourceText:
        return SourceText(path, text, tuple(text.split("\n")))


def decode(path: str, data: bytes, diagnostics: Diagnostics) -> SourceText | None:
    """Bytes → normalised text, or an error at the first byte that is not UTF-8."""
    if len(data) > MAX_FILE_BYTES:
        diagnostics.error(SourceSpan(path), f"file is {len(data):,} bytes; the limit is "
                          f"{MAX_FILE_BYTES:,}", "split it into several files")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        diagnostics.error(SourceSpan(path, line, column),
                          f"byte 0x{data[exc.start]:02x} is not UTF-8",
                          "save the file as UTF-8")
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return SourceText.of(path, text)


def parse_yaml(source: SourceText, diagnostics: Diagnostics, first_line: int = 0,
               max_expanded_bytes: int = MAX_EXPANDED_BYTES) -> Node | None:
    """Compose one YAML document into nodes. `first_line` shifts lines (front matter);
    `max_expanded_bytes`: the most text the document may hold once aliases are expanded."""
    text = source.text
    if not text.strip():
        diagnostics.error(SourceSpan(source.path, first_line + 1), "YAML is empty",
                          "write a mapping of fields, or a list of them")
        return None
    try:
        root = yaml.compose(text, Loader=_COMPOSER)
    except yaml.MarkedYAMLError as exc:
        diagnostics.error(*_yaml_error(source, exc, first_line))
        return None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, at its place
        diagnostics.error(*_reader_error(source, exc, first_line))
        return None
    except yaml.YAMLError as exc:  # pragma: no cover - errors without marks
        diagnostics.error(SourceSpan(source.path, first_line + 1), f"invalid YAML: {exc}")
        return None
    if root is None:
        diagnostics.error(SourceSpan(source.path, first_line + 1), "YAML holds only comments",
                          "write a mapping of fields, or a list of them")
        return None
    converter = _Converter(source.path, first_line, diagnostics)
    # Aliases need an anchor ('&') and an alias ('*'): most files have neither.
    problem = _alias_problem(root, max_expanded_bytes) if "&" in text and "*" in text \
        else None
    if problem is not None:
        at, message, hint = problem
        diagnostics.error(converter.span(at.start_mark), message, hint)
        return None
    node = converter.convert(root, 0)
    if converter.count > MAX_NODES:
        return None  # reported once; what was read is not worth validating
    return node


class _RecursiveAlias(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


class _Expansion:
    """How large each node becomes with its aliases expanded: YAML values and bytes of text.

    Aliased nodes are shared objects, so sizes are counted once per object: linear in the
    file, however far the aliases would expand ('billion laughs').
    """

    def __init__(self) -> None:
        self.sizes: dict[int, tuple[int, int]] = {}  # id(node) → (values, bytes)
        self._active: set[int] = set()

    def size(self, node: yaml.Node, depth: int) -> tuple[int, int]:
        key = id(node)
        known = self.sizes.get(key)
        if known is not None:
            return known
        if key in self._active:
            raise _RecursiveAlias(node)
        self._active.add(key)
        values = 1
        text = len(node.value.encode("utf-8", "surrogatepass")) \
            if isinstance(node, yaml.ScalarNode) else 0
        if depth <= MAX_DEPTH:  # deeper is reported while converting
            for child in _children(node):
                child_values, child_text = self.size(child, depth + 1)
                values += child_values
                text += child_text
        self._active.discard(key)
        self.sizes[key] = (values, text)
        return values, text

    def innermost(self, root: yaml.Node, over: Callable[[tuple[int, int]], bool]) -> yaml.Node:
        """The innermost value that alone expands past a limit (its line is the place)."""
        node = root
        while True:
            inner = next((c for c in _children(node)
                          if over(self.sizes.get(id(c), (0, 0)))), None)
            if inner is None:
                return node
            node = inner


def _alias_problem(root: yaml.Node, max_bytes: int) -> tuple[yaml.Node, str, str] | None:
    """A recursive alias, or aliases that expand past MAX_NODES values or `max_bytes` of
    text: found before converting, in time linear in the file."""
    expansion = _Expansion()
    try:
        values, text = expansion.size(root, 0)
    except _RecursiveAlias as exc:
        return (exc.node, "an alias refers to a value that contains it",
                "write the value out instead of the alias")
    if len(expansion.sizes) > MAX_NODES:
        return None  # large without aliases: the converter reports that
    if values > MAX_NODES:
        node = expansion.innermost(root, lambda size: size[0] > MAX_NODES)
        return (node, f"aliases expand this value to {expansion.sizes[id(node)][0]:,} YAML "
                f"values; the limit is {MAX_NODES:,}",
                "write the values out instead of nesting aliases")
    if text > max_bytes:
        node = expansion.innermost(root, lambda size: size[1] > max_bytes)
        return (node, f"aliases expand this value to {expansion.sizes[id(node)][1]:,} bytes "
                f"of text; the limit is {max_bytes:,}",
                "write the text out once instead of repeating it through aliases (or, if "
                "the site needs it, raise 'limits: {expanded_bytes: ...}' in detente.yaml)")
    return None


def _reader_error(source: SourceText, exc: yaml.reader.ReaderError,
                  first_line: int) -> tuple[SourceSpan, str, str]:
    # libyaml counts bytes of UTF-8, the Python reader characters.
    position = exc.position if exc.encoding == "unicode" else \
        len(source.text.encode("utf-8")[:exc.position].decode("utf-8", "ignore"))
    line = source.text.count("\n", 0, position)
    column = position - (source.text.rfind("\n", 0, position) + 1) + 1
    return (SourceSpan(source.path, line + 1 + first_line, column),
            f"a control character (U+{exc.character:04X}), which YAML does not allow",
            "delete it: control characters are invisible and have no place in content")


def _yaml_error(source: SourceText, exc: yaml.MarkedYAMLError,
                first_line: int) -> tuple[SourceSpan, str, str]:
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + 1 if mark else 1) + first_line
    column = mark.column + 1 if mark else 1
    problem = (exc.problem or "invalid YAML").strip()
    hint = ""
    explained = True
    # The C composer's marks carry no buffer: look the character up in the text.
    char = ""
    if mark is not None and mark.line < len(source.lines):
        text_line = source.lines[mark.line]
        char = text_line[mark.column] if mark.column < len(text_line) else ""
    if "tab character" in problem or ("cannot start any token" in problem and char == "\t"):
        problem = "a tab character; YAML indentation uses spaces"
        hint = "replace the tab with spaces"
    elif "cannot start any token" in problem and char in ("`", "@"):
        problem = f"'{char}' cannot start a YAML value"
        hint = "quote the value"
    elif "another document" in problem:
        problem = "a second YAML document ('---') in one file"
        hint = "one file holds one document: a mapping, or a list of mappings"
    elif "mapping values are not allowed" in problem:
        hint = "a value containing ': ' must be quoted"
    else:
        explained = False
    context = exc.context_mark
    if (not explained and exc.context and context is not None and mark is not None
            and (context.line, context.column) != (mark.line, mark.column)):
        opened = context.line + 1 + first_line
        problem = f"{problem} ({exc.context} started at line {opened})"
        if "flow" in exc.context:
            hint = hint or "close the bracket, or quote a value that contains ',', '[' or '{'"
    return SourceSpan(source.path, line, column), problem, hint


class _Converter:
    def __init__(self, path: str, first_line: int, diagnostics: Diagnostics) -> None:
        self.path = path
        self.first_line = first_line
        self.diagnostics = diagnostics
        self.count = 0

    def span(self, mark: yaml.Mark) -> SourceSpan:
        return SourceSpan(self.path, mark.line + 1 + self.first_line, mark.column + 1)

    def convert(self, node: yaml.Node, depth: int) -> Node | None:
        self.count += 1
        span = self.span(node.start_mark)
        if self.count > MAX_NODES:
            if self.count == MAX_NODES + 1:
                self.diagnostics.error(span, f"more than {MAX_NODES:,} YAML values in one file",
                                       "split the file into several")
            return None
        if depth > MAX_DEPTH:
            self.diagnostics.error(span, f"YAML nested deeper than {MAX_DEPTH} levels")
            return None
        tag = node.tag[len(_TAG_PREFIX):] if node.tag.startswith(_TAG_PREFIX) else node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag not in _SCALAR_TAGS:
                self.tag_error(span, node.tag)
                return None
            value = node.value
            if node.style == '"' and not value.isascii():  # escapes can decompose ('e\u0301')
                value = unicodedata.normalize("NFC", value)
            return Scalar(value, tag, node.style not in (None, ""), span,
                          node.end_mark.line + 1 + self.first_line)
        if isinstance(node, yaml.SequenceNode):
            if tag != "seq":
                self.tag_error(span, node.tag)
                return None
            items = [self.convert(item, depth + 1) for item in node.value]
            return Seq(tuple(i for i in items if i is not None), span)
        if tag != "map":
            self.tag_error(span, node.tag)
            return None
        assert isinstance(node, yaml.MappingNode)
        return self.mapping(node, span, depth)

    def tag_error(self, span: SourceSpan, tag: str) -> None:
        written = "!!" + tag[len(_TAG_PREFIX):] if tag.startswith(_TAG_PREFIX) else tag
        self.diagnostics.error(span, f"YAML tag '{written}' is not allowed",
                               "remove the tag; Detente reads plain values only")

    def mapping(self, node: yaml.MappingNode, span: SourceSpan, depth: int) -> Mapping:
        entries: dict[str, MapEntry] = {}
        for key_node, value_node in node.value:
            key_span = self.span(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                self.diagnostics.error(key_span, "a mapping key must be a plain name")
                continue
            key = key_node.value
            if key == "<<" and key_node.style in (None, ""):
                self.diagnostics.error(key_span, "YAML merge keys ('<<') are not supported",
                                       "write the fields out")
                continue
            if key in entries:
                first = entries[key].key_span
                self.diagnostics.error(key_span,
                                       f"duplicate key '{key}' (first at line {first.line})",
                                       "remove one of them; YAML would silently keep the last")
                continue
            value = self.convert(value_node, depth + 1)
            if value is not None:
                entries[key] = MapEntry(key, key_span, value)
        return Mapping(entries, span)
