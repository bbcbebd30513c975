"""Markdown → HTML: CommonMark, tables, footnotes, heading anchors, and our references.

`[[id]]` / `[[id|text]]` become links to entities and `[@source-id]` numbered citations,
through a markdown-it-py inline rule added with `md.use(...)` like any other plugin.
Raw HTML is escaped unless the site allows it; only http, https, mailto and relative
links are rendered as links.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.anchors.index import slugify
from mdit_py_plugins.footnote import footnote_plugin

from detente.content.syntax import CITE_RE, WIKI_RE

LINK_SCHEMES = ("http", "https", "mailto")


@dataclass(frozen=True, slots=True)
class Target:
    label: str
    url: str
    lang: str = ""  # the label's language where it is a translation's fallback


@dataclass(slots=True)
class ProseContext:
    """What rendering needs from the site, and the citations a page collects in order."""

    resolve: Callable[[str], Target | None]
    footnote_blocks: int = 0  # prose blocks with footnotes resolved so far on this page
    # source id -> its number, in order of first citing: a dict, because a page listing
    # every event cites thousands of sources, and looking each one up in a list made that
    # page quadratic (47 s at 100,000 entities)
    numbers: dict[str, int] = field(default_factory=dict)

    @property
    def citations(self) -> list[str]:
        return list(self.numbers)

    def cite(self, source_id: str) -> int:
        number = self.numbers.get(source_id)
        if number is None:
            number = self.numbers[source_id] = len(self.numbers) + 1
        return number


def is_safe_link(url: str) -> bool:
    """http, https, mailto, or relative (a path, a query, a fragment)."""
    text = url.strip()
    if any(ord(ch) < 32 for ch in text):
        return False
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return False
    return scheme in LINK_SCHEMES or (scheme == "" and not text.startswith("//"))


def _reference_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    rest = state.src[state.pos:]
    match = WIKI_RE.match(rest) or CITE_RE.match(rest)
    if match is None:
        return False
    if not silent:
        is_cite = match.re is CITE_RE
        token = state.push("detente_cite" if is_cite else "detente_ref", "", 0)
        token.meta = {"id": match.group(1).strip(),
                      "text": "" if is_cite else (match.group(2) or "").strip()}
    state.pos += match.end()
    return True


def _references_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "detente_reference", _reference_rule)
    md.add_render_rule("detente_ref", _render_ref)
    md.add_render_rule("detente_cite", _render_cite)
    md.add_render_rule("footnote_anchor_name", _render_footnote_name)


# Rendering leaves references as placeholders, so the Markdown → HTML step depends only on
# the text and can be cached; `resolve_placeholders` fills in labels, URLs and citation
# numbers for the page at hand. \x02 and \x03 never survive from the input (see `render`).
# Footnote ids are placeholders too: a page shows several prose blocks, and each numbers
# its footnotes from 1, so all but the first block on a page get ids of their own.
_REF, _CITE, _NOTE, _SEP, _END = "\x02R", "\x02C", "\x02F", "\x1f", "\x03"
_PLACEHOLDER_RE = re.compile("\x02([RCF])([^\x03\x1f]*)(?:\x1f([^\x03]*))?\x03")


def _render_ref(self: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:
    meta = tokens[idx].meta
    return f"{_REF}{_escape(meta['id'])}{_SEP}{_escape(meta['text'])}{_END}"


def _render_cite(self: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:
    return f"{_CITE}{_escape(tokens[idx].meta['id'])}{_END}"


def _render_footnote_name(self: Any, tokens: list[Any], idx: int, options: Any,
                          env: Any) -> str:
    return f"{_NOTE}{tokens[idx].meta['id'] + 1}{_END}"


def resolve_placeholders(html: str, context: ProseContext) -> str:
    if "\x02" not in html:
        return html
    if _NOTE in html:
        context.footnote_blocks += 1
    block = context.footnote_blocks

    def replace(match: re.Match[str]) -> str:
        kind, ident, text = match.group(1), match.group(2), match.group(3) or ""
        if kind == "F":
            return ident if block == 1 else f"{block}-{ident}"
        if kind == "C":
            number = context.cite(ident)
            return (f'<sup class="citation"><a href="#cite-{ident}" '
                    f'aria-label="source {number}">[{number}]</a></sup>')
        target = context.resolve(ident)
        if target is None:  # validation reports these; never reached in a clean build
            return text or ident
        lang = f' lang="{target.lang}"' if target.lang and not text else ""
        return f'<a href="{_escape(target.url)}"{lang}>{text or _escape(target.label)}</a>'

    return _PLACEHOLDER_RE.sub(replace, html)


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _slug(title: str) -> str:
    """GitHub-style heading ids. A reference or citation adds no text to the title (it is a
    placeholder), so the spaces around it must not leave stray hyphens."""
    return slugify(" ".join(title.split())).strip("-") or "section"


class SiteMarkdown(MarkdownIt):
    """markdown-it-py as sites render: only http, https, mailto and relative links."""

    def validateLink(self, url: str) -> bool:
        return is_safe_link(url)


def make_markdown(allow_html: bool = False,
                  parser: type[MarkdownIt] = SiteMarkdown) -> MarkdownIt:
    """The site's Markdown; `parser`: another class with the same syntax (the check uses
    one that keeps every link, to report the links a site's parser would drop)."""
    md = parser("commonmark", {"html": allow_html, "typographer": False})
    md.enable("table").enable("strikethrough")
    md.use(footnote_plugin).use(anchors_plugin, min_level=2, max_level=4, slug_func=_slug)
    md.use(_references_plugin)
    return md


def render_template(md: MarkdownIt, text: str) -> str:
    """Markdown → HTML with reference placeholders: a pure function of the text."""
    if "\x02" in text or "\x03" in text:
        text = text.replace("\x02", "\ufffd").replace("\x03", "\ufffd")
    html: str = md.render(text)
    return html
