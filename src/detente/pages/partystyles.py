"""assets/parties.css: each party's colour as a class (`party-<id>`), as each theme shows it.

A colour that would not stand out from the dark theme's background (3:1, WCAG 1.4.11) is
shown a shade lighter there, one that would not stand out from the light theme's a shade
darker (`detente.content.colors`). Pages name the class, never the colour, so a new colour
changes this one file and no page.
"""

from __future__ import annotations

from collections.abc import Iterator

from detente.content.colors import shade_for
from detente.content.model import Party, Site

STYLESHEET = "assets/parties.css"


def produce(site: Site) -> Iterator[tuple[str, tuple[bytes]]]:
    yield STYLESHEET, (stylesheet(site),)


def stylesheet(site: Site) -> bytes:
    light: list[str] = []
    dark: list[str] = []
    for party in site.by_kind["parties"]:
        if isinstance(party, Party) and party.color:
            light.append(f".party-{party.id} {{ --party: {shade_for(party.color, False)}; }}")
            shade = shade_for(party.color, True)
            if shade != shade_for(party.color, False):
                dark.append(f".party-{party.id} {{ --party: {shade}; }}")
    lines = ["/* Party colours per theme, made by Detente from content/parties/. */", *light]
    if dark:
        lines += ["@media screen {", *(f'  :root[data-theme="dark"] {rule}' for rule in dark),
                  "}", "@media screen and (prefers-color-scheme: dark) {",
                  *(f'  :root:not([data-theme="light"]) {rule}' for rule in dark), "}"]
    return ("\n".join(lines) + "\n").encode("utf-8")
