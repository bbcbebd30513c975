"""A second opinion on the post-build scan, written without looking at scan.py: html5lib
parses each page as a browser would (the WHATWG algorithm, foreign content included), and
anything that could run script or embed content is reported.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib

THEME = resources.files("detente.pages") / "theme"
EMBEDDING = {"iframe", "frame", "frameset", "object", "embed", "applet", "style", "base",
             "portal", "animate", "set", "animatemotion", "animatetransform"}
URL_NAMES = {"href", "src", "action", "formaction", "poster", "background", "cite", "data",
             "codebase", "longdesc", "lowsrc", "dynsrc", "manifest", "icon", "classid",
             "usemap", "profile", "srcset", "ping", "archive"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:", "livescript:", "file:")
THEME_STYLE = re.compile(r"--[a-z]+: (#[0-9a-f]{6}|[0-9]+%)|text-align:(left|right|center)")


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def theme_scripts(base_path: str) -> tuple[set[str], set[str]]:
    """(script src values, inline script bodies) the built-in theme writes."""
    sources = {f"{base_path}assets/{entry.name}" for entry in (THEME / "static").iterdir()
               if entry.name.endswith(".js")}
    inline: set[str] = set()
    for entry in (THEME / "templates").iterdir():
        text = entry.read_text(encoding="utf-8")
        start = 0
        while (start := text.find("<script>", start)) >= 0:
            end = text.find("</script>", start)
            inline.add(text[start + len("<script>"):end])
            start = end
    return sources, inline


def dangers(html: str, base_path: str) -> list[str]:
    """What in this page could run script or embed content, as 'tag: why'."""
    sources, inline = theme_scripts(base_path)
    document: Element = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    found: list[str] = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or doctype: never runs
        tag = _local(element.tag)
        attributes = {_local(k): v for k, v in element.attrib.items()}
        if tag in EMBEDDING:
            found.append(f"{tag}: embeds or restyles")
        if tag == "script":
            body = "".join(element.itertext())
            allowed = (
                (attributes == {"type": "application/ld+json"} and "<" not in body)
                or (attributes.get("src") in sources and not body.strip()
                    and set(attributes) <= {"src", "defer", "async"})
                or (not attributes and body in inline))
            if not allowed:
                found.append(f"script: not the theme's ({attributes}, {body[:40]!r})")
        for name, value in attributes.items():
            if name.startswith("on"):
                found.append(f"{tag}: event handler {name}")
            if name == "style" and not THEME_STYLE.fullmatch(value):
                found.append(f"{tag}: style {value!r}")
            if name in URL_NAMES:
                for url in (value.split(",") if "srcset" in name else [value]):
                    cleaned = re.sub(r"[\t\n\r]", "", url).strip("\x00\x01\x02\x03\x04\x05\x06"
                                                              "\x07\x08\x0b\x0c\x0e\x0f\x10"
                                                              "\x11\x12\x13\x14\x15\x16\x17"
                                                              "\x18\x19\x1a\x1b\x1c\x1d\x1e"
                                                              "\x1f \t\n\r").lower()
                    if cleaned.startswith(BAD_SCHEMES):
                        found.append(f"{tag}: {name}={url!r}")
        if tag == "meta" and "http-equiv" in attributes \
                and attributes["http-equiv"].lower() == "refresh":
            found.append("meta: refresh")
    return found


def site_dangers(root: Path, base_path: str) -> dict[str, list[str]]:
    """Every HTML page under `root` with its dangers (pages without any left out)."""
    out: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.html")):
        problems = dangers(path.read_text(encoding="utf-8"), base_path)
        if problems:
            out[path.relative_to(root).as_posix()] = problems
    return out
