"""Views → HTML bytes, in memory. The site's own templates override the built-in theme."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, cast

import jinja2
from markupsafe import Markup

from detente.content.config import load_config
from detente.content.diagnostics import DetenteError, Diagnostics
from detente.content.markdown import make_markdown, render_template
from detente.content.model import Site, SiteReader
from detente.content.routes import nav_path, output_file
from detente.pages.assets import THEME
from detente.pages.compiled import COMPILED
from detente.pages.head import head_view
from detente.pages.languages import search_languages
from detente.pages.locale import PageLocale, capitalized, page_locale
from detente.pages.page import PageKey, build_page
from detente.pages.share import SHARE_TEMPLATE, share_card
from detente.pages.shareimage import share_png
from detente.pages.views import LinkView, ViewBuilder
from detente.pages.words import nav_name, script_words, vocabulary_word

_BLOCK = ("article|aside|blockquote|caption|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|"
          "header|li|nav|ol|p|section|table|tbody|td|th|thead|tr|ul")
# A block's end tag right before another block's start tag: a newline between them changes
# nothing a browser shows, and keeps the words apart for a search indexer, which reads the
# text as written ("Claimed by" + "Russia" was "Claimed byRussia").
_BLOCKS_TOUCHING = re.compile(rf"(</(?:{_BLOCK})>)(?=<(?:/?)(?:{_BLOCK})[\s>])")


@dataclass(frozen=True, slots=True)
class SiteView:
    """What every template sees as `site`."""

    title: str
    description: str
    language: str  # the pages' language
    base_path: str  # where this language's pages are
    base_url: str
    nav: tuple[LinkView, ...]
    direction: str = "ltr"
    root_path: str = "/"  # where the files every language shares are: assets/, pagefind/


def make_environment(project: Path, language: str | None = None) -> jinja2.Environment:
    """A site template wins over the theme's of the same name; 'theme/<name>' is always the
    theme's own, so an override can extend the template it replaces and change one block.
    The theme's words are those of `language` (None: the site's `language:`)."""
    theme = jinja2.FileSystemLoader(str(THEME / "templates"))
    loaders: list[jinja2.BaseLoader] = [jinja2.PrefixLoader({"theme": theme})]
    overrides = project / "templates"
    if overrides.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(overrides)))
    loaders.append(theme)
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=COMPILED,
    )
    locale = page_locale(language or _site_language(project), project)
    cast("_GettextEnvironment", env).install_gettext_translations(locale.translations,
                                                                 newstyle=True)
    env.globals.update(page_lang=locale.language, page_dir=locale.direction)
    env.filters["number"] = locale.number
    env.filters["capitalized"] = capitalized
    env.filters["word"] = lambda value, context: vocabulary_word(locale, context, value)
    env.globals["script_words"] = lambda part: _single_quoted(script_words(locale, part))
    env.globals["search_languages"] = search_languages
    return env


def _single_quoted(text: str) -> Markup:
    """Text for an attribute in single quotes: JSON's double quotes stay as they are."""
    return Markup(text.replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;"))


class _GettextEnvironment(Protocol):
    """What jinja2.ext.i18n adds to an environment (at run time, so typing cannot see it)."""

    def install_gettext_translations(self, translations: object, newstyle: bool) -> None: ...


def _site_language(project: Path) -> str:
    """The `language:` of the project's detente.yaml ('en' where it cannot be read)."""
    config = load_config(project, Diagnostics())
    return config.language if config is not None else "en"


def site_view(site: Site, locale: PageLocale | None = None) -> SiteView:
    """`locale`: the language the nav is named in (None: the site's, in the theme's words)."""
    config = site.config
    if locale is None:
        locale = page_locale(config.lang, None)
    page_ids = {p.id for p in site.by_kind["pages"]}
    nav = []
    for name in config.nav:
        path = nav_path(name, page_ids)
        if path is not None:
            page = site.entities.get(name)
            label = (page.label if page is not None and page.kind == "pages" else
                     locale.gettext(nav_name(name)))
            nav.append(LinkView(label, config.base_path + path, ""))
    return SiteView(config.title, config.description, config.lang, config.base_path,
                    config.base_url, tuple(nav), locale.direction, config.root_path)


class MarkdownCache(Protocol):
    """Where rendered Markdown may come from instead of being rendered again."""

    def html(self, text: str, render: Callable[[str], str]) -> str:
        """The HTML of `text`: remembered, or made by `render` (and remembered)."""
        ...


class Renderer:
    """Renders pages of one site; built once per process."""

    def __init__(self, site: Site, project: Path,
                 markdown_cache: MarkdownCache | None = None, language: str | None = None) -> None:
        """`language`: the language of the pages (None: the Site's own: the default
        language's, or a translation's)."""
        self.site = site
        self.project = project
        self.language = language or site.config.lang
        self.locale = page_locale(self.language, project)
        self.env = make_environment(project, self.language)
        md = make_markdown(site.config.allow_html)
        self.markdown: Callable[[str], str] = (
            (lambda text: render_template(md, text)) if markdown_cache is None else
            (lambda text: markdown_cache.html(text, lambda t: render_template(md, t))))
        self.env.globals["site"] = site_view(site, self.locale)
        # Link views shared by the pages of one Site (see ViewBuilder); `serve` patches an
        # edit into a new Site and hands it to this renderer: then they are made anew.
        self._links: dict[str, LinkView] = {}
        self._memo: dict[str, object] = {}
        self._links_site = site

    def render(self, key: PageKey, reader: SiteReader | None = None) -> tuple[str, bytes]:
        """The page's output file and bytes. `reader`: what the page reads the Site
        through (the Site itself when None; a dependency tracker for incremental builds)."""
        if self._links_site is not self.site:
            self._links, self._memo, self._links_site = {}, {}, self.site
        builder = ViewBuilder(reader if reader is not None else self.site, self.markdown,
                              self._links, self._memo, self.locale)
        if key.template == SHARE_TEMPLATE:
            return key.path, share_png(share_card(key.page, key.entity_id, key.kind, builder))
        view = build_page(key, builder)
        meta = head_view(key, view, builder.site)
        try:
            template = self.env.get_template(key.template)
            html = _BLOCKS_TOUCHING.sub("\\1\n", template.render(page=view, path=key.path,
                                                                 meta=meta))
        except jinja2.TemplateError as exc:
            # A plain message (it crosses process boundaries), at the template's own line.
            raise DetenteError(f"{_template_line(exc, self.project)}: template error: "
                               f"{exc.message} (rendering /{key.path})") from None
        return output_file(key.path), html.encode("utf-8")


def _template_line(exc: jinja2.TemplateError, project: Path) -> str:
    """'templates/x.html:3' (or 'theme/x.html:3' for the built-in theme's own)."""
    where: tuple[str, int] | None = None
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        where = (exc.filename, exc.lineno)
    else:
        trace = exc.__traceback__
        while trace is not None:
            name = trace.tb_frame.f_code.co_filename
            if name.endswith(".html"):
                where = (name, trace.tb_lineno)  # the innermost template frame wins
            trace = trace.tb_next
    if where is None:
        return "templates"
    path = Path(where[0]).resolve()
    if path.is_relative_to(project.resolve()):
        shown = path.relative_to(project.resolve()).as_posix()
    else:
        shown = "theme/" + path.name
    return f"{shown}:{where[1]}"
