"""What do the positions-on-a-date pages (/positions/<YYYY-MM-DD>/) and the editorial checks
cost on the benchmark corpus?

    python benchmarks/bench_asof.py                       # N = 10000 events
    python benchmarks/bench_asof.py --n 1000 --stances-per-event 0.2

The benchmark corpus (gen_corpus.py, the one run.py uses) has events, actors and issues but no
parties, proposals or stances, so this adds them: PARTIES parties, PROPOSALS proposals with
three dated statuses each, and N × STANCES_PER_EVENT stances, each a random party's on a
random proposal, dated like a random event (seeded: the same every run). Then, in this
process: the check (and the editorial checks alone), the page list, and every page of the
matrix on a date rendered once (after one page to warm the renderer), against the same
number of event pages for scale. Times are this process's CPU seconds (steadier than wall
time on a shared machine). Results go to benchmarks/RESULTS-asof.md.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path.insert(0, str(REPO / "src"))
GENERATORS = (BENCH_DIR / "gen_corpus.py", Path("/work/shared/bench/gen_corpus.py"))
STANCES = ("proposes", "supports", "conditional", "ambiguous", "opposes", "rejects")
STATUSES = ("proposed", "under-negotiation", "agreed")


def corpus(sites: Path, n: int) -> Path:
    site = sites / f"detente-{n}"
    if not (site / "detente.yaml").is_file():
        generator = next((g for g in GENERATORS if g.is_file()), None)
        if generator is None:
            raise SystemExit("gen_corpus.py not found")
        subprocess.run([sys.executable, str(generator), "--out", str(sites), "--n", str(n),
                        "--tools", "detente"], check=True, capture_output=True)
    return site


def with_stances(base: Path, work: Path, n: int, rate: float, parties: int,
                 proposals: int) -> Path:
    """A copy of the corpus with parties, proposals and stances (deterministic)."""
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(base, work, ignore=shutil.ignore_patterns(".detente-cache", "site"))
    rng = random.Random(15)
    dates = sorted({line.split(":", 1)[1].strip()
                    for path in (work / "content" / "events").glob("*.md")
                    for line in path.read_text("utf-8").splitlines()[:4]
                    if line.startswith("date:")})
    content = work / "content"
    for kind in ("parties", "proposals", "positions"):
        (content / kind).mkdir()
    (content / "parties" / "parties.yaml").write_text("".join(
        f"- id: party-{i}\n  name: Party {i}\n  kind: state\n" for i in range(parties)))
    (content / "proposals" / "proposals.yaml").write_text("".join(
        f"- id: proposal-{i}\n  title: Proposal {i}\n  status:\n" + "".join(
            f"    - date: {d}\n      status: {s}\n      source: bench\n"
            for d, s in zip(sorted(rng.sample(dates, 3)), STATUSES, strict=True))
        for i in range(proposals)))
    (content / "positions" / "stances.yaml").write_text("".join(
        f"- party: party-{rng.randrange(parties)}\n  on: proposal-{rng.randrange(proposals)}\n"
        f"  stance: {rng.choice(STANCES)}\n  date: {rng.choice(dates)}\n  source: bench\n"
        for _ in range(round(n * rate))))
    return work


def measure(project: Path) -> dict[str, float]:
    from detente.content.check import check_project
    from detente.content.diagnostics import Diagnostics
    from detente.content.editorial.run import editorial_warnings
    from detente.pages.page import page_keys
    from detente.pages.render import Renderer

    started = time.process_time()
    result = check_project(project)
    checked = time.process_time() - started
    site = result.site
    assert site is not None, result.diagnostics.errors[:3]
    started = time.process_time()
    editorial_warnings(site, Diagnostics())
    editorial = time.process_time() - started
    keys = page_keys(site)
    days = [k for k in keys if k.template == "positions-day.html"]
    events = [k for k in keys if k.template == "event.html"][:len(days)]
    renderer = Renderer(site, project)
    renderer.render(days[0])  # templates compiled, change days computed: once per process
    timings = {}
    for name, group in (("days", days), ("events", events)):
        started = time.process_time()
        size = sum(len(renderer.render(key)[1]) for key in group)
        timings[name] = time.process_time() - started
        timings[f"{name}_bytes"] = size
    return {"check": checked, "editorial": editorial, "pages": len(keys), "day_pages": len(days),
            "stances": len(site.positions), "warnings": len(result.diagnostics.warnings),
            "days_s": timings["days"], "days_bytes": timings["days_bytes"],
            "events_s": timings["events"], "events_bytes": timings["events_bytes"]}


def report(n: int, args: argparse.Namespace, m: dict[str, float]) -> str:
    per_day = m["days_s"] / m["day_pages"] * 1000
    per_event = m["events_s"] / m["day_pages"] * 1000
    return "\n".join([
        "# Positions on a date, and the editorial checks, at scale", "",
        f"`python benchmarks/bench_asof.py --n {n} --stances-per-event "
        f"{args.stances_per_event} --parties {args.parties} --proposals {args.proposals}` "
        "(one process, one run; CPU seconds).", "",
        f"The benchmark corpus (N = {n} events) with {args.parties} parties, "
        f"{args.proposals} proposals (three statuses each) and {m['stances']:.0f} stances.", "",
        "| measure | value |", "|---|---|",
        f"| pages in the site | {m['pages']:.0f} |",
        f"| of which /positions/<date>/ | {m['day_pages']:.0f} |",
        f"| rendering them all | {m['days_s']:.2f} s ({per_day:.1f} ms a page) |",
        f"| rendering as many event pages | {m['events_s']:.2f} s ({per_event:.1f} ms a page) |",
        f"| their size | {m['days_bytes'] / 2**20:.1f} MiB "
        f"({m['days_bytes'] / m['day_pages'] / 1024:.0f} KiB a page) |",
        f"| check (load, validate, link, editorial checks) | {m['check']:.2f} s |",
        f"| of which the editorial checks | {m['editorial']:.3f} s "
        f"({m['warnings']:.0f} warnings) |", ""])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--stances-per-event", type=float, default=0.1)
    parser.add_argument("--parties", type=int, default=20)
    parser.add_argument("--proposals", type=int, default=50)
    parser.add_argument("--sites", type=Path, default=REPO / "bench-sites")
    parser.add_argument("--out-md", type=Path, default=BENCH_DIR / "RESULTS-asof.md")
    args = parser.parse_args(argv)
    base = corpus(args.sites, args.n)
    project = with_stances(base, args.sites / f"asof-{args.n}", args.n,
                           args.stances_per_event, args.parties, args.proposals)
    text = report(args.n, args, measure(project))
    args.out_md.write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
