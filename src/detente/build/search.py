"""The search index: Pagefind, run over the finished pages in the staging folder.

It runs before the new site is swapped in, so a failed index fails the whole build and the
previous site stays. Pagefind's output depends only on the HTML it reads, so when no page
changed the previous index is carried over instead of built again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

from detente.build.write import MARKER
from detente.content.diagnostics import DetenteError

INDEX_DIR = "pagefind"
STAMP = ".detente-index"  # in INDEX_DIR: what the index was built from
ENTRY = "pagefind-entry.json"  # in INDEX_DIR: the index's languages


def pagefind_binary() -> Path:
    found: Path | None = None
    try:
        from pagefind.service import get_executable
    except ImportError:
        pass
    else:
        found = get_executable()
    if found is None or not found.is_file():
        raise DetenteError("the search index needs Pagefind, which is not installed: "
                           "pip install 'pagefind[extended]', or build with --no-search")
    return found


def build_index(staging: Path, current: Path, names: Iterable[str] | None = None,
                known: Mapping[str, str] | None = None) -> bool:
    """Index `staging` into staging/pagefind/, reusing the index of the site now at `current`
    if it was built from the same pages. `names`: the files in `staging`; `known`: digests
    of some of them (the pages, whose digests the build has), so that only the others are
    read to tell (all of them without). True if Pagefind ran."""
    binary = pagefind_binary()
    if names is None:
        names = [p.relative_to(staging).as_posix() for p in staging.rglob("*.html")
                 if INDEX_DIR not in p.relative_to(staging).parts[:1]]
    stamp = _stamp(staging, binary, names, known or {})
    if (current / MARKER).is_file() and _reuse(current / INDEX_DIR, staging / INDEX_DIR, stamp):
        return False
    # PAGEFIND_* variables would change the output; the options here are the only ones.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    command = [str(binary), "--site", ".", "--output-subdir", INDEX_DIR, "--quiet"]
    try:
        done = subprocess.run(command, cwd=staging, env=env, capture_output=True, text=True,
                              check=False)
    except OSError as exc:
        raise DetenteError(f"the search index failed: could not run Pagefind ({exc})") from None
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip().splitlines()[-10:]
        raise DetenteError("the search index failed: Pagefind exited with "
                           f"{done.returncode}:\n" + "\n".join(output))
    _sort_languages(staging / INDEX_DIR / ENTRY)
    (staging / INDEX_DIR / STAMP).write_text(stamp, encoding="utf-8")
    return True


def _sort_languages(entry: Path) -> None:
    """Pagefind lists a multilingual site's languages in an order of its own, which varies
    from run to run: sorted here, so that builds are byte-identical."""
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    languages = data.get("languages") if isinstance(data, dict) else None
    if not isinstance(languages, dict) or len(languages) < 2:
        return
    data["languages"] = dict(sorted(languages.items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                     encoding="utf-8")


def _stamp(staging: Path, binary: Path, names: Iterable[str], known: Mapping[str, str]) -> str:
    """Pagefind's version and a digest of every HTML file it reads."""
    digest = hashlib.sha256()
    for relative in sorted(n for n in names if n.endswith(".html")):
        page = known.get(relative)
        if page is None:
            page = hashlib.blake2b((staging / relative).read_bytes(), digest_size=16).hexdigest()
        digest.update(relative.encode("utf-8") + b"\0" + page.encode() + b"\n")
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True,
                             check=False).stdout.strip()
    return f"{version}\n{digest.hexdigest()}\n"


def _reuse(old: Path, new: Path, stamp: str) -> bool:
    try:
        if (old / STAMP).read_text(encoding="utf-8") != stamp:
            return False
    except OSError:
        return False
    if new.exists():
        shutil.rmtree(new)
    shutil.copytree(old, new, copy_function=_link_or_copy)
    return True


def carry_over_index(staging: Path, current: Path) -> None:
    """Keep the index of the site now at `current`, as it is (the preview's choice: a
    search index a few edits old, rather than a slow rebuild after every edit)."""
    old = current / INDEX_DIR
    if (current / MARKER).is_file() and old.is_dir():
        shutil.copytree(old, staging / INDEX_DIR, copy_function=_link_or_copy)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
