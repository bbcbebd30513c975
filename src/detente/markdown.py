"""Markdown → HTML: CommonMark, tables, footnotes, heading anchors, and our references.

`[[id]]` / `[[id|text]]` become links to entities and `[@source-id]` numbered citations,
through a markdown-it-py inline rule added with `md.use(...)` like any other plugin.
Raw HTML is escaped unless the site allows it; only http, https, mailto and relative
links are rendered as links.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from detente.prose import CITE_RE, WIKI_RE

LINK_SCHEMES = ("http", "https", "mailto")


@dataclass(frozen=True, slots=True)
class Target:
    label: str
    url: str


@dataclass(slots=True)
class ProseContext:
    """What rendering needs from the site, and the citations a page collects in order."""

    resolve: Callable[[str], Target | None]
    citations: list[str] = field(default_factory=list)

    def cite(self, source_id: str) -> int:
        if source_id not in self.citations:
            self.citations.append(source_id)
        return self.citations.index(source_id) + 1


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


def _render_ref(self: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:
    meta = tokens[idx].meta
    context: ProseContext = env["detente"]
    target = context.resolve(meta["id"])
    escape = self.escape if hasattr(self, "escape") else _escape
    if target is None:  # validation reports these; never reached in a clean build
        return escape(meta["text"] or meta["id"])
    return f'<a href="{escape(target.url)}">{escape(meta["text"] or target.label)}</a>'


def _render_cite(self: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:
    source_id = tokens[idx].meta["id"]
    context: ProseContext = env["detente"]
    number = context.cite(source_id)
    return (f'<sup class="citation"><a href="#cite-{_escape(source_id)}" '
            f'aria-label="source {number}">[{number}]</a></sup>')


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def make_markdown(allow_html: bool = False) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": allow_html, "typographer": False})
    md.enable("table").enable("strikethrough")
    md.use(footnote_plugin).use(anchors_plugin, min_level=2, max_level=4)
    md.use(_references_plugin)
    md.validateLink = is_safe_link  # type: ignore[method-assign]
    return md


def render_markdown(md: MarkdownIt, text: str, context: ProseContext) -> str:
    html: str = md.render(text, {"detente": context})
    return html
