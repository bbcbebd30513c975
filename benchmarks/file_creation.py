#!/usr/bin/env python3
"""How long this machine takes to create a site's worth of files, cycle after cycle.

    python benchmarks/file_creation.py [--cycles 3] [--files 10000] [--under bench-sites/_out]

Each cycle deletes the previous cycle's tree, syncs, and creates FILES folders with one
12 KB `index.html` each (a pretty-URL site's layout) under a new folder name, from one
process, then prints the wall and kernel (system) time of the creation alone. On a healthy
file system every cycle costs about the same. On the benchmark VM on 2026-11-27 (ext4
mounted with `discard`) 10,000 took 1.0, 4.4 and 9.0 s of kernel time in three
consecutive cycles: every tool in run.py pays this, since the runner deletes each
output before its run (see README, "Where a cold build's time goes").
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import time
from pathlib import Path

PAGE = b"x" * 12_000


def create(root: Path, files: int) -> None:
    for i in range(files):
        folder = root / str(i)
        folder.mkdir(parents=True)
        (folder / "index.html").write_bytes(PAGE)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=3)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--under", type=Path, default=Path("bench-sites/_out"))
    args = parser.parse_args(argv)
    previous: Path | None = None
    for cycle in range(1, args.cycles + 1):
        if previous is not None:
            shutil.rmtree(previous)
        os.sync()
        root = args.under / f"file-creation-{os.getpid()}-{cycle}"
        before = resource.getrusage(resource.RUSAGE_SELF).ru_stime
        started = time.perf_counter()
        create(root, args.files)
        wall = time.perf_counter() - started
        kernel = resource.getrusage(resource.RUSAGE_SELF).ru_stime - before
        print(f"cycle {cycle}: {args.files:,} folders and files in {wall:.2f} s "
              f"({kernel:.2f} s in the kernel)", flush=True)
        previous = root
    if previous is not None:
        shutil.rmtree(previous)
    return 0


if __name__ == "__main__":
    sys.exit(main())
