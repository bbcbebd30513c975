"""Load, validate and link a project: the stages every command starts with."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from detente.config import SiteConfig, load_config
from detente.diagnostics import Diagnostics
from detente.link import Site, link
from detente.load import load_content
from detente.validate import Validator


@dataclass(frozen=True, slots=True)
class CheckResult:
    config: SiteConfig | None  # None: the config could not be read (a usage-level failure)
    site: Site | None  # None when there were errors
    diagnostics: Diagnostics


def check_project(project: Path, include_drafts: bool = False,
                  base_url: str | None = None) -> CheckResult:
    diagnostics = Diagnostics()
    config = load_config(project, diagnostics)
    if config is None:
        return CheckResult(None, None, diagnostics)
    if base_url is not None:
        config = dataclasses.replace(config, base_url=base_url.rstrip("/") + "/")
    loaded = load_content(project, diagnostics)
    validator = Validator(diagnostics, loaded.static_files, config.title)
    entities = validator.entities(loaded.records)
    site = link(entities, config, diagnostics, include_drafts,
                frozenset(validator.failed_ids))
    return CheckResult(config, None if diagnostics.has_errors() else site, diagnostics)
