"""`detente build`: check, render what changed (in parallel), write the site atomically.

Heavy modules are imported only once it is clear there is work to do: a warm build with
nothing changed answers from stat calls alone.
"""

from __future__ import annotations

import contextlib
import gc
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from detente.cache import CACHE_DIR
from detente.diagnostics import ContentError, DetenteError, Diagnostic, Severity, SourceSpan
from detente.inputs import (
    forget_last_build,
    input_state,
    load_last_build,
    output_state,
    save_last_build,
)
from detente.progress import NoProgress, Progress
from detente.workers import prompt_threads
from detente.write import MARKER, check_output_folder

if TYPE_CHECKING:
    from collections.abc import Iterator

    from detente.link import Site
    from detente.pages import PageKey
    from detente.prerender import Prerender


@dataclass(frozen=True, slots=True)
class BuildResult:
    pages: int
    files: int
    warnings: list[Diagnostic]
    rendered: int = 0  # pages rendered (the rest were unchanged and carried over)
    changed: int = 0  # pages whose bytes differ from the previous build
    # For live rebuilds (serve): the linked site, its pages, and what each page read.
    # None when the build found nothing changed and did no work.
    site: Site | None = None
    keys: list[PageKey] = field(default_factory=list)
    page_deps: dict[str, frozenset[str]] = field(default_factory=dict)


def build_site(project: Path, out: Path, include_drafts: bool = False,
               strict: bool = False, jobs: int | None = None,
               base_url: str | None = None, use_cache: bool = True,
               search: bool | Literal["stale"] = True,
               progress: Progress | None = None) -> BuildResult:
    """`search`: build the Pagefind index (True), none (False), or keep the previous
    build's index unchanged ('stale': for the preview, where edits follow one another)."""
    check_output_folder(out, project)
    cache_dir = project / CACHE_DIR
    # SOURCE_DATE_EPOCH pins the feed's <updated>: a change must not be skipped as a no-op.
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    flags = f"{include_drafts}|{strict}|{base_url}|{search}|{out.resolve()}|{epoch}"
    state = input_state(project, flags) if use_cache else None
    last = load_last_build(cache_dir)
    output_as_left = bool(last) and (out / MARKER).is_file() and \
        last.get("output") == output_state(out)
    unchanged = _unchanged(last, state, output_as_left)
    if unchanged is not None:
        return unchanged
    forget_last_build(cache_dir)
    try:
        with prompt_threads():
            result = _build(project, out, include_drafts, strict, jobs, base_url, use_cache,
                            search, verify_output=not output_as_left,
                            progress=progress or NoProgress())
    finally:
        gc.unfreeze()  # (frozen after the check: see _build)
    if state is not None:
        try:  # the site is in place; the record only lets the next build skip work
            save_last_build(cache_dir, {"inputs": state, "output": output_state(out),
                                        "pages": result.pages, "files": result.files,
                                        "warnings": [_record(d) for d in result.warnings]})
        except OSError:
            with contextlib.suppress(OSError):
                forget_last_build(cache_dir)
    return result


def _build(project: Path, out: Path, include_drafts: bool, strict: bool, jobs: int | None,
           base_url: str | None, use_cache: bool, search: bool | Literal["stale"],
           verify_output: bool, progress: Progress) -> BuildResult:
    """`verify_output`: the output may have been changed by hand: check the bytes of every
    page before carrying it over."""
    from detente.assets import copy_static
    from detente.cache import BuildCache
    from detente.check import check_project
    from detente.deps import Fingerprints
    from detente.fingerprint import global_key, markdown_key
    from detente.incremental import is_clean, remember
    from detente.libc import release_free_memory
    from detente.outputs import site_files
    from detente.pages import page_keys
    from detente.parallel import render_all
    from detente.render import site_view
    from detente.routes import output_file
    from detente.scan import check_output
    from detente.search import build_index, carry_over_index
    from detente.write import SiteWriter

    progress.stage("check")
    prerender = _start_prerender(project, jobs, use_cache)
    try:
        result = check_project(project, include_drafts, base_url)
        diagnostics = result.diagnostics.sorted()
        if result.site is None or result.diagnostics.has_errors(strict):
            raise ContentError(diagnostics)
    except BaseException:
        if prerender is not None:
            prerender.stop()
        raise
    site = result.site
    # The Site lives until the end of the build and holds no garbage: taken out of the
    # cyclic collector's view, which would otherwise walk all of it in every full
    # collection (0.6 s each at 30,000 entities, more of them the bigger the site), and
    # in every forked worker, where walking it would copy the pages shared with us.
    gc.freeze()
    release_free_memory()
    progress.stage("plan")
    keys = page_keys(site)
    shared = repr(site_view(site))  # every page shows it: a change re-renders them all
    cache = BuildCache(project / CACHE_DIR, global_key(site, project, include_drafts, shared),
                       markdown_key(site.config.allow_html)) if use_cache else None
    previous = out.resolve() if (out / MARKER).is_file() else None
    fingerprints = Fingerprints(site)
    dirty = [k for k in keys if not is_clean(k, cache, fingerprints, previous, verify_output)]
    carried: set[str] = set()  # pages reused from the previous build, which scanned them
    writer: SiteWriter | None = None
    try:
        writer = SiteWriter(out)  # (it removes its own folder if it fails or is interrupted)
        if previous is not None:
            dirty_paths = {k.path for k in dirty}
            for key in keys:
                if key.path not in dirty_paths:
                    name = output_file(key.path)
                    writer.reuse(name, previous / name)
                    carried.add(name)
        prerendered = prerender.collect(site.config.allow_html) if prerender is not None \
            else {}
        progress.stage("render", len(dirty))
        gc.freeze()  # the plan too (a key, a path and a list per page): it lives to the end
        files = 0

        def meanwhile() -> Iterator[None]:  # step by step, while the workers render
            nonlocal files
            assert writer is not None
            if cache is not None:
                cache.save_markdown_meanwhile(prerendered)
            extra = 0
            for path, pieces in site_files(site):
                yield from writer.write_pieces(path, pieces)
                extra += 1
            files = copy_static(project, writer) + extra

        rendered = render_all(site, project, dirty, writer, jobs,
                              cache.db_path if cache and cache.db is not None else None,
                              progress, prerendered, meanwhile,
                              cache.save_markdown_meanwhile if cache is not None else None)
        progress.stage("scan")  # fail closed: nothing that could run script is published
        scanned = carried | rendered.pages.keys()
        check_output(writer.staging, site.config.base_path,
                     [name for name in writer.names if name not in scanned], out.name,
                     rendered.findings)
        if search == "stale":
            carry_over_index(writer.staging, out.resolve())
        elif search:  # on the staging folder: a failed index fails the build atomically
            progress.stage("search index")
            build_index(writer.staging, out.resolve())
        progress.stage("write")
        writer.commit()
    except BaseException as exc:
        if prerender is not None:
            prerender.stop()
        if writer is not None:
            writer.abort()
        if cache is not None:
            cache.close()
        if isinstance(exc, OSError):  # a full disk, a file that cannot be read or written
            raise _write_failed(exc) from None
        raise
    changed = remember(cache, rendered, keys)
    page_deps = {path: frozenset(deps) for path, (deps, _digest) in rendered.pages.items()}
    if cache is not None:
        for key in keys:
            name = output_file(key.path)
            if name not in page_deps and name in cache.pages:
                page_deps[name] = frozenset(cache.pages[name].deps)
    return BuildResult(len(keys), len(keys) + files, diagnostics, len(dirty), changed,
                       site, keys, page_deps)


def _start_prerender(project: Path, jobs: int | None, use_cache: bool) -> Prerender | None:
    """Markdown rendered alongside the check, for a build without a cache to draw on (a
    cold build, as in CI): with one, most Markdown is cached and this would only compete."""
    from detente.cache import BuildCache
    from detente.config import load_config
    from detente.diagnostics import Diagnostics
    from detente.parallel import worker_count
    from detente.prerender import start_prerender

    if use_cache and BuildCache.exists(project / CACHE_DIR):
        return None
    config = load_config(project, Diagnostics())  # (the check reports its problems)
    if config is None:
        return None
    return start_prerender(project, config.allow_html, worker_count(jobs))


def _write_failed(exc: OSError) -> DetenteError:
    where = f" ({exc.filename})" if exc.filename else ""
    return DetenteError(f"the build failed: {exc.strerror or exc}{where}; nothing was "
                        "written, the previous site is as it was")


def _record(d: Diagnostic) -> dict[str, object]:
    return {"severity": d.severity.value, "span": [d.span.path, d.span.line, d.span.column],
            "message": d.message, "hint": d.hint}


def _unchanged(last: dict[str, Any], state: str | None,
               output_as_left: bool) -> BuildResult | None:
    """The previous build's result when no input and no output file changed since."""
    if state is None or not output_as_left or last.get("inputs") != state:
        return None
    try:
        warnings = [Diagnostic(Severity(d["severity"]), SourceSpan(*d["span"]), d["message"],
                               d["hint"]) for d in last["warnings"]]
        return BuildResult(int(last["pages"]), int(last["files"]), warnings)
    except (KeyError, TypeError, ValueError):
        return None
