"""Markdown rendered as a page shows it: the cached template, then the page's references."""

from __future__ import annotations

from markdown_it import MarkdownIt

from detente.content.markdown import ProseContext, render_template, resolve_placeholders


def render_markdown(md: MarkdownIt, text: str, context: ProseContext) -> str:
    return resolve_placeholders(render_template(md, text), context)
