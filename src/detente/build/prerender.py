"""Cold builds: Markdown is rendered in worker processes while the main process loads,
validates and links the content, which keeps only one core busy.

Markdown → HTML with placeholders is a pure function of the text (markdown.py), so the
results are keyed by the text's hash, like the build cache's: a prose text the check ends
up with uses the HTML made here, and any other (YAML fields, a file that changed meanwhile
or could not be read) is rendered as usual. Nothing here reports problems: the check does.
"""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path

from markdown_it import MarkdownIt

from detente.build.workers import die_with_parent, forking, widen_pipes
from detente.content.diagnostics import Diagnostics
from detente.content.load import is_ignored, split_front_matter
from detente.content.markdown import make_markdown, render_template
from detente.content.yamlnodes import decode
from detente.incremental.cache import text_key

PRERENDER_THRESHOLD = 200  # fewer `.md` files than this: forking costs more than it saves
CHUNK = 100  # files per task; what is finished when the check ends is used


class Prerender:
    """The running workers; `collect` takes what they have finished and stops them."""

    def __init__(self, pool: Pool, pending: list[AsyncResult[dict[bytes, str]]],
                 allow_html: bool) -> None:
        self.pool = pool
        self.pending = pending
        self.allow_html = allow_html

    def collect(self, allow_html: bool) -> dict[bytes, str]:
        """The HTML rendered so far: the rest is left to the render workers, which would
        otherwise wait for it with a core idle. Nothing if it was rendered under another
        `allow_html` than the check read (detente.yaml saved in between): the HTML is
        keyed by text alone, and raw HTML must not pass where the site escapes it."""
        html: dict[bytes, str] = {}
        try:
            if allow_html == self.allow_html:
                for part in self.pending:
                    if part.ready() and part.successful():
                        html.update(part.get())
        finally:
            self.stop()
        return html

    def stop(self) -> None:
        self.pool.terminate()
        self.pool.join()


def start_prerender(project: Path, allow_html: bool, cores: int) -> Prerender | None:
    """Start rendering the bodies of content/**/*.md on the cores the check leaves free,
    or None where it would not pay."""
    workers = cores - 1  # the main process keeps one core busy with the check
    if workers < 1 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    paths = markdown_files(project / "content")
    if len(paths) < PRERENDER_THRESHOLD:
        return None
    with forking():
        pool = multiprocessing.get_context("fork").Pool(
            workers, initializer=die_with_parent, initargs=(os.getpid(),))
    widen_pipes(pool)
    pending = [pool.apply_async(_render_files, ((paths[i:i + CHUNK], allow_html),))
               for i in range(0, len(paths), CHUNK)]
    return Prerender(pool, pending, allow_html)


def markdown_files(content: Path) -> list[str]:
    """Every `.md` file below `content`, as load.py would find them; links are left alone
    (load.py decides whether they are followed)."""
    found: list[str] = []
    stack = [str(content)]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for entry in entries:
            if is_ignored(entry.name) or entry.is_symlink():
                continue
            if entry.is_dir():
                stack.append(entry.path)
            elif entry.name.endswith(".md"):
                found.append(entry.path)
    return sorted(found)


_MARKDOWN: dict[bool, MarkdownIt] = {}


def _render_files(task: tuple[list[str], bool]) -> dict[bytes, str]:
    paths, allow_html = task
    md = _MARKDOWN.get(allow_html) or _MARKDOWN.setdefault(allow_html, make_markdown(allow_html))
    rendered: dict[bytes, str] = {}
    for path in paths:
        try:
            with open(path, "rb") as file:
                data = file.read()
        except OSError:
            continue
        source = decode(path, data, Diagnostics())
        if source is None:
            continue
        text = split_front_matter(source)[2].text
        rendered[text_key(text)] = render_template(md, text)
    return rendered
