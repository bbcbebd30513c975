"""Does Detente scale linearly? Synthetic sites of N entities of every kind, checked and built.

    python benchmarks/bench_scale.py                      # N = 1000 10000 30000 100000
    python benchmarks/bench_scale.py --n 1000 10000       # just these
    python benchmarks/bench_scale.py --budget 600         # skip sizes once 600 s are spent

For each N: `detente check SITE` and `detente build SITE --out OUT --no-search` (cold: no
cache, no output), each in a child process measured like benchmarks/run.py (wall time,
peak RSS of the process tree, CPU). The report gives seconds and KiB per entity, which stay
flat when every stage is linear. Sites are generated (deterministically) under
bench-sites/scale-N/ and reused; results go to benchmarks/RESULTS-scale.md.

The mix per N: sources N/10, positions N/10, actors N/50, proposals N/100, parties N/100 up
to 40, issues N/200, timelines N/1000, and events for the rest, each with parties, actors, an
issue, a proposal, a source, a summary with a reference and a citation, and a short body.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))
from run import MIB, Measurement, measure  # noqa: E402 - the sibling script's measurer

SIZES = (1000, 10000, 30000, 100000)
PER_FILE = 1000  # entities per list file


@dataclass(frozen=True)
class Mix:
    n: int

    @property
    def counts(self) -> dict[str, int]:
        n = self.n
        # Parties stay few (a negotiation has tens, not thousands): the positions matrix is
        # parties × proposals by design, one cell per pair.
        counts = {"sources": n // 10, "positions": n // 10, "actors": max(2, n // 50),
                  "proposals": max(2, n // 100), "parties": min(40, max(4, n // 100)),
                  "issues": max(2, n // 200), "timelines": max(1, n // 1000)}
        counts["events"] = n - sum(counts.values())
        return counts


def _lists(folder: Path, items: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, len(items), PER_FILE):
        (folder / f"part-{start // PER_FILE:04}.yaml").write_text(
            "".join(items[start:start + PER_FILE]), encoding="utf-8")


def generate(root: Path, n: int) -> None:
    """A valid site of `n` entities (deterministic)."""
    c = Mix(n).counts
    content = root / "content"
    root.mkdir(parents=True, exist_ok=True)
    (root / "detente.yaml").write_text(f"title: Scale {n}\nbase_url: https://example.org/s/\n")

    def date(i: int) -> str:
        return f"{2000 + i % 25}-{1 + i % 12:02}-{1 + i % 28:02}"

    _lists(content / "sources", [
        f"- id: source-{i}\n  title: Report number {i}\n  publisher: Agency {i % 40}\n"
        f"  url: https://news.example/{i}\n  date: {date(i)}\n  kind: news\n"
        for i in range(c["sources"])])
    _lists(content / "parties", [
        f"- id: party-{i}\n  name: Party {i}\n  kind: state\n  role: belligerent\n"
        f"  color: '#{(i * 2654435761) % 0xFFFFFF:06x}'\n  summary: Party {i} in brief.\n"
        for i in range(c["parties"])])
    _lists(content / "actors", [
        f"- id: actor-{i}\n  name: Person {i}\n  roles:\n    - title: Envoy\n"
        f"      party: party-{i % c['parties']}\n  summary: An envoy of [[party-"
        f"{i % c['parties']}]].\n" for i in range(c["actors"])])
    _lists(content / "issues", [
        f"- id: issue-{i}\n  title: Issue {i}\n" + (f"  parent: issue-{i // 2}\n" if i else "")
        for i in range(c["issues"])])
    _lists(content / "proposals", [
        f"- id: proposal-{i}\n  title: Proposal {i}\n  issues: [issue-{i % c['issues']}]\n"
        f"  proposed_by: [party-{i % c['parties']}]\n  date: {date(i)}\n"
        f"  status:\n    - date: {date(i)}\n      status: proposed\n"
        f"      source: source-{i % c['sources']}\n" for i in range(c["proposals"])])
    _lists(content / "positions", [
        f"- party: party-{i % c['parties']}\n  on: proposal-{i % c['proposals']}\n"
        f"  stance: {('supports', 'opposes', 'conditional')[i % 3]}\n  date: {date(i)}\n"
        f"  source: source-{i % c['sources']}\n" for i in range(c["positions"])])
    _lists(content / "events", [
        f"- id: event-{i}\n  title: Event {i}\n  date: {date(i)}\n  kind: meeting\n"
        f"  parties: [party-{i % c['parties']}, party-{(i + 1) % c['parties']}]\n"
        f"  actors: [actor-{i % c['actors']}]\n  issues: [issue-{i % c['issues']}]\n"
        f"  proposals: [proposal-{i % c['proposals']}]\n  source: source-{i % c['sources']}\n"
        f"  summary: '[[actor-{i % c['actors']}]] met about [[proposal-"
        f"{i % c['proposals']}]] [@source-{i % c['sources']}].'\n"
        f"  body: |\n    The meeting on {date(i)} went on for hours.\n\n"
        f"    Both sides said they would meet again.\n" for i in range(c["events"])])
    _lists(content / "timelines", [
        f"- id: timeline-{i}\n  title: Timeline {i}\n  events: ["
        + ", ".join(f"event-{j}" for j in range(i * 50, min(i * 50 + 50, c["events"]))) + "]\n"
        for i in range(c["timelines"])])
    (content / "pages").mkdir(parents=True, exist_ok=True)
    (content / "pages" / "index.md").write_text("Where things stand.\n")


def ensure_site(sites: Path, n: int) -> Path:
    site = sites / f"scale-{n}"
    stamp = site / ".generated-v2"  # bumped when the mix changes
    if not stamp.exists():
        shutil.rmtree(site, ignore_errors=True)
        generate(site, n)
        stamp.write_text("ok\n")
        old = time.time() - 3600  # old enough that no file counts as just edited
        for path in site.rglob("*"):
            os.utime(path, (old, old))
    return site


def run_one(site: Path, out: Path, command: str) -> Measurement:
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(site / ".detente-cache", ignore_errors=True)
    args = [sys.executable, "-m", "detente", command, str(site)]
    if command == "build":
        args += ["--out", str(out), "--no-search", "--quiet"]
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    return measure(args, REPO, env, timeout_s=7200, interval_s=0.05)


def report(rows: list[tuple[int, int, Measurement, Measurement]]) -> str:
    lines = ["# Detente at scale", "",
             "`python benchmarks/bench_scale.py` (cold: no cache, no output; `--no-search`). "
             "Peak RSS is the process tree's (forked render workers included).", "",
             "| entities | pages | check s | check µs/entity | check peak MiB | build s | "
             "build µs/entity | build peak MiB | build KiB/entity | busy elsewhere |",
             "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for n, pages, check, build in rows:
        lines.append(
            f"| {n:,} | {pages:,} | {check.wall_s:.1f} | {check.wall_s / n * 1e6:,.0f} | "
            f"{check.tree_peak_mib:.0f} | {build.wall_s:.1f} | {build.wall_s / n * 1e6:,.0f} | "
            f"{build.tree_peak_mib:.0f} | {build.tree_peak_mib * 1024 / n:.1f} | "
            f"{build.elsewhere_cores:.2f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--sites", type=Path, default=REPO / "bench-sites")
    parser.add_argument("--budget", type=float, default=0.0,
                        help="seconds: do not start a size once this much time is spent")
    parser.add_argument("--out-md", type=Path, default=BENCH_DIR / "RESULTS-scale.md")
    args = parser.parse_args(argv)
    started = time.monotonic()
    rows = []
    for n in sorted(args.n):
        if args.budget and time.monotonic() - started > args.budget:
            print(f"skipping N={n:,}: the {args.budget:.0f} s budget is spent", flush=True)
            break
        site = ensure_site(args.sites, n)
        out = args.sites / "_out" / f"scale-{n}"
        check = run_one(site, out, "check")
        build = run_one(site, out, "build")
        if check.returncode or build.returncode:
            print(f"N={n:,}: failed:\n{check.stderr_tail}\n{build.stderr_tail}", flush=True)
            return 1
        pages = sum(1 for _ in out.rglob("*.html"))
        rows.append((n, pages, check, build))
        print(f"N={n:,}: {pages:,} pages; check {check.wall_s:.1f} s, "
              f"{check.tree_peak_mib:.0f} MiB; build {build.wall_s:.1f} s "
              f"({build.wall_s / n * 1e6:,.0f} µs/entity), {build.tree_peak_mib:.0f} MiB "
              f"({build.tree_peak_mib * MIB / 1024 / n:.1f} KiB/entity)", flush=True)
        args.out_md.write_text(report(rows), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
