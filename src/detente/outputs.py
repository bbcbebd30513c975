"""Site-wide files beside the pages (feed, sitemap, robots.txt, open data, ...).

Each producer takes the linked Site and returns {output path: bytes}; `build` writes them.
"""

from __future__ import annotations

from collections.abc import Callable

from detente import feed, opendata, sitemap
from detente.link import Site

Producer = Callable[[Site], dict[str, bytes]]

PRODUCERS: tuple[Producer, ...] = (feed.produce, sitemap.produce, opendata.produce)


def site_files(site: Site) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for produce in PRODUCERS:
        for path, data in produce(site).items():
            if path in files:
                raise ValueError(f"two producers write {path}")
            files[path] = data
    return files
