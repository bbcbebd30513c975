"""Markdown/HTML injection through every editor-controlled field (guarantees 1 and 2).

One site carries a hostile payload in every text field at once; each test then finds that
field's value on its entity's page escaped exactly, and no page holds anything that could
run (the build's own scan passed, and html5lib's reading agrees). Fields with a format of
their own (colours, URLs, ids) refuse hostile values at file:line:col. Raw HTML that a site
lets through (`allow_html: true`) is stopped by the post-build scan, which fails the build.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from detente.build.scan import OutputScanner, quick_clear, scan_text, theme_policy
from tests.helpers.sites import GOLDEN
from tests.security import kit
from tests.security.independent import site_dangers

# Script in several spellings, template syntax, and every character HTML gives meaning to.
PAYLOAD = ('<script>alert("{field}")</script><img src=x onerror=alert(1)>'
           "{{{{ 7*7 }}}}{{% if true %}}J{{% endif %}} & 'q'")
TEXT_FIELDS = [f for f in kit.DEFAULTS if not f.endswith(
    ("summary", "body", "account", ".color", "url"))]
MARKDOWN_FIELDS = [f for f in kit.DEFAULTS if f.endswith(("summary", "body", "account"))
                   and f != "home.body"]


def payload(field: str) -> str:
    return PAYLOAD.format(field=field)


def jinja_escaped(text: str) -> str:
    """How Jinja's autoescape writes text into HTML (markupsafe)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;").replace("'", "&#39;"))


def markdown_escaped(text: str) -> str:
    """How the Markdown renderer writes text: ' is left alone, " is &quot;."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("hostile")
    values = {field: payload(field) for field in TEXT_FIELDS + MARKDOWN_FIELDS}
    values["home.body"] = payload("home.body") + " [[water-plan]] [@readout]"
    project = kit.write_site(root / "project", values)
    out = root / "site"
    return out, kit.build_pages(project, out)


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_text_field_is_escaped_on_its_page(hostile: tuple[Path, dict[str, str]],
                                           field: str) -> None:
    _out, pages = hostile
    page = pages[kit.PAGE_OF[field.split(".")[0]]]
    assert jinja_escaped(payload(field)) in page
    assert f'<script>alert("{field}")' not in "".join(pages.values())


@pytest.mark.parametrize("field", MARKDOWN_FIELDS)
def test_markdown_field_is_escaped_on_its_page(hostile: tuple[Path, dict[str, str]],
                                               field: str) -> None:
    _out, pages = hostile
    page = pages[kit.PAGE_OF[field.split(".")[0]]]
    assert f"<p>{markdown_escaped(payload(field))}</p>" in page
    assert f'<script>alert("{field}")' not in "".join(pages.values())


def test_no_page_holds_script_by_an_independent_reading(
        hostile: tuple[Path, dict[str, str]]) -> None:
    out, _pages = hostile
    assert site_dangers(out, kit.BASE) == {}
    names = [p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()]
    assert OutputScanner(kit.BASE).files(out, names) == []


def test_template_syntax_in_content_is_shown_not_run(
        hostile: tuple[Path, dict[str, str]]) -> None:
    _out, pages = hostile
    home = pages["index.html"]
    assert "<p>&lt;script&gt;alert(&quot;home.body&quot;)&lt;/script&gt;&lt;img src=x " \
           "onerror=alert(1)&gt;{{ 7*7 }}{% if true %}J{% endif %} &amp; 'q' " in home
    for page in pages.values():  # wherever it shows, it shows as written: never 49 or J
        assert page.count("7*7") == page.count("{{ 7*7 }}")
        assert page.count("J{% endif %}") == page.count("{% if true %}J{% endif %}")


def test_json_ld_keeps_the_title_exactly_and_cannot_end_its_element(
        hostile: tuple[Path, dict[str, str]]) -> None:
    _out, pages = hostile
    page = pages["parties/northern-union/index.html"]
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page)
    assert block is not None and "<" not in block.group(1)
    assert "\\u003cscript\\u003ealert" in block.group(1)
    assert json.loads(block.group(1))["name"] == payload("party.name")


def test_feed_escapes_titles_as_xml(hostile: tuple[Path, dict[str, str]]) -> None:
    _out, pages = hostile
    assert "&lt;script&gt;alert(\"event.title\")&lt;/script&gt;" in pages["feed.xml"]
    assert "<script>" not in pages["feed.xml"]


def test_open_data_keeps_every_payload_exactly(hostile: tuple[Path, dict[str, str]]) -> None:
    _out, pages = hostile
    data = json.loads(pages["data/site.json"])
    assert payload("party.name") in [p["name"] for p in data["entities"]["parties"]]
    assert data["site"]["title"] == payload("site.title")


# ---------------------------------------------------------------- formatted fields refuse
@pytest.mark.parametrize(("field", "value", "where", "message"), [
    ("party.color", '#fff" onmouseover="alert(1)', "content/parties/parties.yaml:7:10",
     "'#fff\" onmouseover=\"alert(1)' is not a colour"),
    ("party.color", "red;background:url(javascript:alert(1))",
     "content/parties/parties.yaml:7:10",
     "'red;background:url(javascript:alert(1))' is not a colour"),
    ("party.color", "#1f77b4;x:url(a)", "content/parties/parties.yaml:7:10",
     "'#1f77b4;x:url(a)' is not a colour"),
    ("party.link_url", "javascript:alert(1)", "content/parties/parties.yaml:11:12",
     "'javascript:alert(1)' is not an http or https address"),
    ("party.link_url", "JAVASCRIPT:alert(1)", "content/parties/parties.yaml:11:12",
     "'JAVASCRIPT:alert(1)' is not an http or https address"),
    ("party.link_url", "data:text/html,<script>alert(1)</script>",
     "content/parties/parties.yaml:11:12",
     "'data:text/html,<script>alert(1)</script>' is not an http or https address"),
    ("party.link_url", "vbscript:msgbox(1)", "content/parties/parties.yaml:11:12",
     "'vbscript:msgbox(1)' is not an http or https address"),
    ("party.link_url", "//evil.example/", "content/parties/parties.yaml:11:12",
     "'//evil.example/' is not an http or https address"),
    ("party.link_url", " https://union.example/", "content/parties/parties.yaml:11:12",
     "' https://union.example/' contains spaces or control characters"),
    ("party.link_url", "java\tscript:alert(1)", "content/parties/parties.yaml:11:12",
     "'java\tscript:alert(1)' contains spaces or control characters"),
    ("source.url", "javascript://union.example/%0aalert(1)", "content/sources/sources.yaml:4:8",
     "'javascript://union.example/%0aalert(1)' is not an http or https address"),
    ("source.url", "file:///etc/passwd", "content/sources/sources.yaml:4:8",
     "'file:///etc/passwd' is not an http or https address"),
])
def test_formatted_fields_refuse_hostile_values(tmp_path: Path, field: str, value: str,
                                                where: str, message: str) -> None:
    project = kit.write_site(tmp_path, {field: value})
    assert kit.problems(project) == [f"{where}: error: {message}"]


def test_a_quote_in_an_http_url_stays_inside_the_attribute(tmp_path: Path) -> None:
    url = 'https://union.example/"onmouseover="alert(1)'
    pages = kit.built(tmp_path, {"party.link_url": url})
    assert ('<a href="https://union.example/&#34;onmouseover=&#34;alert(1)" '
            'rel="external noopener">') in pages["parties/northern-union/index.html"]


@pytest.mark.parametrize(("setting", "message"), [
    ('base_url: "javascript:alert(1)//"',
     "detente.yaml:3:11: error: base_url 'javascript:alert(1)//' is not an http(s) address "
     "or a path"),
    ('base_url: "https://example.org/a\\"><script>alert(1)</script>/"',
     "detente.yaml:3:11: error: base_url 'https://example.org/a\"><script>alert(1)</script>/' "
     "holds characters a URL may not"),
    ('base_url: "https://example.org/a b/"',
     "detente.yaml:3:11: error: base_url 'https://example.org/a b/' holds characters a URL "
     "may not"),
])
def test_base_url_refuses_what_is_not_an_address(tmp_path: Path, setting: str,
                                                 message: str) -> None:
    project = kit.write_site(tmp_path)
    config = (project / "detente.yaml").read_text().replace(f"base_url: {kit.BASE_URL}",
                                                            setting)
    (project / "detente.yaml").write_text(config)
    assert kit.problems(project) == [message]


@pytest.mark.parametrize(("body", "message"), [
    ("[[<script>alert(1)</script>]]",
     "content/pages/index.md:1:1: error: [[<script>alert(1)</script>]] is not the id of "
     "any entity"),
    ('[[water-plan"><img src=x onerror=alert(1)>]]',
     "content/pages/index.md:1:1: error: [[water-plan\"><img src=x onerror=alert(1)>]] is "
     "not the id of any entity"),
    ("[@readout onerror=alert(1)]", None),  # not a citation (a space): plain text
])
def test_ids_in_references_are_ids_or_errors(tmp_path: Path, body: str,
                                             message: str | None) -> None:
    project = kit.write_site(tmp_path / "p", {"home.body": body})
    if message is not None:
        assert kit.problems(project) == [message]
        return
    pages = kit.build_pages(project, tmp_path / "out")
    assert "<p>[@readout onerror=alert(1)]</p>" in pages["index.html"]


def test_reference_text_is_escaped(tmp_path: Path) -> None:
    body = "[[water-plan|<b onclick=alert(1)>plan</b>]]"
    pages = kit.built(tmp_path, {"home.body": body})
    assert ('<p><a href="/talks/proposals/water-plan/">&lt;b onclick=alert(1)&gt;plan'
            '&lt;/b&gt;</a></p>') in pages["index.html"]


@pytest.mark.parametrize(("field", "value", "where", "url"), [
    ("party.summary", "[x](javascript:alert(1))", "content/parties/parties.yaml:8:17",
     "javascript:alert(1)"),
    ("party.body", "See [x](JavaScript:alert(1)).", "content/parties/northern-union.md:1:9",
     "JavaScript:alert(1)"),
    ("event.body", "![pic](data:image/svg+xml;base64,PHN2Zz4=)",
     "content/events/first-round.md:1:8", "data:image/svg+xml;base64,PHN2Zz4="),
    ("page.body", "<vbscript:msgbox(1)>", "content/pages/about.md:4:2", "vbscript:msgbox(1)"),
    ("event.account", "[x](&#106;avascript:alert(1))", "content/events/first-round.yaml:16:19",
     "javascript:alert(1)"),
    ("timeline.summary", "[x][ref]\n\n[ref]: livescript:alert(1)",
     "content/timelines/talks.yaml:2:30", "livescript:alert(1)"),
])
def test_markdown_links_with_script_schemes_are_errors(tmp_path: Path, field: str,
                                                       value: str, where: str,
                                                       url: str) -> None:
    project = kit.write_site(tmp_path, {field: value})
    assert kit.problems(project) == [
        f"{where}: error: '{url}' is not an http, https, mailto or relative link"]


def test_each_dropped_link_on_a_line_is_reported_at_its_own_address(tmp_path: Path) -> None:
    """Entity-encoded schemes are decoded to compare, so each link is found where it is
    written, not where the word 'javascript' happens to stand (issue 18)."""
    body = ("Read [a](&#106;avascript:alert(1)), [b](&#x6A;avascript:alert(2)) and "
            "[c](&#74;avascript:alert(3)) on javascript.")
    project = kit.write_site(tmp_path, {"event.body": body})
    assert kit.problems(project) == [
        f"content/events/first-round.md:1:{column}: error: '{url}' is not an http, https, "
        "mailto or relative link"
        for column, url in ((10, "javascript:alert(1)"), (41, "javascript:alert(2)"),
                            (75, "Javascript:alert(3)"))]


# ---------------------------------------------------------------- raw HTML: the scan
RAW_HTML = {
    "script": ("<script>alert(1)</script>", "inline <script> not from the theme"),
    "img-onerror": ("<img src=x onerror=alert(1)>", "event-handler attribute 'onerror' on <img>"),
    "svg-onload": ("<svg onload=alert(1)></svg>", "event-handler attribute 'onload' on <svg>"),
    "iframe": ('<iframe src="https://evil.example/"></iframe>', "<iframe> element"),
    "object": ('<object data="x"></object>', "<object> element"),
    "embed": ('<embed src="x">', "<embed> element"),
    "style-element": ("<style>p{color:red}</style>", "<style> element"),
    "style-attribute": ('<p style="background:url(x)">x</p>',
                        'style attribute on <p>: "background:url(x)"'),
    "javascript-href": ('<a href="javascript:alert(1)">x</a>',
                        'href="javascript:alert(1)" on <a>: a javascript: URL'),
    "tab-in-scheme": ('<a href="jav&#x09;ascript:alert(1)">x</a>',
                      'href="jav\\tascript:alert(1)" on <a>: a javascript: URL'),
    "entity-scheme": ('<a href="&#106;avascript:alert(1)">x</a>',
                      'href="javascript:alert(1)" on <a>: a javascript: URL'),
    "data-src": ('<img src="data:image/svg+xml,x">',
                 'src="data:image/svg+xml,x" on <img>: a data: URL'),
    "form-action": ('<form action="javascript:alert(1)"></form>',
                    'action="javascript:alert(1)" on <form>: a javascript: URL'),
    "formaction": ('<button formaction="vbscript:x">b</button>',
                   'formaction="vbscript:x" on <button>: a vbscript: URL'),
    "svg-xlink": ('<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
                  'xlink:href="javascript:alert(1)" on <a>: a javascript: URL'),
    "meta-refresh": ('<meta http-equiv="refresh" content="0;url=https://evil.example/">',
                     '<meta http-equiv="refresh">'),
    "base": ('<base href="https://evil.example/">', "<base> element"),
    "comment-bang": ("<!-- --!><img src=x> -->", "an HTML comment that browsers end early"),
    "cdata": ("<![CDATA[ ><img src=x> ]]>", "a CDATA or marked section"),
    "foreign-script-src": ('<script src="https://evil.example/x.js"></script>',
                           '<script> not from the theme (src="https://evil.example/x.js")'),
}


@pytest.fixture(scope="module")
def raw_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("raw")
    project = kit.write_site(root / "project")
    config = project / "detente.yaml"
    config.write_text(config.read_text() + "markdown: {allow_html: true}\n")
    return project


@pytest.mark.parametrize("case", sorted(RAW_HTML))
def test_raw_html_that_could_run_fails_the_build(raw_site: Path, tmp_path: Path,
                                                 case: str) -> None:
    html, finding = RAW_HTML[case]
    (raw_site / "content/pages/about.md").write_text(f"---\ntitle: About\n---\n{html}\n")
    out = tmp_path / "site"
    run = kit.build(raw_site, out)
    assert run.code == 1
    first = run.stdout.splitlines()[0]
    assert re.fullmatch(rf"site/about/index\.html:\d+:\d+: error: unsafe output: "
                        rf"{re.escape(finding)}", first), first
    assert run.stderr.endswith("; nothing was written\n")
    assert not out.exists()


def test_harmless_raw_html_passes_the_scan(raw_site: Path, tmp_path: Path) -> None:
    html = ('<details><summary>More</summary><p><abbr title="x">UN</abbr> '
            '<a href="https://un.example/">UN</a></p></details>')
    (raw_site / "content/pages/about.md").write_text(f"---\ntitle: About\n---\n{html}\n")
    pages = kit.build_pages(raw_site, tmp_path / "site")
    assert html in pages["about/index.html"]


def test_a_site_template_with_its_own_script_fails_the_build(tmp_path: Path) -> None:
    project = kit.write_site(tmp_path / "p", extra={
        "templates/page.html": '{% extends "theme/page.html" %}{% block head %}'
                               '<script src="https://cdn.example/tracker.js"></script>'
                               "{% endblock %}"})
    run = kit.build(project, tmp_path / "out")
    assert run.code == 1
    assert 'unsafe output: <script> not from the theme (src="https://cdn.example/' \
           'tracker.js")' in run.stdout


@pytest.mark.parametrize(("name", "data", "finding"), [
    ("evil.html", b"<p onclick=alert(1)>x</p>", "event-handler attribute 'onclick' on <p>"),
    ("img/logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     "inline <script> not from the theme"),
    ("data.xml", b'<x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>',
     "<x:script> not from the theme"),
    ("page.xhtml", b'<html xmlns="http://www.w3.org/1999/xhtml"><a href="javascript:1">x</a>'
                   b"</html>", 'href="javascript:1" on <a>: a javascript: URL'),
])
def test_static_files_that_could_run_fail_the_build(tmp_path: Path, name: str, data: bytes,
                                                    finding: str) -> None:
    project = kit.write_site(tmp_path / "p", extra={f"static/{name}": data})
    run = kit.build(project, tmp_path / "site")
    assert run.code == 1
    assert re.match(rf"site/static/{re.escape(name)}:1:\d+: error: unsafe output: "
                    rf"{re.escape(finding)}\n", run.stdout), run.stdout


@pytest.mark.parametrize(("site", "base"), [("example", "/explainer/"), ("full", "/verrand/")])
def test_the_theme_passes_its_own_scan_fully_parsed(site: str, base: str) -> None:
    """Every golden page, parsed in full (not just cleared by the raw-text check)."""
    policy = theme_policy(base)
    allowed = policy.allowed_elements()
    pages = sorted((GOLDEN / site).rglob("*.html"))
    assert pages
    for page in pages:
        data = page.read_bytes()
        assert scan_text(page.name, data.decode(), policy) == [], page
        assert quick_clear(data, allowed), page  # the shortcut clears the theme's pages


# ---------------------------------------------------------------- content never executes
@pytest.mark.parametrize("name", ["__init__.py", "conftest.py", "setup.py", "base.html",
                                  "macros.html", "detente.yaml", "payload.pyc", "x.j2"])
def test_content_files_named_like_code_do_nothing(tmp_path: Path, name: str) -> None:
    canary = tmp_path / "ran"
    code = f"open({str(canary)!r}, 'w').write('x')\n{{{{ 7*7 }}}}\n"
    project = kit.write_site(tmp_path / "p", extra={f"content/events/{name}": code})
    lines = kit.problems(project)
    if name == "detente.yaml":  # a YAML file: an event that is not valid YAML
        assert lines and lines[0].startswith("content/events/detente.yaml:")
    else:
        assert lines == [f"content/events/{name}:1:1: error: '{name}' is neither YAML nor "
                         "Markdown"]
    assert kit.build(project, tmp_path / "out").code == 1
    assert not canary.exists()
