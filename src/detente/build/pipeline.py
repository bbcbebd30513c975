"""`detente build`: check, plan, render what changed, write the site files, scan, index,
commit, remember. This module only tells that story; each stage is in `stages`."""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from detente.build import stages
from detente.build.progress import NoProgress, Progress
from detente.build.stages import BuildRequest
from detente.build.workers import prompt_threads
from detente.build.write import MARKER, check_output_folder
from detente.content.diagnostics import Diagnostic, Severity, SourceSpan
from detente.incremental.cache import CACHE_DIR
from detente.incremental.inputs import LastBuild

if TYPE_CHECKING:
    from detente.content.model import Site
    from detente.incremental.depkey import DepKey
    from detente.pages.page import PageKey


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
    page_deps: dict[str, frozenset[DepKey]] = field(default_factory=dict)


def build_site(project: Path, out: Path, include_drafts: bool = False,
               strict: bool = False, jobs: int | None = None,
               base_url: str | None = None, use_cache: bool = True,
               search: bool | Literal["stale"] = True,
               progress: Progress | None = None, cache_dir: Path | None = None) -> BuildResult:
    request = BuildRequest(project, out, cache_dir or project / CACHE_DIR, include_drafts,
                           strict, jobs, base_url, use_cache, search, progress or NoProgress())
    check_output_folder(out, project)
    last = LastBuild(project, out, request.cache_dir, request.flags(), use_cache, MARKER)
    unchanged = _result_of(last.unchanged())
    if unchanged is not None:
        return unchanged
    last.forget()
    try:
        with prompt_threads():
            result = run_stages(request, verify_output=not last.output_as_left)
    finally:
        gc.unfreeze()  # (frozen by the check and the plan)
    last.save(_record(result))
    return result


def run_stages(request: BuildRequest, verify_output: bool) -> BuildResult:
    from detente.incremental.plan import page_dependencies, remember

    with stages.prerendering(request) as prerender:
        checked = stages.check(request)
        plan = stages.plan(checked.site, request, verify_output)
        with stages.staging(request, plan) as writer:
            rendered = stages.render(checked.site, plan, writer, request, prerender)
            languages = stages.render_languages(checked.site, plan, writer, request)
            files = len(writer.names)
            stages.scan(checked.site, plan, writer, rendered, request, languages)
            stages.index(writer, request, plan, rendered)
            stages.commit(writer, request)
    changed = remember(plan.cache, rendered.pages, rendered.records, plan.keys)
    return BuildResult(len(plan.keys), files, checked.warnings, len(plan.dirty), changed,
                       checked.site, plan.keys,
                       page_dependencies(plan.cache, rendered.pages, plan.keys))


def _record(result: BuildResult) -> dict[str, Any]:
    return {"pages": result.pages, "files": result.files,
            "warnings": [{"severity": d.severity.value,
                          "span": [d.span.path, d.span.line, d.span.column],
                          "message": d.message, "hint": d.hint, "code": d.code}
                         for d in result.warnings]}


def _result_of(record: dict[str, Any] | None) -> BuildResult | None:
    if record is None:
        return None
    try:
        warnings = [Diagnostic(Severity(d["severity"]), SourceSpan(*d["span"]), d["message"],
                               d["hint"], d.get("code", "")) for d in record["warnings"]]
        return BuildResult(int(record["pages"]), int(record["files"]), warnings)
    except (KeyError, TypeError, ValueError):
        return None
