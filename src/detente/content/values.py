"""Checks for single values: ids, colours, countries, URLs, static paths."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

# Names and titles are shown wherever their entity is linked: a long one is repeated on every
# page that links it (`limits: {label_chars: N}` in detente.yaml raises it).
LABEL_KEYS = frozenset({"name", "short_name", "title", "native_name"})
MAX_LABEL_CHARS = 500
ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
MAX_ID_LENGTH = 80
COLOR_RE = re.compile(r"#[0-9a-fA-F]{6}\Z")
SAFE_SCHEMES = ("http", "https")

# ISO 3166-1 alpha-2, officially assigned codes, plus XK (Kosovo), which the EU, the
# World Bank and most newsrooms use although ISO has not assigned it.
COUNTRIES = frozenset("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO
BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ
DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP
GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG
KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML
MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE
PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL
SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM
US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK
""".split())

# Characters that change how text reads without being seen: bidirectional overrides and
# isolates, zero-width characters, the BOM. Legitimate in running RTL prose only rarely.
INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                      "\u2066\u2067\u2068\u2069\u2060\ufeff")


# C0 and C1 control characters and DEL: tab and newline are the only ones text may hold.
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_HIDDEN_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(sorted(INVISIBLE)) + "]")


def shown(text: str) -> str:
    """`text` for a message: control and invisible characters written as <U+XXXX>, so they
    can neither reorder nor restyle the line they are printed on."""
    if text.isascii() and text.isprintable():
        return text
    return _HIDDEN_RE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def control_characters(text: str) -> list[str]:
    """Names (U+XXXX) of the control characters in `text` (tab and newline allowed)."""
    return [f"U+{ord(m.group()):04X}" for m in CONTROL_RE.finditer(text)]


@lru_cache(maxsize=1 << 16)
def id_problem(text: str) -> str:
    """Why `text` is not a valid id, or '' when it is."""
    if len(text) > MAX_ID_LENGTH:
        return (f"id '{shown(text[:20])}...' is {len(text)} characters; the limit is "
                f"{MAX_ID_LENGTH}")
    if not ID_RE.match(text):
        hidden = invisible_characters(text) + control_characters(text)
        if hidden:
            return (f"'{shown(text)}' is not a valid id: it holds invisible or "
                    f"direction-changing characters ({', '.join(hidden)})")
        return f"'{text}' is not a valid id"
    return ""


# Letters that look like Latin ones in most fonts (Cyrillic, Greek) and the ASCII letter
# each passes for: an id typed on another keyboard layout looks right and is not.
LOOK_ALIKES = str.maketrans(
    "аеорсухіјѕһԁԛԝӏАВЕКМНОРСТУХІЈЅαοιкνρτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ‐‑‒–—−",
    "aeopcyxijshdqwlabekmhopctyxijsaoikvptuxabezhikmnoptyx------")


def first_foreign(text: str) -> tuple[int, str] | None:
    """The index of the first character of `text` outside ASCII, and how to name it:
    "'о' (U+043E CYRILLIC SMALL LETTER O)"."""
    for index, char in enumerate(text):
        if not char.isascii():
            name = unicodedata.name(char, "")
            return index, f"'{shown(char)}' (U+{ord(char):04X}{' ' + name if name else ''})"
    return None


def suggest_id(text: str) -> str:
    """A slug an editor probably meant: 'Vladimir Putin' → 'vladimir-putin', 'tоny' with a
    Cyrillic 'о' → 'tony'."""
    if any(char.isascii() and char.isalpha() for char in text):  # look-alikes among Latin
        text = text.translate(LOOK_ALIKES)  # letters; a word in Cyrillic is not one
    ascii_text = unicodedata.normalize("NFKD", text)
    ascii_text = ascii_text.encode("ascii", "ignore").decode()
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))
    if len(slug) > MAX_ID_LENGTH:  # cut at the last whole word that fits
        cut = slug[:MAX_ID_LENGTH + 1]
        slug = cut[:cut.rfind("-")] if "-" in cut else slug[:MAX_ID_LENGTH]
    return slug


def url_problem(url: str) -> str:
    """Why `url` is not an http(s) address, or '' when it is."""
    if any(ch.isspace() for ch in url) or CONTROL_RE.search(url):
        return f"'{shown(url)}' contains spaces or control characters"
    try:
        parts = urlsplit(url)
    except ValueError:
        return f"'{url}' is not a URL"
    if parts.scheme.lower() not in SAFE_SCHEMES:
        return f"'{url}' is not an http or https address"
    if not parts.netloc:
        return f"'{url}' has no host"
    return ""


def static_path_problem(path: str, static_files: frozenset[str]) -> str:
    parts = path.split("/")
    if path.startswith("/") or ".." in parts or "\\" in path:
        return f"'{path}' must be a relative path under static/ without '..'"
    if path not in static_files:
        return f"static/{path} does not exist"
    return ""


def invisible_characters(text: str) -> list[str]:
    """Names (U+XXXX) of invisible or direction-changing characters in `text`."""
    return [f"U+{ord(ch):04X}" for ch in text if ch in INVISIBLE]
