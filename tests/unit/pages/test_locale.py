"""Dates, numbers, plurals and words of a page language (CLDR via Babel; the theme's
catalogs and a site's own)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.content.dates import parse_date
from detente.pages.locale import page_locale
from detente.pages.render import make_environment
from detente.pages.words import script_words

DAY, MONTH, YEAR = parse_date("2025-03-18"), parse_date("2025-03"), parse_date("2025")

DATES = {  # language: (day, month, approximate month)
    "en": ("18 March 2025", "March 2025", "c. March 2025"),
    "uk": ("18 березня 2025", "березень 2025", "прибл. березень 2025"),
    "ru": ("18 марта 2025", "март 2025", "прибл. март 2025"),
    "fr": ("18 mars 2025", "mars 2025", "vers mars 2025"),
    "de": ("18. März 2025", "März 2025", "ca. März 2025"),
    "es": ("18 de marzo de 2025", "marzo de 2025", "hacia marzo de 2025"),
    "ar": ("18 مارس 2025", "مارس 2025", "نحو مارس 2025"),
    "he": ("18 במרץ 2025", "מרץ 2025", "בסביבות מרץ 2025"),
}


@pytest.mark.parametrize("language", sorted(DATES))
def test_dates_in_each_language_with_the_month_in_its_case(language: str) -> None:
    locale = page_locale(language, None)
    day, month, approximate = DATES[language]
    assert locale.date_text(DAY) == day
    assert locale.date_text(MONTH) == month
    assert locale.date_text(MONTH, approximate=True) == approximate
    assert locale.date_text(YEAR) == "2025"


def test_a_moment_keeps_its_time_and_offset() -> None:
    assert page_locale("en", None).date_text(parse_date("2025-03-18T16:00Z")) == \
        "18 March 2025, 16:00 UTC"
    assert page_locale("uk", None).date_text(parse_date("2025-03-18T16:00+02:00")) == \
        "18 березня 2025, 16:00 UTC+02:00"


def test_standalone_month_names_are_nominative() -> None:
    assert page_locale("uk", None).month_name(3) == "березень"
    assert page_locale("ru", None).month_name(3) == "март"
    assert page_locale("en", None).month_abbreviation(9) == "Sep"


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "12,345"), ("de", "12.345"), ("uk", "12\u00a0345"), ("fr", "12\u202f345"),
    ("ar", "12,345"), ("he", "12,345")])
def test_numbers(language: str, expected: str) -> None:
    assert page_locale(language, None).number(12345) == expected


@pytest.mark.parametrize(("language", "counts"), [
    ("en", {1: "1 event", 2: "2 events", 0: "0 events"}),
    ("uk", {1: "1 подія", 2: "2 події", 5: "5 подій", 11: "11 подій", 21: "21 подія",
            22: "22 події", 0: "0 подій"}),
    ("ru", {1: "1 событие", 3: "3 события", 12: "12 событий", 101: "101 событие"}),
    ("fr", {0: "0 événement", 1: "1 événement", 2: "2 événements"}),
    ("ar", {0: "لا أحداث", 1: "حدث واحد", 2: "حدثان", 3: "3 أحداث", 11: "11 حدثًا",
            100: "100 حدث"}),
    ("he", {1: "אירוע אחד", 2: "שני אירועים", 3: "3 אירועים", 20: "20 אירועים"}),
])
def test_plural_forms_follow_cldr(language: str, counts: dict[int, str]) -> None:
    locale = page_locale(language, None)
    for n, expected in counts.items():
        assert locale.count("%(num)s event", "%(num)s events", n) == expected, n


def test_direction() -> None:
    assert [page_locale(lang, None).direction for lang in ("ar", "he", "fa", "ur")] == \
        ["rtl"] * 4
    assert [page_locale(lang, None).direction for lang in ("en", "uk", "de")] == ["ltr"] * 3


def test_a_language_without_a_catalog_shows_the_theme_in_english() -> None:
    locale = page_locale("pl", None)
    assert locale.gettext("Latest events") == "Latest events"
    assert locale.date_text(DAY) == "18 marca 2025"  # CLDR still knows its dates


SITE_PO = """msgid ""
msgstr ""
"Language: uk\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
"(n%100<10 || n%100>=20) ? 1 : 2);\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Latest events"
msgstr "Найсвіжіше"

msgid "A string of the site's own"
msgstr "Рядок самого сайту"

#, fuzzy
msgid "What we know"
msgstr "Чернетка перекладу"
"""


def _site_catalog(project: Path, language: str, text: str) -> None:
    folder = project / "locales" / language / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text(text, encoding="utf-8")


def test_a_site_catalog_overrides_and_adds_and_the_theme_fills_the_rest(tmp_path: Path) -> None:
    _site_catalog(tmp_path, "uk", SITE_PO)
    locale = page_locale("uk", tmp_path)
    assert locale.gettext("Latest events") == "Найсвіжіше"
    assert locale.gettext("A string of the site's own") == "Рядок самого сайту"
    assert locale.gettext("What we know") == "Що ми знаємо"  # a fuzzy entry is not used
    assert locale.gettext("The full timeline") == "Уся хронологія"
    assert locale.count("%(num)s event", "%(num)s events", 5) == "5 подій"
    env = make_environment(tmp_path, "uk")
    assert env.from_string('{{ _("Latest events") }} · {{ page_lang }} {{ page_dir }}').render() \
        == "Найсвіжіше · uk ltr"


def test_a_site_catalog_for_a_language_the_theme_lacks(tmp_path: Path) -> None:
    _site_catalog(tmp_path, "pl", SITE_PO.replace("Language: uk", "Language: pl"))
    locale = page_locale("pl", tmp_path)
    assert locale.gettext("Latest events") == "Найсвіжіше"
    assert locale.gettext("The full timeline") == "The full timeline"


def test_plural_tables_for_the_script_name_cldr_categories() -> None:
    table = page_locale("uk", None).plural_table("%(num)s event", "%(num)s events")
    assert table == {"few": "%(num)s події", "many": "%(num)s подій", "one": "%(num)s подія",
                     "other": "%(num)s подій"}
    arabic = page_locale("ar", None).plural_table("%(num)s event", "%(num)s events")
    assert sorted(arabic) == ["few", "many", "one", "other", "two", "zero"]
    assert arabic["two"] == "حدثان"
    english = json.loads(script_words(page_locale("en", None), "search"))
    assert english["more"] == {"one": "Show %(num)s more", "other": "Show %(num)s more"}
    assert english["failed"].startswith("Search is not available")


def test_an_edited_site_catalog_is_read_again(tmp_path: Path) -> None:
    _site_catalog(tmp_path, "uk", SITE_PO)
    assert page_locale("uk", tmp_path).gettext("Latest events") == "Найсвіжіше"
    po = tmp_path / "locales" / "uk" / "LC_MESSAGES" / "messages.po"
    po.write_text(SITE_PO.replace("Найсвіжіше", "Нове за останній час"), encoding="utf-8")
    assert page_locale("uk", tmp_path).gettext("Latest events") == "Нове за останній час"
    po.unlink()
    assert page_locale("uk", tmp_path).gettext("Latest events") == "Останні події"
