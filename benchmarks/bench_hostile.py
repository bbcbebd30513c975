"""Hostile inputs: how long `detente check` takes to refuse or pass them (issue 18).

    python benchmarks/bench_hostile.py                # → benchmarks/RESULTS-hostile.md
    python benchmarks/bench_hostile.py --rounds 3

Rows:
- `amplified`: one 100 KB string aliased 2,000 times in a 108 KB proposal file (200 MB of
  text once expanded): refused at its line by the byte budget (`limits: expanded_bytes`).
- `prose-MB`: one event whose `.md` prose holds N MB of paragraphs with a reference
  (`[[id]]` or `[@source]`) every ~74 bytes (56,000 references at 4.15 MB): checked cleanly.
  `--src DIR` checks with another Detente's sources (e.g. a checkout before a change).
  Seconds per MB stay flat when checking prose is linear in its size.

Each row is `detente check SITE` in a child process, measured like benchmarks/run.py (wall
time and peak RSS of the process); the best of `--rounds` runs is reported.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))
from run import Measurement, measure  # noqa: E402 - the sibling script's measurer

PROSE_SIZES_MB = (0.5, 1.0, 2.0, 4.15)
PARAGRAPH = ("Delegates of [[north]] met envoys of the other side, [[south]], at the hotel "
             "by the lake on the second day of the round [@readout]. The talks on "
             "[[water]] and the shares of the dry months went on late; both sides said "
             "they would meet again, as they had at the first round ([[met]]), and keep "
             "the text of the draft to themselves until they meet again next week.\n\n")
REFS_PER_PARAGRAPH = 5

SOURCE = ("title: Readout\npublisher: Office\nurl: https://example.org/r\ndate: 2024-01-02\n"
          "kind: readout\n")


def _base(root: Path) -> Path:
    shutil.rmtree(root, ignore_errors=True)
    for folder in ("sources", "parties", "issues", "events", "proposals"):
        (root / "content" / folder).mkdir(parents=True)
    (root / "detente.yaml").write_text("title: Hostile\n", encoding="utf-8")
    (root / "content/sources/readout.yaml").write_text(SOURCE, encoding="utf-8")
    for party in ("north", "south"):
        (root / f"content/parties/{party}.yaml").write_text(f"name: {party.title()}\n")
    (root / "content/issues/water.yaml").write_text("title: Water\n", encoding="utf-8")
    (root / "content/events/met.yaml").write_text(
        "title: Met\ndate: 2024-01-02\nsource: readout\n", encoding="utf-8")
    return root


def amplified_site(root: Path) -> Path:
    """The issue's corpus: 108 KB of YAML, 200 MB of text with its aliases expanded."""
    _base(root)
    long = "x" * 100_000
    lines = ["title: Amplified", f"summary: &a {long}", "provisions:"]
    lines += ["- *a"] * 2000
    (root / "content/proposals/amplified.yaml").write_text("\n".join(lines) + "\n")
    return root


def prose_site(root: Path, megabytes: float) -> tuple[Path, int]:
    """A site whose one prose file is `megabytes` MB; returns it and its reference count."""
    _base(root)
    count = int(megabytes * 1_000_000) // len(PARAGRAPH)
    (root / "content/events/long.yaml").write_text(
        "title: Long\ndate: 2024-01-03\nsource: readout\n", encoding="utf-8")
    (root / "content/events/long.md").write_text(PARAGRAPH * count, encoding="utf-8")
    return root, count * REFS_PER_PARAGRAPH


def check(site: Path, rounds: int, src: Path) -> Measurement:
    env = dict(os.environ, PYTHONPATH=str(src))
    runs = [measure([sys.executable, "-m", "detente", "check", str(site)], REPO, env,
                    timeout_s=600, interval_s=0.02) for _ in range(rounds)]
    return min(runs, key=lambda m: m.wall_s)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sites", type=Path, default=REPO / "bench-sites" / "hostile")
    parser.add_argument("--out-md", type=Path, default=BENCH_DIR / "RESULTS-hostile.md")
    parser.add_argument("--src", type=Path, default=REPO / "src",
                        help="the Detente sources to check with (default: this checkout's)")
    args = parser.parse_args(argv)
    rows = ["| input | size | references | check s | s per MB | peak MiB | exit | "
            "busy elsewhere |", "|---|--:|--:|--:|--:|--:|--:|--:|"]
    site = amplified_site(args.sites / "amplified")
    size = (site / "content/proposals/amplified.yaml").stat().st_size
    result = check(site, args.rounds, args.src)
    rows.append(f"| amplified (100 KB × 2,000 aliases) | {size / 1000:,.0f} KB | 0 | "
                f"{result.wall_s:.2f} | | {result.tree_peak_mib:.0f} | {result.returncode} | "
                f"{result.elsewhere_cores:.2f} |")
    print(rows[-1], flush=True)
    for megabytes in PROSE_SIZES_MB:
        site, refs = prose_site(args.sites / f"prose-{megabytes}", megabytes)
        size = (site / "content/events/long.md").stat().st_size
        result = check(site, args.rounds, args.src)
        rows.append(f"| prose-{megabytes} | {size / 1e6:.2f} MB | {refs:,} | "
                    f"{result.wall_s:.2f} | {result.wall_s / (size / 1e6):.2f} | "
                    f"{result.tree_peak_mib:.0f} | {result.returncode} | "
                    f"{result.elsewhere_cores:.2f} |")
        print(rows[-1], flush=True)
    args.out_md.write_text(
        "# Hostile inputs\n\n`python benchmarks/bench_hostile.py --rounds "
        f"{args.rounds}` (best of {args.rounds}; `detente check`, which includes starting "
        f"Python and importing Detente; sources: `{args.src}`). `busy elsewhere`: cores "
        "other work kept busy during the run (the machine is shared).\n\n"
        + "\n".join(rows) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
