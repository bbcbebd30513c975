"""The post-build scan: nothing in the output can run script, whatever the content said.

`detente build` scans every HTML, SVG and XML file it writes into the staging folder before
the swap: pages as they are rendered (in the render workers, from the bytes written), then
every other file the writer put there (static files, the feed, the sitemap). A file passes
when it holds no `<script>` but the theme's own (its inline scripts word for word, its files
under assets/ or Pagefind's by exact src, JSON-LD data blocks), no on* event-handler
attribute, no URL attribute whose scheme is not http, https or mailto (after entity decoding and the
whitespace a browser strips), no iframe, object, embed, style or other embedding element,
and no style attribute but the theme's custom properties (`--name: #rrggbb` or
`--name: NN%`) and table alignment. Any finding fails the build: an escaping bug anywhere
(a template, the Markdown renderer, raw HTML an editor let through) fails closed instead of
reaching readers.

Files are parsed with html.parser, made stricter where it reads less markup than a browser
(comments browsers end early, CDATA sections, text it could not parse; namespace prefixes
dropped). Most files hold nothing that could be a finding, so a check of the raw text that
matches wherever the parser could find something clears them first; only files it does not
clear are parsed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from detente.content.diagnostics import ContentError, Diagnostic, Severity, SourceSpan

SCANNED_SUFFIXES = (".html", ".htm", ".xhtml", ".svg", ".xml")
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# Elements that embed, restyle or redirect whatever the page shows.
FORBIDDEN_ELEMENTS = frozenset({
    "iframe", "frame", "frameset", "object", "embed", "applet", "style", "base", "portal",
    "fencedframe", "animate", "animatemotion", "animatetransform", "set", "handler", "listener",
})
URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite",
    "data", "codebase", "longdesc", "lowsrc", "dynsrc", "manifest", "icon", "classid",
    "usemap", "profile",
})
URL_LIST_ATTRIBUTES = frozenset({"srcset", "imagesrcset", "ping", "archive"})
PAGEFIND_SCRIPTS = ("pagefind.js", "pagefind-ui.js", "pagefind-modular-ui.js",
                    "pagefind-component-ui.js", "pagefind-highlight.js")
JSON_LD = "application/ld+json"
# The only style attributes Detente writes: a custom property set to a colour that was
# validated as #rrggbb, or to a whole percentage; and Markdown tables' column alignment.
STYLE_RE = re.compile(r"--[a-zA-Z][a-zA-Z0-9-]*: (?:#[0-9a-fA-F]{6}|\d{1,3}%)"
                      r"|text-align:(?:left|right|center)")
_SCHEME_RE = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))
_THEME_SCRIPT_RE = re.compile(r"<script>(.*?)</script>", re.DOTALL)

# The raw-text check of a file: its bytes, lowercased, once the theme's own script
# elements are taken out. Together the patterns match wherever html.parser could see a start
# tag, attribute or declaration of a kind it reports; an attribute value passes only in the
# exact double-quoted form that is safe by its first characters, and any '=' after a space
# (`href = ...`) sends the page to the parser. Each pattern starts with a literal, which `re`
# finds fast; the rare URL attributes are found in the reversed text, anchored on '='.
_SAFE_URL = rb'(?!"(?:/|#|https?://|mailto:)[^"]*")'
_COMMON_URL_ATTRIBUTES = ("href", "src", "action")


def _attribute(name: bytes, value_check: bytes = b"") -> re.Pattern[bytes]:
    """`name=` where an attribute name (or its local part, after a prefix) can start, then
    `value_check`."""
    return re.compile(re.escape(name) + rb"=(?<=[\s/'\":]" + re.escape(name) + rb"=)" +
                      value_check)


_QUICK_RES = (
    re.compile(rb"<(?:[^\s/>\x00:]*:)?(?:" + b"|".join(n.encode() for n in (
        "script", *sorted(FORBIDDEN_ELEMENTS))) + rb")(?=[\s/>\x00]|\Z)"
               rb"|<!(?!doctype html>)|<\?(?!xml )"),
    re.compile(rb"on(?<=[\s/'\":]on)[^\s/=>]*="),  # event handlers: any name from 'on'
    re.compile(rb"=(?<=\s=)"),
    _attribute(b"style", rb'(?!"(?:' + STYLE_RE.pattern.encode() + rb')")'),
    *(_attribute(name.encode(), _SAFE_URL) for name in _COMMON_URL_ATTRIBUTES),
    re.compile(rb"http-equiv"),
)
_RARE_REVERSED_RE = re.compile(rb"=(?:" + b"|".join(
    re.escape(name.encode()[::-1]) for name in sorted(URL_ATTRIBUTES | URL_LIST_ATTRIBUTES)
    if name not in _COMMON_URL_ATTRIBUTES) + rb")(?=[\s/'\":])")


@dataclass(frozen=True, slots=True)
class Finding:
    path: str  # relative to the output folder
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


@dataclass(frozen=True, slots=True)
class ScriptPolicy:
    """The scripts the theme itself writes into pages."""

    sources: frozenset[str]  # exact src values
    inline: frozenset[str]  # exact bodies of inline scripts

    @classmethod
    def for_site(cls, base_path: str, asset_names: Iterable[str],
                 template_texts: Iterable[str]) -> ScriptPolicy:
        sources = {f"{base_path}assets/{name}" for name in asset_names if name.endswith(".js")}
        sources.update(f"{base_path}pagefind/{name}" for name in PAGEFIND_SCRIPTS)
        inline = {body for text in template_texts for body in _THEME_SCRIPT_RE.findall(text)
                  if not any(mark in body for mark in ("{{", "{%", "{#", "<"))}
        return cls(frozenset(sources), frozenset(inline))

    def allowed_elements(self) -> re.Pattern[bytes]:
        """The theme's own script elements, exactly as its templates write them."""
        forms = [re.escape(f"<script>{body}</script>".encode()) for body in sorted(self.inline)]
        forms += [re.escape(f'<script src="{src}"'.encode()) + rb"(?: defer| async)?></script>"
                  for src in sorted(self.sources)]
        forms.append(re.escape(f'<script type="{JSON_LD}">'.encode()) + rb"[^<]*</script>")
        return re.compile(b"|".join(forms))


def theme_policy(base_path: str) -> ScriptPolicy:
    from detente.pages.assets import theme_assets, theme_templates

    return ScriptPolicy.for_site(base_path, [name for name, _ in theme_assets()],
                                 [text for _, text in theme_templates()])


def url_scheme(value: str) -> str:
    """The scheme a browser reads in an attribute value (already entity-decoded), lowercase;
    '' for a relative URL. Browsers strip leading and trailing C0 controls and spaces and
    drop every tab and newline before they look."""
    text = value.strip(_C0_AND_SPACE).replace("\t", "").replace("\n", "").replace("\r", "")
    match = _SCHEME_RE.match(text)
    return match.group(1).lower() if match else ""


def _list_urls(name: str, value: str) -> list[str]:
    if name.endswith("srcset"):
        return [candidate.strip(_C0_AND_SPACE).split(" ")[0]
                for candidate in value.split(",")]
    return value.split()


class _Parser(HTMLParser):
    def __init__(self, path: str, policy: ScriptPolicy) -> None:
        super().__init__(convert_charrefs=False)
        self.path = path
        self.policy = policy
        self.findings: list[Finding] = []
        self.script: tuple[str, int, int] | None = None  # allowed kind, where it started
        self.script_body: list[str] = []

    def report(self, message: str, at: tuple[int, int] | None = None) -> None:
        line, offset = at if at is not None else self.getpos()
        self.findings.append(Finding(self.path, line, offset + 1, message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        local = tag.rsplit(":", 1)[-1]
        if local in FORBIDDEN_ELEMENTS:
            self.report(f"<{tag}> element")
        if local == "script":
            self.start_script(tag, attrs)
        if local == "meta":
            equiv = dict(attrs).get("http-equiv")
            if equiv is not None and equiv.strip().lower() != "content-type":
                self.report(f"<meta http-equiv=\"{equiv}\">")
        for name, value in attrs:
            self.attribute(tag, name, value or "")

    def attribute(self, tag: str, name: str, value: str) -> None:
        local = name.rsplit(":", 1)[-1]
        if local.startswith("on"):
            self.report(f"event-handler attribute '{name}' on <{tag}>")
        elif local == "style" and not STYLE_RE.fullmatch(value):
            self.report(f"style attribute on <{tag}>: {_shown(value)}")
        elif local in URL_ATTRIBUTES or name in URL_ATTRIBUTES or local in URL_LIST_ATTRIBUTES:
            urls = _list_urls(local, value) if local in URL_LIST_ATTRIBUTES else [value]
            for url in urls:
                scheme = url_scheme(url)
                if scheme and scheme not in SAFE_SCHEMES:
                    self.report(f"{name}={_shown(url)} on <{tag}>: a {scheme}: URL")

    def start_script(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        line, offset = self.getpos()
        kind = ""
        if set(values) == {"type"} and (values["type"] or "").strip().lower() == JSON_LD:
            kind = "data"
        elif set(values) <= {"src", "defer", "async"} and values.get("src") in \
                self.policy.sources:
            kind = "file"
        elif not values:
            kind = "inline"
        else:
            src = values.get("src")
            self.report(f"<{tag}> not from the theme" + (f" (src={_shown(src)})" if src else ""))
        self.script = (kind, line, offset)
        self.script_body = []

    def handle_endtag(self, tag: str) -> None:
        if tag.rsplit(":", 1)[-1] == "script" and self.script is not None:
            self.end_script()

    def end_script(self) -> None:
        assert self.script is not None
        kind, line, offset = self.script
        body = "".join(self.script_body)
        if kind == "inline" and body not in self.policy.inline:
            self.report("inline <script> not from the theme", (line, offset))
        elif kind == "file" and body.strip():
            self.report("<script src> with a body", (line, offset))
        elif kind == "data" and "<" in body:
            self.report("JSON-LD <script> holding '<'", (line, offset))
        self.script = None

    def handle_data(self, data: str) -> None:
        if self.cdata_elem is not None:
            self.script_body.append(data)
        elif "<" in data:
            self.report("markup the scanner cannot read (a raw '<' in text)")

    def handle_comment(self, data: str) -> None:
        if "--!>" in data or data.startswith((">", "->")):
            self.report("an HTML comment that browsers end early")

    def unknown_decl(self, data: str) -> None:
        self.report("a CDATA or marked section")

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """html.parser raises on a marked section it has no name for (`<![x`); browsers
        read it as a bogus comment up to the next '>'. A finding either way."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.report("a CDATA or marked section")
            end = self.rawdata.find(">", i + 3)
            return len(self.rawdata) if end < 0 else end + 1

    def handle_pi(self, data: str) -> None:
        if not data.startswith("xml "):
            self.report(f"processing instruction {_shown('<?' + data + '>')}")

    def finish(self) -> list[Finding]:
        self.close()
        if self.script is not None:
            self.report("unclosed <script>", self.script[1:])
            self.script = None
        return self.findings


def _shown(value: str) -> str:
    text = value if len(value) <= 60 else value[:57] + "..."
    return '"' + text.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'


def scan_text(path: str, text: str, policy: ScriptPolicy) -> list[Finding]:
    """Every finding in one file's text (parsed in full)."""
    parser = _Parser(path, policy)
    parser.feed(text)
    return parser.finish()


def quick_clear(data: bytes, allowed: re.Pattern[bytes]) -> bool:
    """True when an HTML page's bytes hold nothing that could run script or embed content
    (most pages): then the parser need not read them."""
    lowered = allowed.sub(b"", data).lower()
    return not (any(pattern.search(lowered) for pattern in _QUICK_RES)
                or _RARE_REVERSED_RE.search(lowered[::-1]))


def scan_bytes(name: str, data: bytes, policy: ScriptPolicy,
               allowed: re.Pattern[bytes]) -> list[Finding]:
    if quick_clear(data, allowed):
        return []
    return scan_text(name, data.decode("utf-8", "replace"), policy)


class OutputScanner:
    """Scans the output of one site (its base path fixes the theme's script addresses)."""

    def __init__(self, base_path: str) -> None:
        self.policy = theme_policy(base_path)
        self.allowed = self.policy.allowed_elements()

    def file(self, name: str, data: bytes) -> list[Finding]:
        """Findings in one output file; files that are not HTML, SVG or XML have none."""
        if not name.lower().endswith(SCANNED_SUFFIXES):
            return []
        return scan_bytes(name, data, self.policy, self.allowed)

    def files(self, root: Path, names: Iterable[str]) -> list[Finding]:
        """The files `names` (relative to `root`); symlinks are not followed."""
        findings: list[Finding] = []
        for name in sorted(names):
            if name.lower().endswith(SCANNED_SUFFIXES):
                path = root / name
                if not path.is_symlink():
                    findings.extend(self.file(name, path.read_bytes()))
        return findings


MAX_SHOWN = 50
HINT = ("raw HTML in the content (markdown: {allow_html: true}) or a template wrote this; "
        "Detente refuses to publish anything that could run script in readers' browsers")


def fail_on(findings: list[Finding], shown_as: str) -> None:
    """Fail closed: a ContentError with a diagnostic per finding (at most MAX_SHOWN), each
    at the file's path under `shown_as` (the output folder's name)."""
    if not findings:
        return
    diagnostics = [Diagnostic(Severity.ERROR,
                              SourceSpan(f"{shown_as}/{f.path}", f.line, f.column),
                              f"unsafe output: {f.message}", HINT)
                   for f in findings[:MAX_SHOWN]]
    if len(findings) > MAX_SHOWN:
        diagnostics.append(Diagnostic(Severity.ERROR, SourceSpan(shown_as),
                                      f"unsafe output: {len(findings) - MAX_SHOWN} more "
                                      "finding(s) not shown", HINT))
    raise ContentError(diagnostics)


def check_output(root: Path, base_path: str, names: Iterable[str],
                 shown_as: str = "site", found: Iterable[Finding] = ()) -> None:
    """The build's scan of its staging folder before the swap: the files `names` (all the
    build wrote there but pages carried over from a build that scanned them and pages
    scanned as they were rendered, whose findings are `found`)."""
    fail_on(sorted([*found, *OutputScanner(base_path).files(root, names)],
                   key=lambda f: (f.path, f.line, f.column)), shown_as)
