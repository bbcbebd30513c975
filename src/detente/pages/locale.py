"""The words, dates and numbers of one page language: the theme's gettext catalog (with the
site's own `locales/` over it) and CLDR's month names, date patterns and plural rules.

Catalogs are `.po` files read and compiled in memory when a language is first used (a few
milliseconds): translators edit the one file, and no compiled `.mo` can go stale in git.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, get_month_names, match_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from detente.content.dates import PartialDate, Precision, format_offset
from detente.pages.assets import THEME

# Whole numbers that between them fall in every plural category CLDR has for integers.
_PLURAL_SAMPLES = (0, 1, 2, 3, 5, 11, 21, 100, 101, 1_000_000)
RIGHT_TO_LEFT = frozenset({"ar", "he", "fa", "ur"})
DOMAIN = "messages"
# A year written after a date as CLDR gives it in some languages ("2025 р.", "2025 г."): the
# theme writes the bare year, as newsrooms in those languages do in datelines.
_YEAR_SUFFIX = re.compile(r"(y+)\s*'[^']*'\.?$")


def N_(message: str) -> str:
    """Marks a string for the catalog where it is defined; it is translated where shown."""
    return message


def capitalized(text: str) -> str:
    """The first letter a capital, the rest as written ('Under negotiation')."""
    return text[:1].upper() + text[1:]


def catalog_path(root: Path, language: str) -> Path:
    return root / "locales" / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(path: Path) -> Translations:
    """A `.po` file as translations: compiled in memory; fuzzy and empty entries left out."""
    with path.open("rb") as po:
        catalog = read_po(po, abort_invalid=True)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def theme_root() -> Path:
    return Path(str(THEME))


@dataclass(frozen=True, eq=False)
class PageLocale:
    """One language's words and formats. `translations` can be installed into Jinja2."""

    language: str
    direction: str
    translations: Translations
    cldr: Locale
    _dates: dict[tuple[PartialDate, bool], str] = field(default_factory=dict, repr=False)
    _patterns: dict[str, str] = field(default_factory=dict, repr=False)

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return str(self.translations.pgettext(context, message))

    def number(self, n: int | float) -> str:
        return format_decimal(n, locale=self.cldr)

    def count(self, singular: str, plural: str, n: int) -> str:
        """'3 events': a plural message with `%(num)s`, the number in this language's digits."""
        return self.ngettext(singular, plural, n) % {"num": self.number(n)}

    def plural_table(self, singular: str, plural: str) -> dict[str, str]:
        """The message for each of CLDR's plural categories ('one', 'few', ...; always
        'other'), for a script that picks one with Intl.PluralRules."""
        table: dict[str, str] = {}
        for n in _PLURAL_SAMPLES:
            table.setdefault(str(self.cldr.plural_form(n)), self.ngettext(singular, plural, n))
        table.setdefault("other", self.ngettext(singular, plural, _PLURAL_SAMPLES[-1]))
        return dict(sorted(table.items()))

    def month_name(self, month: int) -> str:
        """'березень': the name on its own (CLDR's stand-alone form, the nominative)."""
        return str(get_month_names("wide", "stand-alone", self.cldr)[month])

    def month_abbreviation(self, month: int) -> str:
        """'Mar', 'бер.': for the timeline's narrow ticks, from the language's own table
        (international English's 'Sept' is a letter wider than the 'Sep' of 'en')."""
        return str(get_month_names("abbreviated", "stand-alone", self.cldr.language)[month])

    def date_text(self, value: PartialDate, approximate: bool = False) -> str:
        """'18 March 2025', 'березень 2025', '2025', 'c. 2025'; a moment adds its time and
        UTC offset ('18 March 2025, 16:00 UTC')."""
        key = (value, approximate)
        text = self._dates.get(key)
        if text is None:
            text = self._dates[key] = self._date_text(value, approximate)
        return text

    def _date_text(self, value: PartialDate, approximate: bool) -> str:
        if value.precision is Precision.YEAR:
            text = str(value.year)
        else:
            skeleton = "yMMMM" if value.precision is Precision.MONTH else "yMMMMd"
            text = format_date(date(value.year, value.month, value.day or 1),
                               self._pattern(skeleton), locale=self.cldr)
            if value.precision >= Precision.MINUTE:
                zone = "UTC" + (format_offset(value.offset_minutes) if value.offset_minutes
                                else "")
                text = self.gettext("%(date)s, %(time)s %(zone)s") % {
                    "date": text, "time": f"{value.hour:02d}:{value.minute:02d}",
                    "zone": zone}
        if approximate:
            return self.gettext("c. %(date)s") % {"date": text}
        return text

    def _pattern(self, skeleton: str) -> str:
        """CLDR's pattern for the skeleton in this language, without a year's suffix."""
        pattern = self._patterns.get(skeleton)
        if pattern is None:
            found = match_skeleton(skeleton, self.cldr.datetime_skeletons) or skeleton
            pattern = _YEAR_SUFFIX.sub(r"\1", str(self.cldr.datetime_skeletons[found]))
            self._patterns[skeleton] = pattern
        return pattern


def page_locale(language: str, project: Path | None) -> PageLocale:
    """The locale of `language` for the site at `project`: the theme's catalog, with the
    site's `locales/<language>/LC_MESSAGES/messages.po` adding or overriding strings (None:
    the theme's alone). Made once per process and state of the site's catalog, so `serve`
    sees an edited catalog."""
    own = None if project is None else catalog_path(project, language)
    try:
        stamp = (own.stat().st_mtime_ns, own.stat().st_size) if own is not None else None
    except OSError:
        stamp = None
    return _page_locale(language, own, stamp)


@lru_cache(maxsize=64)
def _page_locale(language: str, own: Path | None,
                 stamp: tuple[int, int] | None) -> PageLocale:
    translations = Translations(domain=DOMAIN)
    theme = catalog_path(theme_root(), language)
    if theme.is_file():
        translations = read_catalog(theme)
    if own is not None and stamp is not None and own.is_file():
        site = read_catalog(own)
        if theme.is_file():
            translations.merge(site)
        else:
            translations = site
    direction = "rtl" if language.split("-")[0].lower() in RIGHT_TO_LEFT else "ltr"
    return PageLocale(language, direction, translations, cldr_locale(language))


def cldr_locale(language: str) -> Locale:
    """CLDR's data for a language tag. Bare 'en' is CLDR's international English (en_001:
    '18 March 2025', the day first, as the theme has always written it); an unknown tag gets
    the same."""
    tag = "en_001" if language == "en" else language.replace("-", "_")
    try:
        return Locale.parse(tag)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_001")
