"""Site-wide files beside the pages (feed, sitemap, robots.txt, open data, ...).

Each producer takes the linked Site and yields (output path, pieces): the file's bytes in
order, made as they are written (the open data of a big site runs to tens of megabytes per
file, and need not be in memory whole); `build` writes them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from detente.content.model import Site
from detente.pages import feed, logfeeds, opendata, partystyles, shareimage, sitemap

SiteFile = tuple[str, Iterable[bytes]]
Producer = Callable[[Site], Iterable[SiteFile]]

PRODUCERS: tuple[Producer, ...] = (feed.produce, logfeeds.produce, sitemap.produce,
                                   opendata.produce, partystyles.produce, shareimage.produce)


def site_files(site: Site) -> Iterator[SiteFile]:
    """(output path, pieces) of each file, made one after the other; each file's pieces
    must be taken before the next file's."""
    seen: set[str] = set()
    for produce in PRODUCERS:
        for path, data in produce(site):
            if path in seen:
                raise ValueError(f"two producers write {path}")
            seen.add(path)
            yield path, data


def whole(pieces: Iterable[bytes]) -> bytes:
    return b"".join(pieces)
