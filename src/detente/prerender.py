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

from detente.cache import text_key
from detente.diagnostics import Diagnostics
from detente.load import is_ignored, split_front_matter
from detente.markdown import make_markdown, render_template
from detente.workers import die_with_parent, forking
from detente.yamlnodes import decode

PRERENDER_THRESHOLD = 200  # fewer `.md` files than this: forking costs more than it saves


class Prerender:
    """The running workers; `collect` waits for their HTML, `stop` ends them unread."""

    def __init__(self, pool: Pool, pending: AsyncResult[list[dict[bytes, str]]]) -> None:
        self.pool = pool
        self.pending = pending

    def collect(self) -> dict[bytes, str]:
        try:
            parts = self.pending.get()
        except Exception:  # a worker that failed only loses its head start
            parts = []
        finally:
            self.stop()
        html: dict[bytes, str] = {}
        for part in parts:
            html.update(part)
        return html

    def stop(self) -> None:
        self.pool.terminate()
        self.pool.join()


def start_prerender(project: Path, allow_html: bool, workers: int) -> Prerender | None:
    """Start rendering the bodies of content/**/*.md, or None where it would not pay."""
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    paths = markdown_files(project / "content")
    if len(paths) < PRERENDER_THRESHOLD:
        return None
    chunks = [paths[i::workers] for i in range(workers)]
    with forking():
        pool = multiprocessing.get_context("fork").Pool(
            workers, initializer=die_with_parent, initargs=(os.getpid(),))
    pending = pool.map_async(_render_files, [(chunk, allow_html) for chunk in chunks],
                             chunksize=1)
    return Prerender(pool, pending)


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


def _render_files(task: tuple[list[str], bool]) -> dict[bytes, str]:
    paths, allow_html = task
    md = make_markdown(allow_html)
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
