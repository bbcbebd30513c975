#!/usr/bin/env python3
"""What the Pagefind search index adds to a full build.

    python benchmarks/search_cost.py                       # the example site, 3 rounds
    python benchmarks/search_cost.py bench-sites/detente-1000 --rounds 3

Each round builds the project cold into a fresh folder twice, alternating: once with
--no-search and once with the index. Reported per variant: median wall seconds and median
CPU seconds (user + system of the build and its children, Pagefind included). CPU time is
the steadier number on a shared machine. Make a corpus first with
`python3 /work/shared/bench/gen_corpus.py --out bench-sites --n 1000 --tools detente`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run_build(project: Path, out: Path, search: bool) -> tuple[float, float]:
    """(wall s, CPU s) of one cold build: a fresh output folder and no build cache."""
    command = [sys.executable, "-m", "detente", "build", str(project), "--out", str(out),
               "--quiet"] + ([] if search else ["--no-search"])
    shutil.rmtree(project / ".detente-cache", ignore_errors=True)
    started = time.perf_counter()
    process = subprocess.Popen(command)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed: {' '.join(command)}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", nargs="?", type=Path, default=REPO)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float]]] = {"no-search": [], "search": []}
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.rounds):
            for name in ("no-search", "search"):
                out = Path(tmp) / f"{name}-{round_}"
                results[name].append(run_build(args.project, out, name == "search"))
                shutil.rmtree(out)
    print(f"{args.project}: {args.rounds} round(s), cold builds")
    for name, runs in results.items():
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        print(f"  {name:<10} wall {wall:6.2f} s   CPU {cpu:6.2f} s   "
              f"(each wall: {' '.join(f'{r[0]:.2f}' for r in runs)})")
    extra = statistics.median(r[1] for r in results["search"]) - \
        statistics.median(r[1] for r in results["no-search"])
    print(f"  the index adds {extra:.2f} CPU s per full build")


if __name__ == "__main__":
    main()
