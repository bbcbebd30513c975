"""A page's translations: the same path in every language the site is published in, for
`hreflang` alternates and the language switcher."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from detente.content.config import SiteConfig

# Each language's name in itself, as a switcher shows it (a reader looks for their own).
AUTONYMS = {"en": "English", "uk": "Українська", "ru": "Русский", "fr": "Français",
            "de": "Deutsch", "es": "Español", "ar": "العربية", "he": "עברית", "fa": "فارسی",
            "ur": "اردو", "pl": "Polski", "it": "Italiano", "pt": "Português", "tr": "Türkçe",
            "zh": "中文", "ja": "日本語"}


@dataclass(frozen=True, slots=True)
class Alternate:
    lang: str
    name: str  # the language's own name
    url: str  # the page in that language: a full address where the site has a host
    path: str  # the same, as a path (the switcher's link)
    current: bool  # the language of the page itself


def autonym(lang: str) -> str:
    return AUTONYMS.get(lang, AUTONYMS.get(lang.split("-")[0], lang))


def alternates(config: SiteConfig, path: str) -> tuple[Alternate, ...]:
    """The page at `path` (below its language's root) in each language; () on a site of one
    language."""
    languages = config.published_languages
    if len(languages) < 2:
        return ()
    root = config.root_url or config.base_url
    parts = urlsplit(root)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    out = []
    for lang in languages:
        own = config.root_path + ("" if lang == config.language else f"{lang}/") + path
        out.append(Alternate(lang, autonym(lang), origin + own, own, lang == config.lang))
    return tuple(out)


def search_languages(search_page: tuple[Alternate, ...]) -> list[dict[str, str]]:
    """Each language, its name and where its pages are, for the search page's "all
    languages": the script tells a result's language by the address it starts with."""
    return [{"lang": alt.lang, "name": alt.name, "root": alt.path.removesuffix("search/")}
            for alt in search_page]
