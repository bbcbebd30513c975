"""The translation settings of `detente.yaml`: `languages:`, `translations:` and `i18n:`."""

from __future__ import annotations

import re

from detente.content.diagnostics import Diagnostics, did_you_mean
from detente.content.yamlnodes import Mapping, Node, Scalar, Seq

LANGUAGE_RE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")
RIGHT_TO_LEFT = frozenset({"ar", "he", "fa", "ur"})
MISSING = ("ignore", "warn", "error")
SITE_TEXTS = ("title", "description")


def direction(language: str) -> str:
    """'rtl' for the right-to-left languages (by their primary subtag), else 'ltr'."""
    return "rtl" if language.split("-")[0] in RIGHT_TO_LEFT else "ltr"


def language_settings(root: Mapping, values: dict[str, object],
                      diagnostics: Diagnostics) -> dict[str, object]:
    """`languages`, `translations` and `i18n` → SiteConfig fields. `values` holds the
    settings read so far (`language` among them, when set)."""
    out: dict[str, object] = {}
    node = root.get("languages")
    if node is not None:
        languages = _languages(node, diagnostics)
        if languages:
            default = values.get("language")
            if default is None:
                out["language"] = default = languages[0]
            if languages[0] != default:
                diagnostics.error(node.span, f"the first of 'languages' is the default "
                                  f"language, '{default}' (set by 'language:')",
                                  f"write [{', '.join(_default_first(languages, str(default)))}]")
            out["languages"] = languages
    listed = out.get("languages")
    published = listed if isinstance(listed, tuple) and listed else \
        (str(values.get("language", "en")),)
    texts = root.get("translations")
    if texts is not None:
        out["translations"] = _translations(texts, published, diagnostics)
    i18n = root.get("i18n")
    if i18n is not None:
        missing = _missing(i18n, diagnostics)
        if missing is not None:
            out["missing"] = missing
    return out


def _default_first(languages: tuple[str, ...], default: str) -> list[str]:
    return [default, *(lang for lang in languages if lang != default)]


def _languages(node: Node, diagnostics: Diagnostics) -> tuple[str, ...]:
    if not isinstance(node, Seq) or not node.items or \
            not all(isinstance(i, Scalar) and not i.is_null for i in node.items):
        diagnostics.error(node.span, "'languages' takes a list of language tags, "
                          "the default first", "e.g. [en, uk, ar]")
        return ()
    seen: list[str] = []
    for item in node.items:
        assert isinstance(item, Scalar)
        if not LANGUAGE_RE.match(item.text):
            diagnostics.error(item.span, f"'{item.text}' is not a language tag",
                              "e.g. en, uk, ar, pt-BR")
        elif item.text in seen:
            diagnostics.error(item.span, f"'{item.text}' is listed twice in 'languages'",
                              "list each language once")
        else:
            seen.append(item.text)
    return tuple(seen) if len(seen) == len(node.items) else ()


def _translations(node: Node, languages: tuple[str, ...],
                  diagnostics: Diagnostics) -> tuple[tuple[str, str, str], ...]:
    if not isinstance(node, Mapping):
        diagnostics.error(node.span, "'translations' takes a mapping of languages to the "
                          "site's title and description in each",
                          "e.g. {uk: {title: ..., description: ...}}")
        return ()
    out: list[tuple[str, str, str]] = []
    for lang, entry in node.entries.items():
        if lang not in languages[1:]:
            hint = ("the default language's are 'title:' and 'description:'"
                    if lang == languages[0] else
                    did_you_mean(lang, languages[1:]) or
                    f"add '{lang}' to 'languages', or translate into: "
                    + (", ".join(languages[1:]) or "(no other language)"))
            diagnostics.error(entry.key_span, f"'{lang}' is not one of the site's other "
                              "languages", hint)
            continue
        texts = _site_texts(entry.value, lang, diagnostics)
        if texts is not None:
            out.append((lang, texts.get("title", ""), texts.get("description", "")))
    return tuple(out)


def _site_texts(node: Node, lang: str, diagnostics: Diagnostics) -> dict[str, str] | None:
    if not isinstance(node, Mapping):
        diagnostics.error(node.span, f"'{lang}' takes a mapping of the site's texts",
                          "e.g. {title: ..., description: ...}")
        return None
    texts: dict[str, str] = {}
    for key, entry in node.entries.items():
        value = entry.value
        if key not in SITE_TEXTS:
            diagnostics.error(entry.key_span, f"'{key}' is not a translatable setting",
                              did_you_mean(key, SITE_TEXTS) or
                              "the translatable settings are: title, description")
        elif not isinstance(value, Scalar) or value.is_null:
            diagnostics.error(value.span, f"'{key}' takes text")
        else:
            texts[key] = value.text
    return texts


def _missing(node: Node, diagnostics: Diagnostics) -> str | None:
    if not isinstance(node, Mapping):
        diagnostics.error(node.span, "'i18n' takes a mapping, e.g. {missing: warn}")
        return None
    missing: str | None = None
    for key, entry in node.entries.items():
        value = entry.value
        if key != "missing":
            diagnostics.error(entry.key_span, f"unknown i18n setting '{key}'",
                              "the setting is: missing")
        elif isinstance(value, Scalar) and value.text in MISSING:
            missing = value.text
        else:
            diagnostics.error(value.span, "'missing' takes ignore, warn or error",
                              did_you_mean(value.text, MISSING)
                              if isinstance(value, Scalar) else "")
    return missing
