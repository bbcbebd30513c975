#!/usr/bin/env python3
"""Benchmark Detente against Hugo and Eleventy on the shared generated corpus.

    benchmarks/setup.sh                      # once per machine: Hugo (apt) + Eleventy (npm ci)
    python benchmarks/run.py                 # all tools, N = 1000 10000, 5 rounds
    python benchmarks/run.py --tools hugo eleventy --n 1000 --rounds 3
    python benchmarks/run.py --curve         # detente-cold only, N = 1000 ... 100000

Corpora are written by gen_corpus.py into bench-sites/ (git-ignored); build outputs go to
bench-sites/_out/. Tools run alternately: in round r every tool runs once, so slow drift
and noise from other work on the machine hit all tools alike. For each run the wall time
(time.perf_counter around the subprocess) and the peak RSS of the whole process tree (a
thread sums /proc/<pid>/statm over the tree every --interval ms and keeps the maximum) are
recorded. See benchmarks/README.md for what each row means.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import importlib.util
import json
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
GENERATORS = (BENCH_DIR / "gen_corpus.py", Path("/work/shared/bench/gen_corpus.py"))
MINIMAL_TEMPLATES = BENCH_DIR / "minimal-templates"
NODE_MODULES = BENCH_DIR / "node_modules"

# Every Detente row but detente-cold-search and SEARCH_ROWS skips the Pagefind index
# (--no-search): the peers build none, so that is the like-for-like comparison; the search
# rows show its cost (and hugo+pagefind what a Hugo user would run for the same search).
TOOLS = ("detente-cold", "detente-warm", "detente-edit", "detente-cold-minimal",
         "detente-template-edit", "detente-compiled-md", "detente-cold-search",
         "detente-edit-search", "detente-noop-after-edit", "detente-clone-edit", "python-stack",
         "hugo", "hugo+pagefind", "eleventy")
# The rows of the build users run (search on, one edit per commit), on their own copy of
# the corpus (detente-search-N: its own cache and output, always built with search).
SEARCH_ROWS = ("detente-edit-search", "detente-noop-after-edit", "detente-clone-edit")
DEFAULT_N = (1000, 10000)
CURVE_N = (1000, 3000, 10000, 30000, 100000)
N_ISSUES, N_SOURCES = 30, 1  # fixed by gen_corpus.py, whatever N is
CACHE_DIR = ".detente-cache"
EDIT_MARK = "Benchmark edit"
BUSY_WARNING = 0.3  # cores busy with other work above which the report warns
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
MIB = 1024 * 1024
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# ----------------------------------------------------------------------- measuring
@dataclass(frozen=True)
class Measurement:
    wall_s: float
    cpu_s: float  # user + system of the child and its waited-for descendants (wait4)
    tree_peak_mib: float  # max over samples of the summed RSS of the process tree
    largest_mib: float  # wait4 ru_maxrss: the largest single process of the tree
    tree_pss_mib: float  # max over samples of the summed PSS: shared pages counted once
    sampler_cpu_s: float  # CPU the sampling thread itself used
    elsewhere_cores: float  # mean cores busy with other work during the run (/proc/stat)
    steal: float  # share of the machine's CPU time the hypervisor took during the run
    returncode: int
    stderr_tail: str


class TreeSampler(threading.Thread):
    """Polls /proc for the process tree under `root` and keeps the max of its summed RSS.

    /proc/<pid>/task/<tid>/children is not always compiled in, so children are found by
    listing /proc and reading the parent pid of each process not yet classified; a pid is
    read once, so a poll costs one listdir plus one statm read per process in the tree.
    """

    def __init__(self, root: int, interval_s: float) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.interval_s = interval_s
        self.peak_bytes = 0
        self.peak_pss_bytes = 0
        self._polls = 0
        self.cpu_s = 0.0
        self._tree = {root}
        self._unrelated: set[int] = set()
        self._stop_event = threading.Event()

    def stop(self) -> None:
        self._stop_event.set()
        self.join()

    def run(self) -> None:
        while True:
            self._sample()
            if self._stop_event.wait(self.interval_s):
                break
        self.cpu_s = time.thread_time()

    def _sample(self) -> None:
        new: dict[int, int] = {}
        for name in os.listdir("/proc"):
            if name.isdigit():
                pid = int(name)
                if pid not in self._tree and pid not in self._unrelated:
                    ppid = _parent_pid(pid)
                    if ppid is not None:
                        new[pid] = ppid
        changed = True
        while changed:  # a grandchild may be listed before its parent
            changed = False
            for pid, ppid in list(new.items()):
                if ppid in self._tree:
                    self._tree.add(pid)
                    del new[pid]
                    changed = True
        self._unrelated.update(new)
        total = pss = 0
        self._polls += 1
        with_pss = self._polls % PSS_EVERY == 1  # smaps_rollup is costly: every 10th poll
        for pid in list(self._tree):
            rss = _rss_bytes(pid)
            if rss is None:
                self._tree.discard(pid)
            else:
                total += rss
                pss += (_pss_bytes(pid) or 0) if with_pss else 0
        self.peak_bytes = max(self.peak_bytes, total)
        self.peak_pss_bytes = max(self.peak_pss_bytes, pss)


def _read_proc(path: str) -> bytes | None:
    """A small /proc file, read with one syscall (the sampler runs every few ms)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        return os.read(fd, 4096)
    except OSError:
        return None
    finally:
        os.close(fd)


def _parent_pid(pid: int) -> int | None:
    stat = _read_proc(f"/proc/{pid}/stat")
    if not stat:
        return None
    return int(stat.rpartition(b")")[2].split()[1])  # comm may hold spaces and parentheses


def _rss_bytes(pid: int) -> int | None:
    statm = _read_proc(f"/proc/{pid}/statm")
    fields = statm.split() if statm else []
    return int(fields[1]) * PAGE_SIZE if len(fields) > 1 else None


PSS_EVERY = 10


def _pss_bytes(pid: int) -> int | None:
    """Proportional set size: each shared page divided among the processes sharing it, so
    forked workers' copy-on-write memory is counted once across the tree."""
    rollup = _read_proc(f"/proc/{pid}/smaps_rollup")
    for line in (rollup or b"").splitlines():
        if line.startswith(b"Pss:"):
            return int(line.split()[1]) * 1024
    return None


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)


def _cpu_jiffies() -> tuple[int, int, int]:
    """Machine-wide (busy, steal, total) CPU time from /proc/stat, in clock ticks."""
    with open("/proc/stat", encoding="ascii") as f:
        user, nice, system, idle, iowait, irq, softirq, steal = map(int, f.readline().split()[1:9])
    busy = user + nice + system + irq + softirq
    return busy, steal, busy + idle + iowait + steal


def measure(
    cmd: Sequence[str], cwd: Path, env: dict[str, str], timeout_s: float, interval_s: float
) -> Measurement:
    """Run `cmd` once (own session, output to temp files) and measure it."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        stat_before = _cpu_jiffies()
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd),
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        sampler = TreeSampler(proc.pid, interval_s)
        sampler.start()
        timer = threading.Timer(timeout_s, _kill_group, (proc.pid,))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # Ctrl-C or SIGTERM: the child has its own session
            _kill_group(proc.pid)
            raise
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        busy, steal, total = (b - a for a, b in zip(stat_before, _cpu_jiffies(), strict=True))
        sampler.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        err.seek(0)
        tail = err.read()[-1500:].decode("utf-8", "replace").strip()
    largest = usage.ru_maxrss * 1024  # KiB on Linux
    cpu = usage.ru_utime + usage.ru_stime
    elsewhere = busy / CLOCK_TICKS - cpu - sampler.cpu_s
    return Measurement(
        wall_s=wall,
        cpu_s=cpu,
        tree_peak_mib=max(sampler.peak_bytes, largest) / MIB,  # a fast peak may fall between polls
        largest_mib=largest / MIB,
        tree_pss_mib=sampler.peak_pss_bytes / MIB,
        sampler_cpu_s=sampler.cpu_s,
        elsewhere_cores=max(0.0, elsewhere / wall),
        steal=steal / total if total else 0.0,
        returncode=proc.returncode,
        stderr_tail=tail,
    )


# ----------------------------------------------------------------------- tools
@dataclass(frozen=True)
class Invocation:
    cmd: list[str]
    cwd: Path
    env: dict[str, str]
    out: Path


@dataclass
class ToolResult:
    tool: str
    n: int
    runs: list[Measurement] = field(default_factory=list)
    pages: int | None = None
    error: str | None = None

    def median(self, attr: str) -> float:
        values: list[float] = [getattr(m, attr) for m in self.runs]
        return statistics.median(values)


class Runner:
    """Prepares (untimed) and measures one run of a tool on one corpus."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.sites: Path = args.sites
        self.outs: Path = args.outputs or args.sites / "_out"
        self.python: str = args.python
        self.timeout_s: float = args.timeout
        self.interval_s: float = args.interval / 1000
        self.clean: set[Path] = set()  # sites whose cache and output match their content
        self.edit_originals: dict[Path, str] = {}
        self.just_edited: set[Path] = set()  # search sites whose last timed build was an edit

    def detente_env(self) -> dict[str, str]:
        env = dict(os.environ)
        src = str(REPO / "src")  # benchmark the working tree, installed or not
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
        return env

    def detente(self, site: Path, search: bool = False, compiled_md: bool = False) -> Invocation:
        out = self.outs / site.name
        program = [str(BENCH_DIR / "compiled_markdown.py")] if compiled_md else ["-m", "detente"]
        cmd = [self.python, *program, "build", str(site), "--out", str(out), "--quiet"]
        if not search:
            cmd.append("--no-search")
        return Invocation(cmd, site, self.detente_env(), out)

    def search_invocation(self, tool: str, n: int, round_no: int) -> Invocation:
        """The rows with search on, one edit per commit: an event edited and built; the
        build right after that; a fresh copy of the project (new inodes and mtimes, as a
        CI clone) with the last build's cache and site restored, one more edit, built."""
        site = self.sites / f"detente-search-{n}"
        inv = self.detente(site, search=True)
        if site not in self.clean:
            self.prime(inv)
        if tool == "detente-edit-search":
            self.append_edit(site, n, round_no)
            self.just_edited.add(site)
            return inv
        if tool == "detente-noop-after-edit":
            if site not in self.just_edited:  # run alone: edit and build first, untimed
                self.append_edit(site, n, round_no + 1000)
                self.prime(inv)
            self.just_edited.discard(site)
            return inv
        clone = self.sites / f"clone-{n}"
        shutil.rmtree(clone, ignore_errors=True)
        shutil.copytree(site, clone)  # with .detente-cache: restored by the CI job
        out = self.outs / clone.name
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(inv.out, out, symlinks=True)  # the site: restored too
        edited = self.edit_file(clone, n)
        edited.write_text(edited.read_text(encoding="utf-8") +
                          f"\nClone edit {round_no}: a second round of talks was set.\n",
                          encoding="utf-8")
        self.just_edited.discard(site)
        return self.detente(clone, search=True)

    def pagefind(self) -> str:
        found = capture([self.python, "-c", "from pagefind.service import get_executable; "
                         "print(get_executable())"])
        if not found:
            raise ToolFailed("Pagefind not found", "pip install 'pagefind[extended]'")
        return found.strip()

    def invocation(self, tool: str, n: int, round_no: int) -> Invocation:
        """Do the untimed preparation for `tool` and return what to run."""
        if tool in SEARCH_ROWS:
            return self.search_invocation(tool, n, round_no)
        if tool == "hugo+pagefind":
            out = self.outs / f"hugo-pagefind-{n}"
            shutil.rmtree(out, ignore_errors=True)
            cmd = ["sh", "-c", 'hugo --quiet -d "$1" && "$2" --site "$1" --quiet', "sh",
                   str(out), self.pagefind()]
            return Invocation(cmd, self.sites / f"hugo-{n}", dict(os.environ), out)
        if tool in ("detente-cold", "detente-cold-minimal", "detente-cold-search",
                    "detente-compiled-md"):
            minimal = tool in ("detente-cold-minimal", "detente-compiled-md")
            site = self.sites / (f"detente-min-{n}" if minimal else f"detente-{n}")
            inv = self.detente(site, search=tool == "detente-cold-search",
                               compiled_md=tool == "detente-compiled-md")
            self.clean.discard(site)
            shutil.rmtree(inv.out, ignore_errors=True)
            shutil.rmtree(site / CACHE_DIR, ignore_errors=True)
            return inv
        if tool in ("detente-warm", "detente-edit"):
            site = self.sites / f"detente-{n}"
            inv = self.detente(site)
            if site not in self.clean:
                self.prime(inv)
            if tool == "detente-edit":
                self.append_edit(site, n, round_no)
            return inv
        if tool == "detente-template-edit":
            site = self.sites / f"detente-min-{n}"
            inv = self.detente(site)
            if site not in self.clean:
                self.prime(inv)
            template = site / "templates" / "base.html"
            text = template.read_text(encoding="utf-8")
            self.edit_originals.setdefault(template, text)
            template.write_text(f"{text}{{# Benchmark edit {round_no} #}}\n", encoding="utf-8")
            return inv
        if tool == "hugo":
            out = self.outs / f"hugo-{n}"
            shutil.rmtree(out, ignore_errors=True)
            site = self.sites / f"hugo-{n}"
            return Invocation(["hugo", "--quiet", "-d", str(out)], site, dict(os.environ), out)
        if tool == "python-stack":
            out = self.outs / f"python-stack-{n}"
            shutil.rmtree(out, ignore_errors=True)
            cmd = [self.python, str(BENCH_DIR / "python_stack.py"), str(self.sites / f"raw-{n}"),
                   str(out)]
            return Invocation(cmd, self.sites, dict(os.environ), out)
        if tool == "eleventy":
            out = self.outs / f"eleventy-{n}"
            shutil.rmtree(out, ignore_errors=True)
            site = self.sites / f"eleventy-{n}"
            link = site / "node_modules"  # so that npx finds benchmarks/node_modules
            if not link.exists():
                link.symlink_to(NODE_MODULES, target_is_directory=True)
            cmd = ["npx", "--no-install", "@11ty/eleventy", "--quiet", f"--output={out}"]
            return Invocation(cmd, site, dict(os.environ), out)
        raise ValueError(tool)

    def prime(self, inv: Invocation) -> None:
        """An untimed build so that the cache and output match the content."""
        proc = subprocess.run(
            inv.cmd,
            cwd=inv.cwd,
            env=inv.env,
            capture_output=True,
            text=True,
            timeout=self.timeout_s,
            check=False,
        )
        if proc.returncode != 0:
            tail = proc.stderr[-1500:].strip()
            raise ToolFailed(
                f"priming build `{shlex.join(inv.cmd)}` exited {proc.returncode}", tail
            )
        self.clean.add(inv.cwd)

    def edit_file(self, site: Path, n: int) -> Path:
        return site / "content" / "events" / f"e{n // 2:05d}.md"

    def append_edit(self, site: Path, n: int, round_no: int) -> None:
        path = self.edit_file(site, n)
        text = path.read_text(encoding="utf-8")
        self.edit_originals.setdefault(path, text)
        sentence = f"{EDIT_MARK} {round_no}: the parties agreed to meet again within a week."
        path.write_text(f"{text}\n{sentence}\n", encoding="utf-8")

    def restore_edits(self) -> None:
        for path, text in self.edit_originals.items():
            path.write_text(text, encoding="utf-8")
            for site in path.parents:  # the cache no longer matches the content
                self.clean.discard(site)
        self.edit_originals.clear()

    def run(self, tool: str, n: int, round_no: int) -> tuple[Measurement, Path]:
        inv = self.invocation(tool, n, round_no)
        os.sync()  # write back earlier runs' files now, not during this one
        m = measure(inv.cmd, inv.cwd, inv.env, self.timeout_s, self.interval_s)
        if m.returncode != 0:
            raise ToolFailed(f"`{shlex.join(inv.cmd)}` exited {m.returncode}", m.stderr_tail)
        if tool.startswith("detente"):
            self.clean.add(inv.cwd)
        return m, inv.out


class ToolFailed(Exception):
    def __init__(self, what: str, stderr_tail: str) -> None:
        super().__init__(what)
        self.what = what
        self.stderr_tail = stderr_tail


def count_html(out: Path) -> int:
    return sum(1 for _, _, files in os.walk(out) for f in files if f.endswith(".html"))


# ----------------------------------------------------------------------- corpora
def find_generator(given: Path | None) -> Path:
    for path in [given] if given else GENERATORS:
        if path.is_file():
            return path
    raise SystemExit("gen_corpus.py not found; pass --generator PATH")


def ensure_corpora(
    gen: Path, sites: Path, ns: Sequence[int], tools: Sequence[str], regen: bool
) -> None:
    layouts = sorted({"detente" if t.startswith("detente") else
                      "raw" if t == "python-stack" else
                      "hugo" if t == "hugo+pagefind" else t for t in tools})
    for n in ns:
        missing = [t for t in layouts if regen or not (sites / f"{t}-{n}/MANIFEST.json").exists()]
        if missing:
            print(f"generating N={n}: {' '.join(missing)}", file=sys.stderr, flush=True)
            cmd = [sys.executable, str(gen), "--out", str(sites), "--n", str(n), "--tools"]
            subprocess.run([*cmd, *missing], check=True, stdout=subprocess.DEVNULL)
        if {"detente-cold-minimal", "detente-template-edit", "detente-compiled-md"} & set(tools):
            make_minimal_copy(sites / f"detente-{n}", sites / f"detente-min-{n}")
        if set(SEARCH_ROWS) & set(tools):
            make_search_copy(sites / f"detente-{n}", sites / f"detente-search-{n}")


def make_search_copy(src: Path, dst: Path) -> None:
    """detente-search-N: the detente corpus, for the rows built with search."""
    manifest = (src / "MANIFEST.json").read_text()
    if not (dst / "MANIFEST.json").exists() or (dst / "MANIFEST.json").read_text() != manifest:
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(src, dst, ignore=shutil.ignore_patterns(CACHE_DIR))


def make_minimal_copy(src: Path, dst: Path) -> None:
    """detente-min-N: the detente corpus plus templates/ from benchmarks/minimal-templates."""
    manifest = (src / "MANIFEST.json").read_text()
    if not (dst / "MANIFEST.json").exists() or (dst / "MANIFEST.json").read_text() != manifest:
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(src, dst, ignore=shutil.ignore_patterns(CACHE_DIR))
    shutil.rmtree(dst / "templates", ignore_errors=True)
    shutil.copytree(MINIMAL_TEMPLATES, dst / "templates")


def restore_stale_edit(path: Path) -> None:
    """Undo an edit left behind by an interrupted run."""
    if path.exists():
        text = path.read_text(encoding="utf-8")
        cut = text.find("\n" + EDIT_MARK)
        if cut >= 0:
            path.write_text(text[:cut], encoding="utf-8")


@dataclass(frozen=True)
class Manifest:
    events: int
    actors: int
    pages: int  # expected HTML pages of the like-for-like site

    @property
    def entities(self) -> int:
        return self.events + self.actors + N_ISSUES + N_SOURCES


def manifest(sites: Path, n: int) -> Manifest:
    """The corpus's MANIFEST.json (written by gen_corpus.py; the same for every layout)."""
    for layout in ("hugo", "eleventy", "detente"):
        path = sites / f"{layout}-{n}" / "MANIFEST.json"
        if path.exists():
            data = json.loads(path.read_text())
            return Manifest(
                int(data["events"]), int(data["actors"]), int(data["expected_html_pages"])
            )
    return Manifest(n, n // 20, n + n // 20 + 1)


# ----------------------------------------------------------------------- running
def bench(args: argparse.Namespace, tools: Sequence[str], ns: Sequence[int]) -> list[ToolResult]:
    runner = Runner(args)
    compile_bytecode(args.python)
    results: list[ToolResult] = []
    try:
        for n in ns:
            for layout in ("detente", "detente-search"):
                restore_stale_edit(runner.edit_file(args.sites / f"{layout}-{n}", n))
            by_tool = {t: ToolResult(t, n) for t in tools}
            results.extend(by_tool.values())
            for r in range(1, args.rounds + 1):
                for tool in tools:
                    res = by_tool[tool]
                    if res.error is None:
                        run_once(runner, res, r, args.rounds)
            runner.restore_edits()
    finally:
        runner.restore_edits()
    return results


def compile_bytecode(python: str) -> None:
    """Detente runs from src/, where nothing compiled it (and PYTHONDONTWRITEBYTECODE may
    keep Python from caching it): compile it once, untimed, as `pip install` does for an
    installed package, so that no run pays for compiling ~60 modules."""
    subprocess.run([python, "-m", "compileall", "-q", str(REPO / "src" / "detente")],
                   check=True, stdout=subprocess.DEVNULL)


def run_once(runner: Runner, res: ToolResult, r: int, rounds: int) -> None:
    label = f"[N={res.n} round {r}/{rounds}] {res.tool:<21}"
    try:
        m, out = runner.run(res.tool, res.n, r)
    except (ToolFailed, OSError, subprocess.TimeoutExpired) as exc:
        tail = exc.stderr_tail if isinstance(exc, ToolFailed) else ""
        what = exc.what if isinstance(exc, ToolFailed) else f"{type(exc).__name__}: {exc}"
        res.error = what + (f"\n{tail}" if tail else "")
        print(f"{label} FAILED, skipped from now on: {what}", file=sys.stderr, flush=True)
        return
    res.runs.append(m)
    if res.pages is None:
        res.pages = count_html(out)
    print(
        f"{label} {m.wall_s:7.2f} s  {m.tree_peak_mib:6.0f} MiB  cpu {m.cpu_s:6.2f} s  "
        f"elsewhere {m.elsewhere_cores:.2f} cores  steal {m.steal:.0%}",
        file=sys.stderr,
        flush=True,
    )


# ----------------------------------------------------------------------- reporting
def capture(cmd: Sequence[str], env: dict[str, str] | None = None) -> str | None:
    """stdout of a successful command, else None."""
    try:
        proc = subprocess.run(
            list(cmd), capture_output=True, text=True, timeout=60, env=env, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout.strip() if proc.returncode == 0 else None


def version_of(cmd: Sequence[str], env: dict[str, str] | None = None) -> str:
    out = capture(cmd, env)
    return out.splitlines()[-1].strip() if out else "not available"


def machine_lines(args: argparse.Namespace, gen: Path) -> list[str]:
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_gib = os.sysconf("SC_PHYS_PAGES") * PAGE_SIZE / 1024**3
    det_env = Runner(args).detente_env()
    det = version_of([args.python, "-c", "import detente; print(detente.__version__)"], det_env)
    commit = version_of(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"])
    dirty = bool(capture(["git", "-C", str(REPO), "status", "--porcelain", "--", "src"]))
    eleventy = version_of([str(NODE_MODULES / ".bin" / "eleventy"), "--version"])
    gen_sha = hashlib.sha256(gen.read_bytes()).hexdigest()[:12]
    return [
        f"- Date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- Command: `{shlex.join(['python', 'benchmarks/run.py', *sys.argv[1:]])}`",
        f"- Machine: {os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), {cpu}, "
        f"{mem_gib:.1f} GiB RAM, {platform.system()} {platform.release()}",
        f"- Python: {platform.python_version()} (`{args.python}` runs detente)",
        f"- Detente: {det} (git {commit}{', src/ modified' if dirty else ''})",
        f"- Hugo: {version_of(['hugo', 'version'])}",
        f"- Eleventy: {eleventy} (node {version_of(['node', '--version'])})",
        f"- Corpus: `{gen.name}` sha256 {gen_sha}…, {args.rounds} round(s), "
        f"RSS sampled every {args.interval:g} ms",
        f"- Outputs written to: {_filesystem(Runner(args).outs)}",
    ]


def _filesystem(path: Path) -> str:
    """`path` and the type of file system it is on (the longest matching mount point)."""
    best, kind = "", "unknown"
    with open("/proc/mounts", encoding="utf-8") as mounts:
        for line in mounts:
            fields = line.split()
            if len(fields) >= 3 and str(path.resolve()).startswith(fields[1]) and \
                    len(fields[1]) >= len(best):
                best, kind = fields[1], fields[2]
    return f"`{path}` ({kind})"


def fmt_ratio(value: float, ref: float | None) -> str:
    return f"{value / ref:.2f}×" if ref else "–"


def comparison_table(results: list[ToolResult], n: int) -> list[str]:
    rows = [r for r in results if r.n == n and r.runs]
    hugo = next((r for r in rows if r.tool == "hugo"), None)
    ref_wall = hugo.median("wall_s") if hugo else None
    ref_rss = hugo.median("tree_peak_mib") if hugo else None
    ref_pss = hugo.median("tree_pss_mib") if hugo else None
    lines = [
        "| tool | wall s (median) | wall s (each round) | CPU s | peak RSS MiB (tree) "
        "| peak PSS MiB (tree) | largest process MiB | wall ÷ Hugo | RSS ÷ Hugo | PSS ÷ Hugo "
        "| HTML pages | busy elsewhere |",
        "|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in rows:
        wall, rss = r.median("wall_s"), r.median("tree_peak_mib")
        pss = r.median("tree_pss_mib")
        each = " ".join(f"{m.wall_s:.2f}" for m in r.runs)
        lines.append(
            f"| {r.tool} | {wall:.2f} | {each} | {r.median('cpu_s'):.2f} | {rss:.0f} "
            f"| {pss:.0f} | {r.median('largest_mib'):.0f} | {fmt_ratio(wall, ref_wall)} "
            f"| {fmt_ratio(rss, ref_rss)} | {fmt_ratio(pss, ref_pss)} | {r.pages} "
            f"| {r.median('elsewhere_cores'):.2f} |"
        )
    return lines


def curve_table(results: list[ToolResult], sites: Path) -> list[str]:
    lines = [
        "| N events | entities | wall s (median) | s/entity | marginal s/entity | CPU s "
        "| peak RSS MiB (tree) | MiB per 1k entities | busy elsewhere |",
        "|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    prev: tuple[int, float] | None = None
    for r in sorted((r for r in results if r.runs), key=lambda r: r.n):
        entities = manifest(sites, r.n).entities
        wall, rss = r.median("wall_s"), r.median("tree_peak_mib")
        marginal = f"{(wall - prev[1]) / (entities - prev[0]):.2e}" if prev else "–"
        lines.append(
            f"| {r.n:,} | {entities:,} | {wall:.2f} | {wall / entities:.2e} | {marginal} "
            f"| {r.median('cpu_s'):.2f} | {rss:.0f} | {rss / entities * 1000:.1f} "
            f"| {r.median('elsewhere_cores'):.2f} |"
        )
        prev = (entities, wall)
    return lines


METHOD = """\
Method: wall = `time.perf_counter()` around the subprocess (fork/exec to reap). Peak RSS
(tree) = the maximum over samples of the summed RSS (`/proc/<pid>/statm`) of the command and
all its descendants, polled every few ms, and never less than the largest single process
(`wait4` ru_maxrss); summing RSS counts pages shared between forked workers once per process,
so it errs high for process pools; peak PSS (tree) sums `Pss` from
`/proc/<pid>/smaps_rollup` instead, which divides each shared page among its sharers (the
fair figure for forked workers). CPU s = user + system from `wait4` (child plus waited-for
descendants). Busy elsewhere = mean number of cores other processes kept busy during the run
(machine-wide busy time from `/proc/stat` minus the run's own CPU): above ~0.2 the machine was
shared and times are inflated, most for tools that use both cores. Each cell is the median
over rounds; rounds alternate the tools. Ratios are medians over Hugo's median from the same
run. Before every run (untimed) the cold, Hugo and Eleventy output folder is deleted and
`sync` flushes earlier writes; the OS page cache is warm (the corpus was just written or read).
Detente runs from `src/`, byte-compiled once before the first run (as `pip install` does).
"""


def write_report(
    path: Path, args: argparse.Namespace, gen: Path, results: list[ToolResult], curve: bool
) -> None:
    lines = ["# Detente benchmark results" + (" — detente-cold scaling" if curve else ""), ""]
    lines += [*machine_lines(args, gen), "", METHOD]
    busy = [m.elsewhere_cores for r in results for m in r.runs]
    if busy and statistics.median(busy) > BUSY_WARNING:
        lines += [
            f"**Warning: the machine was shared during this run** (other processes kept a median "
            f"of {statistics.median(busy):.2f} cores busy, see the last column): times are "
            "inflated, most for tools that use both cores. Rerun on a quiet machine before "
            "quoting them.",
            "",
        ]
    if curve:
        ok = any(r.runs for r in results)
        lines += [*(curve_table(results, args.sites) if ok else ["No run succeeded."]), ""]
    else:
        for n in sorted({r.n for r in results}):
            man = manifest(args.sites, n)
            lines += [
                f"## N = {n:,} ({man.events:,} events, {man.actors:,} actors; "
                f"{man.pages:,} pages in the like-for-like site)",
                "",
            ]
            if any(r.runs for r in results if r.n == n):
                lines += [*comparison_table(results, n), ""]
            else:
                lines += ["No tool succeeded.", ""]
    runs = [m for r in results for m in r.runs]
    sampler = max((m.sampler_cpu_s / m.wall_s for m in runs), default=0.0)
    steal = max((m.steal for m in runs), default=0.0)
    if runs:
        lines += [
            f"RSS sampler overhead: at most {sampler:.1%} of one core during a run. "
            f"Hypervisor steal: at most {steal:.0%} of CPU time during a run.",
            "",
        ]
    failed = [r for r in results if r.error]
    if failed:
        lines += ["## Skipped (the command failed; no figures)", ""]
        for r in failed:
            what, _, tail = (r.error or "").partition("\n")
            lines.append(f"- **{r.tool}**, N={r.n:,}: {what}")
            if tail:
                lines += ["", "  ```", *(f"  {t}" for t in tail.splitlines()[-6:]), "  ```"]
        lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)


# ----------------------------------------------------------------------- CLI
def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--n",
        type=int,
        nargs="+",
        help="corpus sizes (default 1000 10000; with --curve 1000 3000 10000 30000 100000)",
    )
    ap.add_argument("--rounds", type=int, help="rounds per N (default 5; with --curve 1)")
    ap.add_argument(
        "--tools",
        nargs="+",
        choices=TOOLS,
        default=list(TOOLS),
        help="tools to run (default: all); always run in the listed canonical order",
    )
    ap.add_argument(
        "--curve",
        action="store_true",
        help="detente-cold only, over N = 1000 ... 100000: s/entity and MiB",
    )
    ap.add_argument(
        "--out-md",
        type=Path,
        help="Markdown results (default "
        "benchmarks/RESULTS.md; with --curve benchmarks/RESULTS-curve.md)",
    )
    ap.add_argument(
        "--outputs",
        type=Path,
        help="where the tools write their sites (default SITES/_out); /dev/shm/... puts "
        "them on tmpfs, to compare the tools' own work without this disk's file creation",
    )
    ap.add_argument(
        "--sites",
        type=Path,
        default=REPO / "bench-sites",
        help="corpora and outputs (default bench-sites/)",
    )
    ap.add_argument("--generator", type=Path, help="path to gen_corpus.py")
    ap.add_argument("--regen", action="store_true", help="regenerate corpora that exist")
    ap.add_argument("--python", default=sys.executable, help="interpreter that runs detente")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per run (default 3600)")
    ap.add_argument("--interval", type=float, default=10, help="RSS poll interval, ms")
    args = ap.parse_args(argv)
    args.sites = args.sites.resolve()
    if args.curve:
        args.tools = ["detente-cold"]
    args.n = args.n or list(CURVE_N if args.curve else DEFAULT_N)
    args.rounds = args.rounds or (1 if args.curve else 5)
    default_md = "RESULTS-curve.md" if args.curve else "RESULTS.md"
    args.out_md = args.out_md or BENCH_DIR / default_md
    return args


def check_peers(tools: Sequence[str]) -> None:
    if {"hugo", "hugo+pagefind"} & set(tools) and shutil.which("hugo") is None:
        raise SystemExit("hugo not found: run benchmarks/setup.sh")
    if "eleventy" in tools and not (NODE_MODULES / ".bin" / "eleventy").exists():
        raise SystemExit("Eleventy not installed: run benchmarks/setup.sh")
    if "detente-compiled-md" in tools and importlib.util.find_spec("markdown_it_pyrs") is None:
        raise SystemExit("markdown-it-pyrs not installed: run benchmarks/setup.sh")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind: kill child, undo edit
    tools = [t for t in TOOLS if t in args.tools]
    check_peers(tools)
    gen = find_generator(args.generator)
    ensure_corpora(gen, args.sites, args.n, tools, args.regen)
    results = bench(args, tools, args.n)
    write_report(args.out_md, args, gen, results, args.curve)
    return 0 if all(r.error is None for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
