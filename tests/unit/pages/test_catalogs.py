"""The theme's catalogs: the template holds every string the theme's templates and code mark,
and every shipped language translates all of them, validly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from detente.pages.locale import catalog_path, theme_root

REPO = Path(__file__).resolve().parents[3]
LOCALES = theme_root() / "locales"
SHIPPED = ("en", "uk", "ru", "fr", "de", "es", "ar", "he")
# As babel.cfg's command line says (docs/translating-theme.md).
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
            "N_": None, "NN_": (1, 2), "NP_": ((1, "c"), 2), "count": (1, 2)}
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s")
TAG = re.compile(r"</?[a-z]+[^>]*>")


def _key(message: Message) -> tuple[str | None, str]:
    msgid = message.id[0] if isinstance(message.id, tuple | list) else message.id
    return message.context, msgid


def _template() -> Catalog:
    with (LOCALES / "messages.pot").open("rb") as pot:
        return read_po(pot)


def test_the_template_holds_every_marked_string_and_no_other() -> None:
    with (REPO / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = {(context, message[0] if isinstance(message, tuple) else message)
             for _, _, message, _, context in extract_from_dir(
                 str(REPO), method_map, options_map, keywords=KEYWORDS)}
    in_template = {_key(m) for m in _template() if m.id}
    assert found - in_template == set(), "run the pybabel extract of babel.cfg"
    assert in_template - found == set(), "strings no longer used: extract again"
    assert len(found) > 200


@pytest.mark.parametrize("language", SHIPPED)
def test_every_shipped_catalog_is_complete_and_valid(language: str) -> None:
    with catalog_path(theme_root(), language).open("rb") as po:
        catalog = read_po(po, abort_invalid=True)
    plural = get_plural(language)
    assert catalog.num_plurals == plural.num_plurals
    assert catalog.plural_expr.replace(" ", "") == plural.plural_expr.replace(" ", "")
    translated = {_key(m): m for m in catalog if m.id}
    template = [m for m in _template() if m.id]
    missing = [_key(m) for m in template if _key(m) not in translated]
    assert missing == []
    assert sorted(set(translated) - {_key(m) for m in template}) == []  # nothing obsolete
    for expected in template:
        message = translated[_key(expected)]
        assert not message.fuzzy, message.id
        _check_translation(expected, message)


def _check_translation(expected: Message, message: Message) -> None:
    if isinstance(expected.id, tuple | list):
        forms = list(message.string)
        assert all(forms), message.id
        singular, plural = (set(PLACEHOLDER.findall(i)) for i in expected.id)
        for form in forms:  # a form may say "one" or "two" in words, but adds no placeholder
            assert set(PLACEHOLDER.findall(form)) <= singular | plural, (message.id, form)
            _same_markup(expected.id[1], form)
        assert set(PLACEHOLDER.findall(forms[-1])) == plural, message.id
        return
    assert message.string, message.id
    assert sorted(PLACEHOLDER.findall(message.string)) == \
        sorted(PLACEHOLDER.findall(expected.id)), message.id
    _same_markup(expected.id, message.string)


def _same_markup(msgid: str, msgstr: str) -> None:
    """A translation is markup (newstyle gettext): it keeps the original's tags, and has no
    quote mark of its own that could end an attribute it is written into."""
    assert sorted(TAG.findall(msgstr)) == sorted(TAG.findall(msgid)), msgstr
    assert msgstr.count('"') == msgid.count('"'), msgstr
    assert "<" not in TAG.sub("", msgstr) and ">" not in TAG.sub("", msgstr), msgstr
