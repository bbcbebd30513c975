"""The pages of each language besides the default: every page of the translated Site, under
`/<lang>/`, with that language's feeds. Rendered by the same parallel machinery as the
default language's pages, in full each build (the incremental cache keeps the default
language's pages; a translation is re-rendered whole, which costs its rendering only: its
Site shares everything checked and linked with the default's)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from detente.build.write import SiteWriter

if TYPE_CHECKING:
    from detente.build.progress import Progress
    from detente.build.scan import Finding
    from detente.content.model import Site


class LanguageWriter(SiteWriter):
    """Writes into another writer's staging folder, below `<lang>/`."""

    def __init__(self, inner: SiteWriter, prefix: str) -> None:  # (shares inner's folder)
        self.inner = inner
        self.prefix = prefix
        self.out, self.staging = inner.out, inner.staging

    def write(self, relative: str, data: bytes) -> None:
        self.inner.write(self.prefix + relative, data)

    def write_pieces(self, relative: str, pieces: Iterable[bytes]) -> Iterator[None]:
        return self.inner.write_pieces(self.prefix + relative, pieces)


@dataclass(slots=True)
class LanguagePages:
    """The files written for the other languages (scanned as they were rendered)."""

    names: set[str] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)


def language_files(site: Site) -> Iterator[tuple[str, Iterable[bytes]]]:
    """The files of a language's own beside its pages: its feeds. (The sitemap, open data,
    styles and icons are the site's, at the root, covering every language.)"""
    from detente.pages import feed, logfeeds

    yield from feed.produce(site)
    yield from logfeeds.produce(site)


def render_languages(site: Site, writer: SiteWriter, project: Path, jobs: int | None,
                     progress: Progress, cache_db: Path | None,
                     keep_markdown: Callable[[dict[bytes, str]], None] | None = None,
                     before_fork: Callable[[], None] | None = None) -> LanguagePages:
    """Each other language's pages and feeds. `keep_markdown` stores the Markdown rendered
    anew (a thread, started after the pool's fork); `before_fork` waits for it to finish,
    as no process may fork while it writes."""
    from detente.build.parallel import render_all
    from detente.pages.page import page_keys

    out = LanguagePages()
    for lang, translated in site.translated.items():
        into = LanguageWriter(writer, f"{lang}/")
        # Pages only: a translation's pages show the default language's share pictures
        # (drawing them again took two thirds of a second language's build).
        keys = page_keys(translated)
        progress.stage(f"render {lang}", len(keys))

        def meanwhile(each: Site = translated, to: LanguageWriter = into) -> Iterator[None]:
            for name, pieces in language_files(each):
                yield from to.write_pieces(name, pieces)

        if before_fork is not None:
            before_fork()
        rendered = render_all(translated, project, keys, into, jobs, cache_db, progress, None,
                              meanwhile, keep_markdown, track=False)
        out.names.update(f"{lang}/{name}" for name in rendered.pages)
        out.findings.extend(rendered.findings)
    return out
