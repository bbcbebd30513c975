"""detente.yaml → SiteConfig (frozen)."""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from detente.content.config_i18n import language_settings
from detente.content.diagnostics import Diagnostics, SourceSpan, did_you_mean
from detente.content.editorial.codes import CODES, DEFAULT_STALE_AFTER, duration_days
from detente.content.values import MAX_LABEL_CHARS, control_characters, invisible_characters
from detente.content.yamlnodes import (
    MAX_EXPANDED_BYTES,
    Mapping,
    Scalar,
    Seq,
    decode,
    parse_yaml,
)

CONFIG_FILE = "detente.yaml"
_LANGUAGE_RE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")
_NOT_IN_URLS = frozenset('"<>\\^`{|}')
KEYS = ("title", "description", "base_url", "language", "timezone", "nav", "markdown",
        "limits", "checks", "languages", "translations", "i18n")
LIMITS = ("expanded_bytes", "label_chars")


@dataclass(frozen=True, slots=True)
class SiteConfig:
    title: str
    description: str = ""
    base_url: str = "/"
    language: str = "en"
    timezone: str = "UTC"
    nav: tuple[str, ...] = ("timeline", "positions", "parties", "actors", "issues", "proposals",
                            "sources")
    allow_html: bool = False
    expanded_bytes: int = MAX_EXPANDED_BYTES  # a content file's text with aliases expanded
    label_chars: int = MAX_LABEL_CHARS  # a name or title, repeated wherever it is linked
    ignore_checks: tuple[str, ...] = ()  # editorial check codes turned off for the site
    stale_after: int = DEFAULT_STALE_AFTER  # days
    nav_spans: tuple[SourceSpan, ...] = field(default=(), compare=False, repr=False)
    # Translations (config_i18n): the languages published, default first; each one's own
    # title and description; what an untranslated field is (ignore | warn | error).
    languages: tuple[str, ...] = ()
    translations: tuple[tuple[str, str, str], ...] = ()  # (language, title, description)
    missing: str = "warn"
    # Set on the config of a translated Site: the language its pages are in, and the
    # default language's base_url (shared files: assets, search index, open data).
    page_language: str = ""
    root_url: str = ""

    @property
    def lang(self) -> str:
        """The language of this Site's pages."""
        return self.page_language or self.language

    @property
    def published_languages(self) -> tuple[str, ...]:
        return self.languages or (self.language,)

    @property
    def root_path(self) -> str:
        """Where the whole site (every language) is served: the default language's base."""
        path = urlsplit(self.root_url or self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def base_path(self) -> str:
        """The path part of base_url, always ending in '/': where the site is served."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def origin(self) -> str:
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


def load_config(project: Path, diagnostics: Diagnostics) -> SiteConfig | None:
    path = project / CONFIG_FILE
    try:
        data = path.read_bytes()
    except OSError:
        diagnostics.error(SourceSpan(CONFIG_FILE), f"no {CONFIG_FILE} in {project}",
                          "run Detente in a site project, or create one with 'detente init DIR'")
        return None
    source = decode(CONFIG_FILE, data, diagnostics)
    if source is None:
        return None
    root = parse_yaml(source, diagnostics)
    if root is None:
        return None
    if not isinstance(root, Mapping):
        diagnostics.error(root.span, f"{CONFIG_FILE} must be a mapping of settings")
        return None
    return parse_config(root, diagnostics)


def _text(root: Mapping, key: str, diagnostics: Diagnostics) -> str | None:
    node = root.get(key)
    if node is None:
        return None
    if not isinstance(node, Scalar) or node.is_null:
        diagnostics.error(node.span, f"'{key}' takes text")
        return None
    hidden = control_characters(node.text) + invisible_characters(node.text)
    if hidden:
        diagnostics.error(node.span, f"'{key}' contains control, invisible or "
                          f"direction-changing characters ({', '.join(dict.fromkeys(hidden))})",
                          "delete them")
        return None
    return node.text


def parse_config(root: Mapping, diagnostics: Diagnostics) -> SiteConfig | None:
    before = len(diagnostics.errors)
    for key, entry in root.entries.items():
        if key not in KEYS:
            diagnostics.error(entry.key_span, f"unknown setting '{key}'",
                              did_you_mean(key, KEYS) or "settings: " + ", ".join(KEYS))
    title = _text(root, "title", diagnostics)
    if title is None and "title" not in root.entries:
        diagnostics.error(root.span, "detente.yaml needs 'title'", "add 'title: ...'")
    values: dict[str, object] = {}
    for key in ("description", "base_url", "language", "timezone"):
        text = _text(root, key, diagnostics)
        if text is not None:
            values[key] = text
    _check_values(root, values, diagnostics)
    nav = root.get("nav")
    if nav is not None:
        if isinstance(nav, Seq) and all(isinstance(i, Scalar) for i in nav.items):
            values["nav"] = tuple(i.text for i in nav.items if isinstance(i, Scalar))
            values["nav_spans"] = tuple(i.span for i in nav.items)
        else:
            diagnostics.error(nav.span, "'nav' takes a list of names",
                              "e.g. [timeline, positions, parties]")
    markdown = root.get("markdown")
    if markdown is not None:
        allow = _markdown_options(markdown, diagnostics)
        if allow is not None:
            values["allow_html"] = allow
    limits = root.get("limits")
    if limits is not None:
        values.update(_limits(limits, diagnostics))
    checks = root.get("checks")
    if checks is not None:
        values.update(_check_options(checks, diagnostics))
    values.update(language_settings(root, values, diagnostics))
    if len(diagnostics.errors) > before or title is None:
        return None
    return SiteConfig(title=title, **values)  # type: ignore[arg-type]


def _check_values(root: Mapping, values: dict[str, object], diagnostics: Diagnostics) -> None:
    base = values.get("base_url")
    if isinstance(base, str):
        parts = urlsplit(base)
        node = root.get("base_url")
        assert node is not None
        if base.startswith("/") and not parts.netloc:
            pass
        elif parts.scheme not in ("http", "https") or not parts.netloc:
            diagnostics.error(node.span, f"base_url '{base}' is not an http(s) address or a path",
                              "e.g. https://example.org/explainer/")
        if any(ch in _NOT_IN_URLS or ch.isspace() for ch in base):
            # It is written into every link, feed and sitemap: it must be a URL as it stands.
            diagnostics.error(node.span, f"base_url '{base}' holds characters a URL may not",
                              "percent-encode them (a space is %20)")
        if not base.endswith("/"):
            values["base_url"] = base + "/"
    language = values.get("language")
    if isinstance(language, str) and not _LANGUAGE_RE.match(language):
        node = root.get("language")
        assert node is not None
        diagnostics.error(node.span, f"'{language}' is not a language tag", "e.g. en, uk, ar")
    tz = values.get("timezone")
    if isinstance(tz, str):
        try:
            zoneinfo.ZoneInfo(tz)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            node = root.get("timezone")
            assert node is not None
            diagnostics.error(node.span, f"'{tz}' is not a time zone",
                              did_you_mean(tz, zoneinfo.available_timezones())
                              or "e.g. Europe/Kyiv, UTC")


def _markdown_options(node: object, diagnostics: Diagnostics) -> bool | None:
    if not isinstance(node, Mapping):
        if isinstance(node, Scalar | Seq):
            diagnostics.error(node.span, "'markdown' takes a mapping, e.g. {allow_html: false}")
        return None
    allow: bool | None = None
    for key, entry in node.entries.items():
        value = entry.value
        if key != "allow_html":
            diagnostics.error(entry.key_span, f"unknown markdown setting '{key}'",
                              "the setting is: allow_html")
        elif isinstance(value, Scalar) and value.text in ("true", "false"):
            allow = value.text == "true"
        else:
            diagnostics.error(value.span, "'allow_html' takes true or false")
    return allow


def _limits(node: object, diagnostics: Diagnostics) -> dict[str, int]:
    if not isinstance(node, Mapping):
        if isinstance(node, Scalar | Seq):
            diagnostics.error(node.span, "'limits' takes a mapping, e.g. "
                              f"{{expanded_bytes: {MAX_EXPANDED_BYTES}}}")
        return {}
    limits: dict[str, int] = {}
    for key, entry in node.entries.items():
        value = entry.value
        if key not in LIMITS:
            diagnostics.error(entry.key_span, f"unknown limit '{key}'",
                              did_you_mean(key, LIMITS) or "the limits are: " + ", ".join(LIMITS))
        elif isinstance(value, Scalar) and not value.quoted and value.text.isdigit() \
                and int(value.text) > 0:
            limits[key] = int(value.text)
        else:
            example = MAX_EXPANDED_BYTES if key == "expanded_bytes" else MAX_LABEL_CHARS
            diagnostics.error(value.span, f"'{key}' takes a whole number, e.g. {example}")
    return limits


def _check_options(node: object, diagnostics: Diagnostics) -> dict[str, object]:
    """`checks: {ignore: [code, ...], stale_after: 90d}`."""
    if not isinstance(node, Mapping):
        if isinstance(node, Scalar | Seq):
            diagnostics.error(node.span, "'checks' takes a mapping, e.g. "
                              "{ignore: [source-without-url], stale_after: 90d}")
        return {}
    values: dict[str, object] = {}
    for key, entry in node.entries.items():
        value = entry.value
        if key == "ignore":
            codes = _codes(value, diagnostics)
            if codes is not None:
                values["ignore_checks"] = codes
        elif key == "stale_after":
            days = duration_days(value.text if isinstance(value, Scalar) else "a collection",
                                 value.span, key, diagnostics)
            if days is not None:
                values["stale_after"] = days
        else:
            diagnostics.error(entry.key_span, f"unknown checks setting '{key}'",
                              did_you_mean(key, ("ignore", "stale_after"))
                              or "the settings are: ignore, stale_after")
    return values


def _codes(node: object, diagnostics: Diagnostics) -> tuple[str, ...] | None:
    if not isinstance(node, Seq) or not all(isinstance(i, Scalar) for i in node.items):
        if isinstance(node, Scalar | Mapping):
            diagnostics.error(node.span, "'ignore' takes a list of check codes",
                              "e.g. [source-without-url]")
        return None
    codes = tuple(i.text for i in node.items if isinstance(i, Scalar))
    for item, code in zip(node.items, codes, strict=True):
        if code not in CODES:
            diagnostics.error(item.span, f"'{code}' is not a check code",
                              did_you_mean(code, CODES) or
                              "the codes are listed in the docs (content model, checks)")
    return codes if all(c in CODES for c in codes) else None
