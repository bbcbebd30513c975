"""Checking that every internal link in a built site resolves to a built file and anchor."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from tests.helpers.html import Document, parse

LINK_ATTRIBUTES = ("href", "src")


def load_pages(root: Path) -> dict[str, Document]:
    """Every built HTML page, parsed, by its path relative to `root`."""
    return {p.relative_to(root).as_posix(): parse(p.read_text("utf-8"))
            for p in sorted(root.rglob("*.html"))}


def page_url(base_path: str, file: str) -> str:
    """'actors/x/index.html' → '/base/actors/x/' (the URL the page is served at)."""
    if file == "index.html":
        return base_path
    if file.endswith("/index.html"):
        return base_path + file[: -len("index.html")]
    return base_path + file


def target_file(base_path: str, url_path: str) -> str | None:
    """'/base/actors/x/' → 'actors/x/index.html'; None outside the site."""
    if not url_path.startswith(base_path):
        return None
    rest = unquote(url_path[len(base_path):])
    return rest + "index.html" if rest == "" or rest.endswith("/") else rest


def broken_links(root: Path, base_path: str) -> list[str]:
    """One line per internal href/src that names no built file, or no id in its target."""
    pages = load_pages(root)
    ids = {file: doc.ids() for file, doc in pages.items()}
    problems: list[str] = []
    checked = 0
    for file, doc in pages.items():
        here = "http://site.invalid" + page_url(base_path, file)
        for element in doc.root.iter():
            for attribute in LINK_ATTRIBUTES:
                value = element.attrs.get(attribute)
                if value is None:
                    continue
                parts = urlsplit(value)
                if parts.scheme or parts.netloc:
                    continue  # external (http, https, mailto): not ours to resolve
                checked += 1
                where = f"{file}:{element.line}: <{element.tag} {attribute}={value!r}>"
                resolved = urlsplit(urljoin(here, value))
                target = target_file(base_path, resolved.path)
                if target is None:
                    problems.append(f"{where} leaves the base path {base_path}")
                elif not (root / target).is_file():
                    problems.append(f"{where} → {target}: no such file")
                elif resolved.fragment and target in ids and \
                        unquote(resolved.fragment) not in ids[target]:
                    problems.append(f"{where} → {target}: no element with "
                                    f"id={unquote(resolved.fragment)!r}")
                elif resolved.fragment and target not in ids:
                    problems.append(f"{where}: a fragment into {target}, which is not HTML")
    if checked == 0:
        problems.append(f"no internal links at all under {root}")
    return problems
