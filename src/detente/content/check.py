"""Load, validate and link a project: the stages every command starts with."""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from detente.content.config import CONFIG_FILE, SiteConfig, load_config
from detente.content.diagnostics import Diagnostics, SourceSpan, did_you_mean
from detente.content.editorial.run import editorial_warnings
from detente.content.history import dated, read_history, report_shallow
from detente.content.link import link
from detente.content.load import load_content
from detente.content.model import Site
from detente.content.routes import PAGE_KINDS, SITE_PAGES, nav_path
from detente.content.translate import Coverage, with_translations
from detente.content.validate import Validator


@dataclass(frozen=True, slots=True)
class CheckResult:
    config: SiteConfig | None  # None: the config could not be read (a usage-level failure)
    site: Site | None  # None when there were errors
    diagnostics: Diagnostics
    coverage: tuple[Coverage, ...] = ()  # per language other than the default


def check_project(project: Path, include_drafts: bool = False,
                  base_url: str | None = None) -> CheckResult:
    diagnostics = Diagnostics()
    config = load_config(project, diagnostics)
    if config is None:
        return CheckResult(None, None, diagnostics)
    if base_url is not None:
        config = dataclasses.replace(config, base_url=base_url.rstrip("/") + "/")
    with _no_cyclic_gc():
        loaded = load_content(project, diagnostics, config.expanded_bytes)
        validator = Validator(diagnostics, loaded.static_files, config.title,
                              config.label_chars)
        history = read_history(project)
        entities = dated(validator.entities(loaded.records), history)
        site = link(entities, config, diagnostics, include_drafts,
                    frozenset(validator.failed_ids))
        site, coverage = with_translations(project, site, loaded, diagnostics)
    check_nav(config, site, diagnostics)
    if not diagnostics.has_errors():  # (on a site with errors, they would only echo them)
        report_shallow(history, config.ignore_checks, diagnostics)
        editorial_warnings(site, diagnostics)
    return CheckResult(config, None if diagnostics.has_errors() else site, diagnostics,
                       coverage)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Loading makes hundreds of thousands of small objects and no reference cycles worth
    collecting; the cyclic collector would run hundreds of times for nothing (a third of
    the time at 10,000 entities)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_nav(config: SiteConfig, site: Site, diagnostics: Diagnostics) -> None:
    """Every `nav:` entry names a site page or a prose page."""
    pages = {p.id for p in site.by_kind["pages"]}
    for index, name in enumerate(config.nav):
        if nav_path(name, pages) is None:
            span = config.nav_spans[index] if index < len(config.nav_spans) else \
                SourceSpan(CONFIG_FILE)
            diagnostics.error(span, f"nav entry '{name}' is neither a section of the site nor "
                              "a page", did_you_mean(name, (*PAGE_KINDS, *SITE_PAGES, *pages)))
