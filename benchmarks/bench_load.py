#!/usr/bin/env python3
"""How fast Detente loads, validates and links a large site: `check_project` in-process.

    python benchmarks/bench_load.py                  # N = 10,000 events, 5 timed runs
    python benchmarks/bench_load.py --n 1000 --runs 3

The corpus comes from the shared generator (../shared/bench/gen_corpus.py, resolved from
the repository's parent folder): N events with ~500-word bodies, N/20 actors, 30 issues
and a source, written once into bench-sites/detente-N (git-ignored) and reused. After one
warm-up run (imports, OS file cache), each run is timed with wall and CPU clocks; the
medians are printed with entities per second, and the process's peak RSS at the end.
CPU time is the steadier number on a shared machine.
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from detente.content.check import check_project

REPO = Path(__file__).resolve().parent.parent
GENERATOR = REPO.parent / "shared" / "bench" / "gen_corpus.py"
SITES = REPO / "bench-sites"


def corpus(n: int) -> Path:
    site = SITES / f"detente-{n}"
    if not (site / "MANIFEST.json").is_file():
        if not GENERATOR.is_file():
            sys.exit(f"no corpus generator at {GENERATOR}")
        subprocess.run([sys.executable, str(GENERATOR), "--out", str(SITES), "--n", str(n),
                        "--tools", "detente"], check=True)
    return site


def run_once(site: Path) -> tuple[float, float, int]:
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    result = check_project(site)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if result.site is None:
        problems = result.diagnostics.sorted()
        sys.exit(f"the corpus has {len(problems)} problem(s), first: {problems[0]}")
    return wall, cpu, len(result.site.entities)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="events in the corpus")
    parser.add_argument("--runs", type=int, default=5, help="timed runs after one warm-up")
    args = parser.parse_args()
    site = corpus(args.n)
    _wall, _cpu, entities = run_once(site)  # warm-up
    walls, cpus = [], []
    for _ in range(args.runs):
        wall, cpu, _count = run_once(site)
        walls.append(wall)
        cpus.append(cpu)
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"corpus: {site.relative_to(REPO)} ({entities:,} entities)")
    print(f"check_project, median of {args.runs} after a warm-up: "
          f"{wall:.2f} s wall, {cpu:.2f} s CPU")
    print(f"  runs (wall s): {', '.join(f'{w:.2f}' for w in walls)}")
    print(f"throughput: {entities / wall:,.0f} entities/s (wall), "
          f"{entities / cpu:,.0f} entities/s (CPU)")
    print(f"peak RSS: {peak_mib:,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
