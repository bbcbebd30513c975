"""What goes in a page's <head> besides its title: canonical address, Open Graph and
Twitter cards, JSON-LD, and how Pagefind files the page. Templates see it as `meta`.
"""

from __future__ import annotations

from dataclasses import dataclass

from detente.content.model import SiteReader
from detente.content.routes import absolute_url
from detente.pages import jsonld
from detente.pages.languages import Alternate, alternates
from detente.pages.locale import N_
from detente.pages.page import PageKey, PageView
from detente.pages.share import share_path, wants_share_image
from detente.pages.views import label_lang

SEARCH_PATH = "search/"
FEED_PATH = "feed.xml"
# How search results are grouped: the label Pagefind filters on, per kind.
# (Translated where shown: base.html.)
SEARCH_KINDS = {"parties": N_("Parties"), "actors": N_("People"), "issues": N_("Issues"),
                "proposals": N_("Proposals"), "events": N_("Events"),
                "timelines": N_("Timelines"), "sources": N_("Sources"), "pages": N_("Pages")}
_NOT_INDEXED = ("404.html", "search.html")


@dataclass(frozen=True, slots=True)
class HeadView:
    canonical: str  # the page's full address; '' when base_url has no host
    description: str  # the page's, else the site's
    og_type: str  # 'website' or 'article'
    image: str  # the page's share picture: a full address where the site has one, or ''
    jsonld: str  # JSON text safe inside <script>, or ''
    robots: str  # 'noindex' for pages search engines should leave out, or ''
    search_kind: str  # the group label Pagefind files the page under; '' = not indexed
    kind: str  # the entity kind ('actors', ...) behind the page, or ''
    # The page in each of the site's languages (hreflang, the switcher); the default
    # language's is x-default. And the language of the title where it is a fallback.
    alternates: tuple[Alternate, ...] = ()
    title_lang: str = ""

    @property
    def x_default(self) -> str:
        return self.alternates[0].url if self.alternates else ""


def head_view(key: PageKey, view: PageView, site: SiteReader) -> HeadView:
    config = site.config
    description = view.description or config.description
    canonical = absolute_url(config, key.path) if config.origin else ""
    robots = "noindex" if key.template in _NOT_INDEXED else ""
    entity = site.entities[key.entity_id] if key.entity_id and key.path else None
    data = None
    if key.template == "home.html":
        data = jsonld.website(site, SEARCH_PATH)
    elif entity is not None:
        data = jsonld.describe(entity, site, view.description)
    # The page's own share picture (pages/share.py): a full address where the site has one.
    image = ""
    if wants_share_image(key.template):
        # (the default language's: a translation's pages share its pictures)
        image = config.origin + config.root_path + share_path(key.path)
    if key.template == "404.html":
        canonical = ""
    return HeadView(
        canonical=canonical,
        description=description,
        og_type="article" if entity is not None else "website",
        image=image,
        jsonld=jsonld.script_json(data) if data is not None else "",
        robots=robots,
        search_kind=SEARCH_KINDS.get(entity.kind, "") if entity is not None else "",
        kind=entity.kind if entity is not None else "",
        alternates=alternates(config, key.path) if key.template != "404.html" else (),
        title_lang=label_lang(entity) if entity is not None else "",
    )
