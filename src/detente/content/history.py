"""When each content file last changed, from the project's git history: one `git log` per
build, and pages dated from it where the editor did not say (`updated:`).

Deterministic for a given commit (the committer dates of the commits that touched each
file). A shallow clone has not the history to say: it dates nothing and is a warning, never
a wrong date. Outside a git checkout, or without git, nothing is dated.
"""

from __future__ import annotations

import dataclasses
import subprocess
from dataclasses import dataclass
from pathlib import Path

from detente.content.config import CONFIG_FILE
from detente.content.dates import DateError, PartialDate, parse_date
from detente.content.diagnostics import Diagnostics, SourceSpan
from detente.content.model import Entity

_GIT = ("git", "-c", "core.quotepath=off", "-c", "log.showSignature=false")
SHALLOW_MESSAGE = "dates from git need the full history: fetch-depth: 0"
SHALLOW_HINT = ("this is a shallow clone, so pages without 'updated:' show no date; fetch "
                "the whole history (actions/checkout: 'fetch-depth: 0'; "
                "'git fetch --unshallow')")


@dataclass(frozen=True, slots=True)
class History:
    dates: dict[str, PartialDate]  # content file (relative to the project) → its last commit
    shallow: bool = False


def _git(project: Path, *args: str) -> str | None:
    try:
        done = subprocess.run([*_GIT, "-C", str(project), *args], capture_output=True,
                              check=False, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.decode("utf-8", "surrogateescape") if done.returncode == 0 else None


def read_history(project: Path) -> History:
    shallow = _git(project, "rev-parse", "--is-shallow-repository")
    if shallow is None:  # not a git checkout, or no git
        return History({})
    if shallow.strip() == "true":
        return History({}, shallow=True)
    log = _git(project, "log", "--format=%x1e%cI", "--name-only", "--no-renames",
               "--relative", "-z", "--", "content")
    return History(parse_log(log or ""))


def parse_log(log: str) -> dict[str, PartialDate]:
    """`git log --format=%x1e%cI --name-only -z` → each path's newest commit date."""
    dates: dict[str, PartialDate] = {}
    for commit in log.split("\x1e")[1:]:
        stamp, _, names = commit.partition("\0")
        try:
            date = parse_date(stamp.strip())
        except DateError:
            continue
        for name in names.lstrip("\n").split("\0"):
            if name and name not in dates:  # newest first: the first date is the latest
                dates[name] = date
    return dates


def dated(entities: list[Entity], history: History) -> list[Entity]:
    """The entities with `modified` set from the newest commit touching their files."""
    if not history.dates:
        return entities
    out = []
    for entity in entities:
        date = _newest(history.dates, entity)
        out.append(entity if date is None or entity.kind == "positions" else
                   dataclasses.replace(entity, modified=date))
    return out


def _newest(dates: dict[str, PartialDate], entity: Entity) -> PartialDate | None:
    found = [dates[p] for p in {entity.span.path, entity.body.span.path if entity.body
                                else entity.span.path} if p in dates]
    return max(found, key=PartialDate.sort_key) if found else None


def report_shallow(history: History, ignored: tuple[str, ...], diagnostics: Diagnostics) -> None:
    if history.shallow and "shallow-history" not in ignored:
        diagnostics.warning(SourceSpan(CONFIG_FILE), SHALLOW_MESSAGE, SHALLOW_HINT,
                            "shallow-history")
