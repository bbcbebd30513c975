"""The text a search indexer reads keeps the spaces a reader sees.

Pagefind reads the text of a page's `data-pagefind-body` as written, and adds no space
where one block ends and the next begins: `<dt>Claimed by</dt><dd>Russia</dd>` became the
excerpt "Claimed byRussia". Every page of both sites is read here the same way, and at
every block boundary between two words there must be whitespace in the markup."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div",
    "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "button", "label", "select", "option",
})


class _Reader(HTMLParser):
    """The indexed text, with each place where two words meet across a block boundary."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside the indexed part: how many elements deep
        self.skip = 0  # inside <script>, <style>, <svg> or data-pagefind-ignore
        self.ignored: list[int] = []  # the depths at which those started
        self.text = ""
        self.boundary = False
        self.joined: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += tag not in ("br", "hr", "img", "input", "meta", "link", "wbr")
        elif "data-pagefind-body" in dict(attrs):
            self.depth = 1
        if tag in ("script", "style", "svg") or "data-pagefind-ignore" in dict(attrs):
            self.skip += 1
            self.ignored.append(self.depth)
        self.boundary = self.boundary or tag in BLOCKS

    def handle_endtag(self, tag: str) -> None:
        if self.ignored and self.ignored[-1] == self.depth:
            self.ignored.pop()
            self.skip -= 1
        if self.depth:
            self.depth -= 1
        self.boundary = self.boundary or tag in BLOCKS

    def handle_data(self, data: str) -> None:
        if not self.depth or self.skip or not data:
            return
        if self.boundary and self.text and not self.text[-1].isspace() \
                and not data[0].isspace():
            self.joined.append(f"{self.text[-30:]!r} + {data[:30]!r}")
        self.text += data
        self.boundary = False


@pytest.fixture(params=["example", "full"])
def built(request: pytest.FixtureRequest, built_site: Callable[..., Path]) -> Path:
    return built_site(request.param, "--no-search")


def test_words_never_run_together_across_blocks(built: Path) -> None:
    joined: list[str] = []
    indexed = 0
    for path in sorted(built.rglob("*.html")):
        reader = _Reader()
        reader.feed(path.read_text("utf-8"))
        indexed += bool(reader.text)
        joined += [f"{path.relative_to(built)}: {j}" for j in reader.joined]
    assert indexed > 20, "the entity pages are indexed"
    assert not joined, f"{len(joined)} places:\n" + "\n".join(joined[:40])


def test_no_page_shows_a_reference_as_raw_text(built: Path) -> None:
    """Every `[[id|text]]` became a link: one written across a line break would not (the
    syntax is one line), and would show its brackets to readers."""
    raw = []
    for path in sorted(built.rglob("*.html")):
        text = re.sub(r"<code[^>]*>.*?</code>", "", path.read_text("utf-8"), flags=re.S)
        raw += [f"{path.relative_to(built)}: {m}" for m in re.findall(r"\[\[[^<]{0,40}", text)]
    assert not raw, "\n".join(raw[:20])
