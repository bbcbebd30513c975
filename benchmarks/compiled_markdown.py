#!/usr/bin/env python3
"""What if: `detente build` with its Markdown rendered by a compiled engine.

    pip install markdown-it-pyrs==0.4.0     # (benchmarks/setup.sh does it)
    python benchmarks/compiled_markdown.py build SITE --out OUT --no-search

A cost experiment, not a product: it swaps the function that turns one text into HTML
(views.py and prerender.py call it) for markdown-it-pyrs, the Rust port of markdown-it,
with CommonMark, tables, strikethrough, footnotes and heading anchors. Everything else is
Detente as it is: the same check, links, views, templates, cache, open data and writes.
The HTML differs from Detente's (no `[[id]]` / `[@source]` references, other heading ids
and footnote markup, links not filtered by scheme), so use it only to time a build: it
answers how much of the gap to Hugo a faster Markdown engine would close (the row
`detente-compiled-md` of run.py).
"""

from __future__ import annotations

import sys

import markdown_it_pyrs

import detente.build.prerender
import detente.pages.render
from detente.cli.main import main

_ENGINE = markdown_it_pyrs.MarkdownIt("commonmark").enable_many(
    ["table", "strikethrough", "footnote", "heading_anchors"])


def _render(_md: object, text: str) -> str:
    html: str = _ENGINE.render(text)
    return html


detente.pages.render.render_template = _render  # type: ignore[attr-defined,assignment]
detente.build.prerender.render_template = _render  # type: ignore[attr-defined,assignment]

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
