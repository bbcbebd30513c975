#!/usr/bin/env python3
"""Would a sharded Pagefind index keep the search results? (issue 17, option 1)

    python benchmarks/search_shards.py bench-sites/_out/detente-search-1000 --shards 16

An incremental index could split the pages into shards by a stable hash of their path,
index each shard with Pagefind on its own (only the shards holding a changed page again),
and merge them in the browser with `mergeIndex`. This script builds such a sharded index
of a built site (the site's own pagefind/ is the full index to compare with), times both,
and runs 30 fixed queries in headless Chromium against each, with Pagefind's own
JavaScript API, reporting how many top-10 lists are identical, and how many hold the same
pages. Pagefind scores each index with its own statistics (page count, pages holding a
term, average page length), so merged results are ranked differently from one index.
`--shards 1` is the control: one "shard" holds every page, and must give 30/30.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

QUERIES = (
    "ceasefire", "hostages", "referendum", "border demarcation", "istanbul", "doha", "summit",
    "federalism", "prisoners exchange", "water", "oil revenue", "autonomy", "constitution",
    "mediator", "kampala", "troops withdrawal", "election", "amnesty", "refugees return",
    "power sharing", "security arrangements", "addis ababa", "actor a0001", "round 17",
    "consultation", "guarantor", "buffer zone", "census", "youth", "women")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
TOP_10 = """async ([bundles, queries]) => {
  const pagefind = await import(bundles[0] + "pagefind.js");
  await pagefind.options({baseUrl: "/"});
  for (const bundle of bundles.slice(1)) await pagefind.mergeIndex(bundle);
  const found = {};
  for (const query of queries) {
    const search = await pagefind.search(query);
    const pages = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
    found[query] = pages.map(page => page.url);
  }
  return found;
}"""


def pagefind_binary() -> str:
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise SystemExit("Pagefind is not installed: pip install 'pagefind[extended]'")
    return str(found)


def shard_of(page: str, shards: int) -> int:
    return int.from_bytes(hashlib.blake2b(page.encode(), digest_size=4).digest()) % shards


def build_shards(site: Path, work: Path, shards: int) -> tuple[float, float]:
    """Index each shard's pages (hard links, same paths) into work/pagefind/s<k>/; returns
    (wall s for all shards, wall s of the largest shard alone)."""
    binary = pagefind_binary()
    pages = [p.relative_to(site).as_posix() for p in site.rglob("*.html")
             if p.relative_to(site).parts[0] != "pagefind"]
    times = []
    for k in range(shards):
        source = work / f"src{k}"
        for page in (p for p in pages if shard_of(p, shards) == k):
            (source / page).parent.mkdir(parents=True, exist_ok=True)
            os.link(site / page, source / page)
        started = time.perf_counter()
        subprocess.run([binary, "--site", str(source), "--output-path",
                        str(work / "pagefind" / f"s{k}"), "--quiet"], check=True)
        times.append(time.perf_counter() - started)
    return sum(times), max(times)


@contextmanager
def serving(root: Path) -> Iterator[str]:
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None  # type: ignore[method-assign,assignment]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


def top_tens(origin: str, bundles: list[str]) -> dict[str, list[str]]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(origin + "/")
            found: dict[str, list[str]] = page.evaluate(TOP_10, [bundles, list(QUERIES)])
        finally:
            browser.close()
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site", type=Path, help="a site built with search (it has pagefind/)")
    ap.add_argument("--shards", type=int, default=16)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        full = work / "full"
        full.mkdir()
        started = time.perf_counter()
        subprocess.run([pagefind_binary(), "--site", str(args.site), "--output-path",
                        str(full / "pagefind"), "--quiet"], check=True)
        full_s = time.perf_counter() - started
        all_s, largest_s = build_shards(args.site, work, args.shards)
        (work / "index.html").write_text("<!doctype html><title>search</title>")
        shutil.copytree(full / "pagefind", work / "full-index")
        with serving(work) as origin:
            one = top_tens(origin, ["/full-index/"])
            merged = top_tens(origin, [f"/pagefind/s{k}/" for k in range(args.shards)])
    same = sum(one[q] == merged[q] for q in QUERIES)
    same_pages = sum(set(one[q]) == set(merged[q]) for q in QUERIES)
    print(f"full index: {full_s:.2f} s; {args.shards} shards: {all_s:.2f} s in all, "
          f"{largest_s:.2f} s for the largest (what a one-page edit would re-index)")
    print(f"top 10 identical to the full index's: {same}/{len(QUERIES)} queries; "
          f"same pages in any order: {same_pages}/{len(QUERIES)}")


if __name__ == "__main__":
    main()
