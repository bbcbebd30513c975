#!/usr/bin/env python3
"""Milliseconds per body of the benchmark corpus for each Markdown engine at hand.

    python benchmarks/markdown_engines.py [bench-sites/raw-1000]

markdown-it-py as Detente configures it (CommonMark, tables, strikethrough, footnotes,
heading anchors, our references) and plain; and, when installed, two compiled engines:
markdown-it-pyrs (`pip install markdown-it-pyrs`, the Rust port of markdown-it) and
cmarkgfm (`pip install cmarkgfm`, GitHub's cmark-gfm). On 2026-11-27 on the 2-core
benchmark machine: markdown-it-py 1.21 ms, markdown-it-pyrs 0.105 ms, cmarkgfm 0.117 ms.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path

from markdown_it import MarkdownIt

from detente.content.markdown import make_markdown, render_template


def bodies(site: Path) -> list[str]:
    """The Markdown bodies of gen_corpus.py's `raw` layout (front matter cut off)."""
    return [path.read_text(encoding="utf-8").split("---\n", 2)[2]
            for path in sorted((site / "events").glob("*.md"))]


def per_body_ms(render: Callable[[str], object], texts: list[str]) -> float:
    render(texts[0])  # (any set-up on first use)
    started = time.perf_counter()
    for text in texts:
        render(text)
    return (time.perf_counter() - started) / len(texts) * 1000


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else Path("bench-sites/raw-1000")
    texts = bodies(site)
    ours = make_markdown()
    engines: dict[str, Callable[[str], object]] = {
        "markdown-it-py, as Detente renders": lambda text: render_template(ours, text),
        "markdown-it-py, CommonMark only": MarkdownIt("commonmark").render,
    }
    if importlib.util.find_spec("markdown_it_pyrs") is not None:
        import markdown_it_pyrs  # type: ignore[import-not-found,unused-ignore]

        pyrs = markdown_it_pyrs.MarkdownIt("commonmark").enable_many(
            ["table", "strikethrough", "footnote", "heading_anchors"])
        engines["markdown-it-pyrs (+ tables, strikethrough, footnotes, anchors)"] = pyrs.render
    if importlib.util.find_spec("cmarkgfm") is not None:
        import cmarkgfm  # type: ignore[import-not-found,unused-ignore]

        engines["cmarkgfm (GitHub-flavoured)"] = cmarkgfm.github_flavored_markdown_to_html
    print(f"{len(texts)} bodies from {site}, {sum(map(len, texts)) / len(texts):.0f} "
          "characters each on average")
    for name, render in engines.items():
        print(f"{per_body_ms(render, texts):7.3f} ms per body  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
