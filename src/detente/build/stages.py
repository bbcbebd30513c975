"""The build's stages, each a function from one value to the next; `pipeline` tells the
story. Heavy modules are imported by the stage that needs them, so that a warm build with
nothing changed (answered from stat calls alone) imports none of them."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from detente.build.progress import NoProgress, Progress
from detente.build.write import MARKER, SiteWriter
from detente.content.diagnostics import ConfigError, ContentError, DetenteError, Diagnostic

if TYPE_CHECKING:
    from detente.build.languages import LanguagePages
    from detente.build.parallel import Rendered
    from detente.build.prerender import Prerender
    from detente.content.model import Site
    from detente.incremental.cache import BuildCache
    from detente.pages.page import PageKey


@dataclass(frozen=True, slots=True)
class BuildRequest:
    """What `detente build` was asked for."""

    project: Path
    out: Path
    cache_dir: Path
    include_drafts: bool = False
    strict: bool = False
    jobs: int | None = None
    base_url: str | None = None
    use_cache: bool = True
    # the Pagefind index (True), none (False), or the previous build's kept ('stale': the
    # preview's choice, where edits follow one another)
    search: bool | Literal["stale"] = True
    progress: Progress = field(default_factory=NoProgress)

    def flags(self) -> str:
        """Everything but the files that decides what a build writes."""
        import os

        from detente.content.gitdir import history_stamp

        # SOURCE_DATE_EPOCH pins the feed's <updated>: a change must not pass as a no-op;
        # nor may a commit, which dates pages without changing a file of the project.
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        return (f"{self.include_drafts}|{self.strict}|{self.base_url}|{self.search}|"
                f"{self.out.resolve()}|{epoch}|{history_stamp(self.project)}")


@dataclass(frozen=True, slots=True)
class Checked:
    site: Site
    warnings: list[Diagnostic]


@dataclass(slots=True)
class Plan:
    """The pages of the site, those to render, and the cache that decided which."""

    keys: list[PageKey]
    dirty: list[PageKey]
    cache: BuildCache | None
    previous: Path | None  # the site now in place, whose clean pages are carried over


@contextlib.contextmanager
def prerendering(request: BuildRequest) -> Iterator[Prerender | None]:
    """Markdown rendered on the other cores while the check runs, for a build with no cache
    to draw on (a cold build, as in CI): with one, it would only compete."""
    from detente.build.parallel import worker_count
    from detente.build.prerender import start_prerender
    from detente.content.config import load_config
    from detente.content.diagnostics import Diagnostics
    from detente.incremental.cache import BuildCache

    config = None if request.use_cache and BuildCache.exists(request.cache_dir) else \
        load_config(request.project, Diagnostics())  # (the check reports its problems)
    running = None if config is None else \
        start_prerender(request.project, config.allow_html, worker_count(request.jobs))
    try:
        yield running
    finally:
        if running is not None:
            running.stop()


def check(request: BuildRequest) -> Checked:
    """Load, validate and link; any error (or warning, when strict) stops the build."""
    from detente.build.libc import release_free_memory
    from detente.content.check import check_project

    request.progress.stage("check")
    result = check_project(request.project, request.include_drafts, request.base_url)
    diagnostics = result.diagnostics.sorted()
    if result.config is None:
        raise ConfigError(diagnostics)
    if result.site is None or result.diagnostics.has_errors(request.strict):
        raise ContentError(diagnostics)
    # The Site lives until the end of the build and holds no garbage: taken out of the
    # cyclic collector's view, which would otherwise walk all of it in every full
    # collection (0.6 s each at 30,000 entities), and in every forked worker, where walking
    # it would copy the pages shared with us. `pipeline` unfreezes at the end.
    gc.freeze()
    release_free_memory()
    return Checked(result.site, diagnostics)


def plan(site: Site, request: BuildRequest, verify_output: bool) -> Plan:
    """Every page, and those whose dependencies' fingerprints changed since the last build
    (all of them without a cache). `verify_output`: the output may have been changed by
    hand, so a page is carried over only if its bytes are those the cache remembers."""
    from detente.incremental.cache import BuildCache
    from detente.incremental.fingerprint import global_key, markdown_key
    from detente.incremental.fingerprints import Fingerprints
    from detente.incremental.plan import is_clean
    from detente.pages.render import site_view
    from detente.pages.share import output_keys
    from detente.pages.shareimage import fingerprint as pictures

    request.progress.stage("plan")
    keys = output_keys(site)  # the pages and their share pictures
    # Every page shows the site view; a share picture's bytes also depend on Pillow and
    # the fonts it draws with: a change to any of them renders them all again.
    shared = repr(site_view(site)) + pictures()
    cache = BuildCache(request.cache_dir, global_key(site, request.project,
                                                     request.include_drafts, shared),
                       markdown_key(site.config.allow_html)) if request.use_cache else None
    previous = request.out.resolve() if (request.out / MARKER).is_file() else None
    fingerprints = Fingerprints(site)
    dirty = [k for k in keys if not is_clean(k, cache, fingerprints, previous, verify_output)]
    gc.freeze()  # the plan too (a key, a path and a list per page): it lives to the end
    return Plan(keys, dirty, cache, previous)


@contextlib.contextmanager
def staging(request: BuildRequest, plan: Plan) -> Iterator[SiteWriter]:
    """A staging folder holding the clean pages of the previous build; removed, with the
    cache closed, if any later stage fails (the site in place is left as it was)."""
    from detente.content.routes import output_file

    writer: SiteWriter | None = None
    try:
        writer = SiteWriter(request.out)
        dirty = {k.path for k in plan.dirty}
        if plan.previous is not None:
            for key in plan.keys:
                if key.path not in dirty:
                    name = output_file(key.path)
                    writer.reuse(name, plan.previous / name)
        yield writer
    except BaseException as exc:
        if writer is not None:
            writer.abort()
        if plan.cache is not None:
            plan.cache.close()
        if isinstance(exc, OSError):  # a full disk, a file that cannot be read or written
            raise _write_failed(exc) from None
        raise


def render(site: Site, plan: Plan, writer: SiteWriter, request: BuildRequest,
           prerender: Prerender | None) -> Rendered:
    """The dirty pages, in parallel; the site files (feed, sitemap, open data, static
    files) are written meanwhile by this process."""
    from detente.build.parallel import render_all

    prerendered = prerender.collect(site.config.allow_html) if prerender is not None else {}
    request.progress.stage("render", len(plan.dirty))
    cache = plan.cache

    def meanwhile() -> Iterator[None]:  # (starts once the workers are forked: see render_all)
        if cache is not None:
            cache.save_markdown_meanwhile(prerendered)  # a thread: never before a fork
        yield from site_files(site, request.project, writer)

    return render_all(site, request.project, plan.dirty, writer, request.jobs,
                      cache.db_path if cache is not None and cache.db is not None else None,
                      request.progress, prerendered, meanwhile,
                      cache.save_markdown_meanwhile if cache is not None else None)


def site_files(site: Site, project: Path, writer: SiteWriter) -> Iterator[None]:
    """Feed, sitemap, open data, the theme's assets and static/: in steps, so that the
    render workers are kept fed between them."""
    from detente.content.load import walk_files
    from detente.pages.assets import theme_assets
    from detente.pages.outputs import site_files as produce

    for name, pieces in produce(site):
        yield from writer.write_pieces(name, pieces)
    for name, data in theme_assets():
        writer.write(f"assets/{name}", data)
    static = project / "static"
    if static.is_dir():
        for path in walk_files(static, project):
            writer.copy("static/" + path.relative_to(static).as_posix(), path)
            yield


def render_languages(site: Site, plan: Plan, writer: SiteWriter,
                     request: BuildRequest) -> LanguagePages | None:
    """The pages of the site's other languages, if it has any (`languages`)."""
    if not site.translated:
        return None
    from detente.build.languages import render_languages as render_all_languages

    cache = plan.cache
    if cache is None or cache.db is None:
        return render_all_languages(site, writer, request.project, request.jobs,
                                    request.progress, None)
    return render_all_languages(site, writer, request.project, request.jobs, request.progress,
                                cache.db_path, cache.save_markdown_meanwhile,
                                cache.markdown_saved)


def scan(site: Site, plan: Plan, writer: SiteWriter, rendered: Rendered,
         request: BuildRequest, languages: LanguagePages | None = None) -> None:
    """Fail closed: nothing that could run script is published. Pages rendered this build
    were scanned as they were made, and pages carried over when they were."""
    from detente.build.scan import check_output

    request.progress.stage("scan")
    scanned = rendered.pages.keys() | _carried(plan) | (languages.names if languages else set())
    check_output(writer.staging, site.config.base_path,
                 [name for name in writer.names if name not in scanned],
                 writer.out.name, [*rendered.findings, *(languages.findings if languages
                                                         else ())])


def index(writer: SiteWriter, request: BuildRequest, plan: Plan, rendered: Rendered) -> None:
    """The search index, on the staging folder: a failed index fails the build atomically."""
    from detente.build.search import build_index, carry_over_index

    if request.search == "stale":
        carry_over_index(writer.staging, request.out.resolve())
    elif request.search:
        request.progress.stage("search index")
        build_index(writer.staging, request.out.resolve(), writer.names,
                    _page_digests(plan, rendered))


def commit(writer: SiteWriter, request: BuildRequest) -> None:
    request.progress.stage("write")
    writer.commit()


def _page_digests(plan: Plan, rendered: Rendered) -> dict[str, str]:
    """Output file → digest of its bytes, for every page: as rendered now, or carried over
    (as the cache remembers it; the plan checked the bytes when the output was in doubt)."""
    digests = {name: digest for name, (_deps, digest) in rendered.pages.items()}
    if plan.cache is not None:
        for name in _carried(plan):
            record = plan.cache.pages.get(name)
            if record is not None:
                digests.setdefault(name, record.digest)
    return digests


def _carried(plan: Plan) -> set[str]:
    from detente.content.routes import output_file

    if plan.previous is None:
        return set()
    dirty = {k.path for k in plan.dirty}
    return {output_file(k.path) for k in plan.keys if k.path not in dirty}


def _write_failed(exc: OSError) -> DetenteError:
    where = f" ({exc.filename})" if exc.filename else ""
    return DetenteError(f"the build failed: {exc.strerror or exc}{where}; nothing was "
                        "written, the previous site is as it was")
