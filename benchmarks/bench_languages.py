"""What does a second language cost? The benchmark corpus (gen_corpus.py, the one run.py
uses) built cold in one language, then with a second language translating every event,
actor and issue (titles, names and bodies: the most a translation can cost, as none of its
Markdown is the original's), each cold (no cache, no previous output).

    python benchmarks/bench_languages.py                  # N = 1000 events, 5 rounds
    python benchmarks/bench_languages.py --n 1000 --rounds 7 --search

The builds alternate (one language, two languages, ...) so that the machine's load falls on
both alike; the figures are medians of wall time, with the load average (`uptime`) before
and after. The cost of the second language is (two − one) / one. Results go to
benchmarks/RESULTS-languages.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
GENERATORS = (BENCH_DIR / "gen_corpus.py", Path("/work/shared/bench/gen_corpus.py"))


def corpus(sites: Path, n: int) -> Path:
    site = sites / f"detente-{n}"
    if not (site / "detente.yaml").is_file():
        generator = next((g for g in GENERATORS if g.is_file()), None)
        if generator is None:
            raise SystemExit("gen_corpus.py not found")
        subprocess.run([sys.executable, str(generator), "--out", str(sites), "--n", str(n),
                        "--tools", "detente"], check=True, capture_output=True)
    return site


def translated(base: Path, work: Path) -> Path:
    """A copy of the corpus published in English and Ukrainian, every entity translated."""
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(base, work, ignore=shutil.ignore_patterns(".detente-cache", "site"))
    config = work / "detente.yaml"
    config.write_text(config.read_text("utf-8") + "languages: [en, uk]\n", "utf-8")
    for path in sorted((work / "content" / "events").glob("*.md")):
        text = path.read_text("utf-8")
        _, front, body = text.split("---\n", 2)
        title = next(line for line in front.splitlines() if line.startswith("title:"))
        # Different text (so no Markdown is shared with the original), the same shape.
        body = body.replace(". ", " (укр.). ")
        (path.parent / f"{path.stem}.uk.md").write_text(
            f"---\ntitle: {title[6:].strip()[:-1]} (укр.)\"\n---\n{body}", "utf-8")
    for kind, key in (("actors", "name"), ("issues", "title")):
        for path in sorted((work / "content" / kind).glob("*.yaml")):
            if "." in path.stem:
                continue
            overlay = []  # one entity (`name: ...`) or a list file (`- id: ...`)
            for line in path.read_text("utf-8").splitlines():
                if line.lstrip("- ").startswith(("id:", f"{key}:")):
                    overlay.append(line + (" (укр.)" if f"{key}:" in line else ""))
            (path.parent / f"{path.stem}.uk.yaml").write_text("\n".join(overlay) + "\n",
                                                             "utf-8")
    return work


def cold_build(site: Path, out: Path, search: bool) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the build and its workers)."""
    shutil.rmtree(out, ignore_errors=True)
    cache = out.with_name(out.name + "-cache")
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    command = [sys.executable, "-m", "detente", "build", str(site), "--out", str(out),
               "--cache-dir", str(cache), "--quiet", *(() if search else ("--no-search",))]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def load() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--search", action="store_true", help="build the Pagefind index too")
    parser.add_argument("--sites", type=Path, default=REPO / "bench-sites")
    parser.add_argument("--out-md", type=Path, default=BENCH_DIR / "RESULTS-languages.md")
    args = parser.parse_args()
    one = corpus(args.sites, args.n)
    two = translated(one, args.sites / f"languages-{args.n}")
    before = load()
    times: dict[str, list[float]] = {"one": [], "two": []}
    cpu: dict[str, list[float]] = {"one": [], "two": []}
    for _round in range(args.rounds):
        for name, site in (("one", one), ("two", two)):
            wall, used = cold_build(site, args.sites / "_out" / f"lang-{name}", args.search)
            times[name].append(wall)
            cpu[name].append(used)
    after = load()

    def row(label: str, values: dict[str, list[float]], name: str) -> str:
        runs = ", ".join(f"{t:.2f}" for t in values[name])
        return f"| {label} | {statistics.median(values[name]):.2f} | {runs} |"

    def cost(values: dict[str, list[float]]) -> float:
        first, both = statistics.median(values["one"]), statistics.median(values["two"])
        return (both - first) / first

    # Each round's pair ran back to back, under much the same load: their ratio is steadier.
    paired = statistics.median((b - a) / a for a, b in zip(times["one"], times["two"],
                                                              strict=True))
    table = [
        "# A second language: what it costs",
        "",
        f"`python benchmarks/bench_languages.py --n {args.n} --rounds {args.rounds}"
        f"{' --search' if args.search else ''}`: the corpus of {args.n} events cold, in one "
        "language and in two (every event, actor and issue translated), builds alternating. "
        "CPU seconds (the build and its workers) are steadier than wall time on a shared "
        "machine.",
        "",
        "| build | median (s) | runs (s) |",
        "|---|---:|---|",
        row("one language, wall", times, "one"),
        row("two languages, wall", times, "two"),
        row("one language, CPU", cpu, "one"),
        row("two languages, CPU", cpu, "two"),
        "",
        "| second language / first | |",
        "|---|---:|",
        f"| wall time (medians) | {cost(times):.2f}× |",
        f"| wall time (median of each round's pair) | {paired:.2f}× |",
        f"| **CPU time (medians)** | **{cost(cpu):.2f}×** |",
        "| target | ≤ 0.6× |",
        "",
        f"Load before: `{before}`  ",
        f"Load after: `{after}`  ",
        f"Machine: {os.cpu_count()} cores, shared with other work while this ran.",
        "",
    ]
    args.out_md.write_text("\n".join(table), "utf-8")
    print("\n".join(table))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
