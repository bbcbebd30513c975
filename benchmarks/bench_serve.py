#!/usr/bin/env python3
"""Save-to-browser latency of `detente serve`: from writing a file to the browser being told
to reload (the Server-Sent Event) and to the new content being served.

    python3 benchmarks/bench_serve.py                     # the example site and 10,000 events
    python3 benchmarks/bench_serve.py --sites example --edits 20
    python3 /work/shared/bench/gen_corpus.py --out bench-sites --n 10000 --tools detente

Each site is copied to a temporary folder (no build output, no cache) and served by a real
`detente serve` subprocess on a free port; an SSE client listens like a browser. Each edit
is a plain write of one file, then: `event` = time until the reload event arrives, `served`
= time until a GET of the edited page returns the new text. Two kinds of edit: `prose`
(appending a paragraph to an entity's Markdown: the common case) and `title` (renaming an
entity, which changes links on other pages). Medians over --edits edits of each kind; the
server finishes each rebuild before the next edit.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.helpers.serve import ServeProcess  # noqa: E402
from tests.helpers.sites import copy_site  # noqa: E402

CORPUS = REPO / "bench-sites" / "detente-10000"


@dataclass(frozen=True)
class Target:
    """The file edited, the page it shows on, and how to make edit number i."""

    name: str
    project: Path
    prose_file: str  # a Markdown body: a paragraph is appended
    title_file: str  # a line starting with `title_key:` is replaced
    title_key: str
    page: str  # the page below the base path


TARGETS = {
    "example": Target("example site (26 pages of content, ~60 pages)", REPO,
                      "content/actors/volodymyr-zelenskyy.md",
                      "content/actors/volodymyr-zelenskyy.yaml", "name",
                      "actors/volodymyr-zelenskyy/"),
    "10k": Target("generated corpus: 10,000 events, 500 actors (10,501 pages)", CORPUS,
                  "content/events/e05000.md", "content/events/e05000.md", "title",
                  "events/e05000/"),
}


def edit(project: Path, target: Target, kind: str, number: int) -> str:
    """Make edit `number`; the text the page must then show."""
    if kind == "prose":
        marker = f"Benchmark edit {number}."
        path = project / target.prose_file
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{marker}\n",
                        encoding="utf-8")
        return marker
    marker = f"Renamed {number}"
    path = project / target.title_file
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if line.startswith(f"{target.title_key}:"):
            lines[i] = f"{target.title_key}: {marker}"
            break
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return marker


def _serial(state: dict[str, object]) -> int:
    """Builds are numbered '<session>-<n>'."""
    return int(str(state["build"]).rsplit("-", 1)[1])


def measure(target: Target, edits: int, kinds: list[str]) -> dict[str, list[tuple[float, float]]]:
    results: dict[str, list[tuple[float, float]]] = {kind: [] for kind in kinds}
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        project = copy_site(target.project, Path(tmp) / "site")
        started = time.perf_counter()
        serve = ServeProcess(project, timeout=3600)
        print(f"  first build and serve: {time.perf_counter() - started:.1f} s", flush=True)
        events = serve.events(timeout=600)
        events.next_state()
        page = serve.base_path + target.page
        number = 0
        try:
            for kind in kinds:
                for _ in range(edits):
                    number += 1
                    done_before = sum("rebuilt" in line for line in serve.out)
                    previous = _serial(json.loads(serve.get("/__detente/state")[1]))
                    t0 = time.perf_counter()
                    marker = edit(project, target, kind, number)
                    # A live rebuild may announce twice (the edited page, then the rest):
                    # wait for a build newer than any before this edit.
                    state = events.wait_for(
                        lambda s, p=previous: not s["ok"] or _serial(s) > p)
                    if not state["ok"]:
                        raise RuntimeError(f"the rebuild failed: {state['problems']}")
                    t_event = time.perf_counter() - t0
                    while marker.encode() not in serve.get(page)[1]:
                        time.sleep(0.005)
                    t_served = time.perf_counter() - t0
                    results[kind].append((t_event, t_served))
                    print(f"  {kind} edit {number}: event {t_event:.3f} s, "
                          f"served {t_served:.3f} s", flush=True)
                    deadline = time.monotonic() + 600
                    while sum("rebuilt" in line for line in serve.out) <= done_before:
                        if time.monotonic() > deadline:
                            raise RuntimeError("the rebuild did not finish")
                        time.sleep(0.02)
                    time.sleep(0.2)
        finally:
            events.close()
            serve.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", nargs="+", choices=sorted(TARGETS), default=["example", "10k"])
    parser.add_argument("--edits", type=int, default=7, help="edits of each kind (default 7)")
    parser.add_argument("--kinds", nargs="+", choices=["prose", "title"],
                        default=["prose", "title"])
    args = parser.parse_args()
    rows = []
    for key in args.sites:
        target = TARGETS[key]
        if not (target.project / "detente.yaml").is_file():
            print(f"{target.project} is missing: python3 /work/shared/bench/gen_corpus.py "
                  "--out bench-sites --n 10000 --tools detente", file=sys.stderr)
            return 2
        print(f"{target.name}:", flush=True)
        for kind, times in measure(target, args.edits, args.kinds).items():
            event = [t for t, _ in times]
            served = [t for _, t in times]
            rows.append(f"| {key} | {kind} | {len(times)} | {statistics.median(event):.3f} | "
                        f"{statistics.median(served):.3f} | {min(served):.3f}–"
                        f"{max(served):.3f} |")
    print("\n| site | edit | n | event s (median) | served s (median) | served s (min–max) |")
    print("|---|---|--:|--:|--:|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
