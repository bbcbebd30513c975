"""A small element tree over `html.parser`, enough to assert on built pages by structure.

Void elements never get children; an end tag closes the nearest open element of that name
(elements left open inside it are closed too, as browsers do). Mismatched end tags are
recorded in `Document.problems` so tests can insist on clean markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
# End tags HTML lets authors leave out; closing them implicitly is not a problem.
OPTIONAL_END = frozenset({"li", "p", "dt", "dd", "tr", "td", "th", "option", "thead",
                          "tbody"})
ITEM_TAGS = frozenset({"li", "div", "article", "figure"})


def _inside(inner: Element, outer: Element) -> bool:
    node = inner.parent
    while node is not None:
        if node is outer:
            return True
        node = node.parent
    return False


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = None

    @property
    def id(self) -> str:
        return self.attrs.get("id", "")

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def text(self) -> str:
        """The text content, whitespace collapsed."""
        parts: list[str] = []
        self._collect(parts)
        return " ".join("".join(parts).split())

    def _collect(self, parts: list[str]) -> None:
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            else:
                child._collect(parts)

    def iter(self) -> Iterator[Element]:
        """This element and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str = "", class_: str = "",
                 where: Callable[[Element], bool] | None = None) -> list[Element]:
        return [e for e in self.iter() if e is not self and (not tag or e.tag == tag)
                and (not class_ or class_ in e.classes) and (where is None or where(e))]

    def find(self, tag: str = "", class_: str = "",
             where: Callable[[Element], bool] | None = None) -> Element:
        found = self.find_all(tag, class_, where)
        if not found:
            raise LookupError(f"no <{tag or '*'}> (class {class_!r}) in <{self.tag}> at line "
                              f"{self.line}")
        return found[0]

    def links(self) -> list[tuple[str, str]]:
        """(text, href) of every <a href> inside, in order."""
        return [(a.text(), a.attrs["href"]) for a in self.find_all("a")
                if "href" in a.attrs]

    def hrefs(self) -> list[str]:
        return [href for _text, href in self.links()]

    def region(self, name: str) -> Element:
        """What a heading or a term names: the parent of the h2 reading `name` (its section),
        else the <dd> after the <dt> reading `name`."""
        for h2 in self.find_all("h2"):
            if h2.text() == name and h2.parent is not None:
                return h2.parent
        for dt in self.find_all("dt"):
            if dt.text() == name and dt.parent is not None:
                siblings = [c for c in dt.parent.children if isinstance(c, Element)]
                following = siblings[siblings.index(dt) + 1:]
                if following and following[0].tag == "dd":
                    return following[0]
        raise LookupError(f"no h2 or dt reading {name!r} in <{self.tag}>")

    def has_region(self, name: str) -> bool:
        try:
            self.region(name)
        except LookupError:
            return False
        return True

    def items_with(self, text: str) -> list[Element]:
        """The innermost li/div/article/figure elements whose text contains `text`."""
        found = [e for e in self.find_all() if e.tag in ITEM_TAGS and text in e.text()]
        return [e for e in found if not any(o is not e and _inside(o, e) for o in found)]

    def block_with(self, text: str) -> Element:
        """The one item (innermost li/div/article/figure) whose text contains `text`."""
        found = self.items_with(text)
        if len(found) != 1:
            raise LookupError(f"{len(found)} items contain {text!r}, not one")
        return found[0]

    def headings(self, tag: str = "h2") -> list[str]:
        return [h.text() for h in self.find_all(tag)]


@dataclass
class Document:
    root: Element
    problems: list[str]

    def ids(self) -> set[str]:
        out = {e.id for e in self.root.iter() if e.id}
        out.update(e.attrs["name"] for e in self.root.iter()
                   if e.tag == "a" and "name" in e.attrs)
        return out

    @property
    def main(self) -> Element:
        return self.root.find("main")


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, 0)
        self.stack = [self.root]
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value if value is not None else "" for name, value in attrs}
        element = Element(tag, values, self.getpos()[0], parent=self.stack[-1])
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                for unclosed in self.stack[depth + 1:]:
                    if unclosed.tag not in OPTIONAL_END:
                        self.problems.append(f"line {self.getpos()[0]}: </{tag}> closes "
                                             f"<{unclosed.tag}> (line {unclosed.line})")
                del self.stack[depth:]
                return
        self.problems.append(f"line {self.getpos()[0]}: </{tag}> without an open <{tag}>")

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Document:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    for unclosed in builder.stack[1:]:
        if unclosed.tag not in OPTIONAL_END | {"html", "body", "head"}:
            builder.problems.append(f"<{unclosed.tag}> (line {unclosed.line}) never closed")
    return Document(builder.root, builder.problems)
