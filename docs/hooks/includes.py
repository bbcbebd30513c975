"""MkDocs hook: optional includes for the editor's guide.

Two regions a page may mark; each keeps its own text when there is nothing to include, so
the guide builds (with --strict) whether or not benchmarks have been run or screenshots taken:

    <!-- include: benchmarks/RESULTS.md -->
    Shown when the file (a path from the repository root) does not exist.
    <!-- /include -->

    <!-- screenshots: screenshots -->
    Shown when the folder (a path from docs/) holds no .png, .jpg or .webp pictures.
    <!-- /screenshots -->

An included file's first heading is dropped (the page has its own) and its other headings
move one level down. Pictures are shown in name order, captioned with their file names.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

_INCLUDE_RE = re.compile(r"<!-- include: (\S+) -->\n(.*?)<!-- /include -->\n?", re.DOTALL)
_SHOTS_RE = re.compile(r"<!-- screenshots: (\S+) -->\n(.*?)<!-- /screenshots -->\n?", re.DOTALL)
_HEADING_RE = re.compile(r"^(#{1,5}) ", re.MULTILINE)
_PICTURES = (".png", ".jpg", ".jpeg", ".webp")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    root = Path(config["config_file_path"]).parent
    docs = Path(config["docs_dir"])
    page_dir = (docs / page.file.src_path).parent

    def include(match: re.Match[str]) -> str:
        path = root / match.group(1)
        if not path.is_file():
            return match.group(2)
        return demote(path.read_text(encoding="utf-8"))

    def screenshots(match: re.Match[str]) -> str:
        folder = docs / match.group(1)
        pictures = sorted(p for p in folder.glob("*") if p.suffix.lower() in _PICTURES) \
            if folder.is_dir() else []
        if not pictures:
            return match.group(2)
        return "\n".join(_figure(p, page_dir) for p in pictures)

    return _SHOTS_RE.sub(screenshots, _INCLUDE_RE.sub(include, markdown))


def demote(text: str) -> str:
    lines = text.splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return _HEADING_RE.sub(lambda m: "#" + m.group(1) + " ", "\n".join(lines)).strip() + "\n"


def _figure(picture: Path, page_dir: Path) -> str:
    caption = picture.stem.replace("-", " ").replace("_", " ")
    caption = caption[:1].upper() + caption[1:]
    relative = Path(os.path.relpath(picture, page_dir)).as_posix()
    return f"![{caption}]({relative})\n\n*{caption}*\n"
