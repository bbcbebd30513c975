"""Site-wide files beside the pages (feed, sitemap, robots.txt, open data, ...).

Each producer takes the linked Site and yields (output path, bytes); `build` writes them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from detente import feed, opendata, sitemap
from detente.link import Site

Producer = Callable[[Site], Iterable[tuple[str, bytes]]]

PRODUCERS: tuple[Producer, ...] = (feed.produce, sitemap.produce, opendata.produce)


def site_files(site: Site) -> Iterator[tuple[str, bytes]]:
    """(output path, bytes) of each file, made one after the other: the open data of a big
    site runs to tens of megabytes per file, and need not all be in memory at once."""
    seen: set[str] = set()
    for produce in PRODUCERS:
        for path, data in produce(site):
            if path in seen:
                raise ValueError(f"two producers write {path}")
            seen.add(path)
            yield path, data
