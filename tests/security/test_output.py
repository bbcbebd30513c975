"""Filesystem and output faults (guarantee 4: fail closed and atomic).

Whatever goes wrong (a refused --out, a link out of the project, a full disk, a file too
large, a failed write or rename, kill -9 at any moment, Ctrl-C), `site/` is either the
previous build byte for byte or the new one complete, the exit code says so, and the next
build succeeds and equals a clean one. Only folders Detente created are replaced or deleted.
"""

from __future__ import annotations

import errno
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from detente.build import write
from tests.helpers.sites import REPO, detente, hash_tree
from tests.security import kit

SECRET = b"TOP-SECRET-OUTSIDE-THE-PROJECT"


def leftovers(folder: Path) -> list[str]:
    """Staging or swapped-out folders a build left beside its output."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".site."))


def python_build(project: Path, out: Path, limit_size: bool = False,
                 **popen: object) -> subprocess.Popen[str]:
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "detente", "build", str(project), "--out", str(out),
         "--no-search", "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO / "src")),
        preexec_fn=_limit_file_size if limit_size else _default_sigint, **popen)


def _default_sigint() -> None:
    """A shell starts background jobs with SIGINT ignored, and children inherit that; the
    build must see Ctrl-C as a terminal would send it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _limit_file_size() -> None:
    _default_sigint()
    resource.setrlimit(resource.RLIMIT_FSIZE, (16_000, 16_000))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """The kit site, built once into its site/."""
    project = kit.write_site(tmp_path / "project")
    assert kit.build(project, project / "site").code == 0
    return project


# ---------------------------------------------------------------- where it may write
@pytest.mark.parametrize(("where", "message"), [
    ("project", "refusing to write the site to {p}: it holds the project itself"),
    ("parent", "refusing to write the site to {r}: it holds the project itself"),
    ("root", "refusing to write the site to /: it holds the project itself"),
    ("content", "refusing to write the site to {p}/content: it is inside content/"),
    ("content/site", "refusing to write the site to {p}/content/site: it is inside content/"),
    ("static/out", "refusing to write the site to {p}/static/out: it is inside static/"),
    ("templates/out", "refusing to write the site to {p}/templates/out: it is inside "
                      "templates/"),
    ("a file", "refusing to write the site to {r}/file.txt: it is not a folder"),
    ("foreign", "refusing to replace {r}/foreign: Detente did not create it and it is not empty "
                "(delete it, or choose another --out)"),
    ("link to foreign", "refusing to replace {r}/link: Detente did not create it and it is not "
                        "empty (delete it, or choose another --out)"),
])
def test_out_is_refused_with_the_reason(tmp_path: Path, where: str, message: str) -> None:
    project = kit.write_site(tmp_path / "p")
    (project / "templates").mkdir()
    (project / "static").mkdir()
    (tmp_path / "file.txt").write_text("keep\n")
    (tmp_path / "foreign").mkdir()
    (tmp_path / "foreign" / "notes.txt").write_text("keep\n")
    (tmp_path / "link").symlink_to(tmp_path / "foreign")
    out = {"project": project, "parent": tmp_path, "root": Path("/"),
           "a file": tmp_path / "file.txt", "foreign": tmp_path / "foreign",
           "link to foreign": tmp_path / "link"}.get(where, project / where)
    before = hash_tree(tmp_path)
    run = detente("build", project, "--out", out, "--no-search")
    assert (run.code, run.stderr) == (2, "detente: " + message.format(p=project, r=tmp_path)
                                      + "\n")
    assert hash_tree(tmp_path) == before


def test_folders_detente_did_not_make_are_never_deleted(built: Path) -> None:
    for name in (".site.tmp-1", ".site.old-1"):
        (built / name).mkdir()
        (built / name / "keep.txt").write_text("mine\n")
    (built / "content/pages/index.md").write_text("Changed.\n")
    assert kit.build(built, built / "site").code == 0
    for name in (".site.tmp-1", ".site.old-1"):
        assert (built / name / "keep.txt").read_text() == "mine\n"


def test_a_site_swapped_out_by_a_killed_build_is_restored(built: Path) -> None:
    """Killed between the two renames of the fallback swap: site/ is at .site.old-<pid>."""
    before = hash_tree(built / "site")
    os.rename(built / "site", built / ".site.old-12345")
    assert kit.build(built, built / "site").code == 0
    assert hash_tree(built / "site") == before
    assert leftovers(built) == []


# ---------------------------------------------------------------- links and names
def test_a_static_link_out_of_the_project_is_an_error_and_not_copied(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_bytes(SECRET)
    project = kit.write_site(tmp_path / "p")
    (project / "static").mkdir()
    (project / "static" / "leak.txt").symlink_to(tmp_path / "secret.txt")
    assert kit.problems(project) == [
        f"static/leak.txt:1:1: error: 'static/leak.txt' is a symbolic link to "
        f"'{tmp_path}/secret.txt', outside the project"]
    assert kit.build(project, tmp_path / "site").code == 1
    assert not (tmp_path / "site").exists() and leftovers(tmp_path) == []


def test_a_content_link_out_of_the_project_is_an_error_and_not_read(tmp_path: Path) -> None:
    (tmp_path / "outside.yaml").write_bytes(b"title: " + SECRET + b"\n")
    project = kit.write_site(tmp_path / "p")
    (project / "content/issues/outside.yaml").symlink_to(tmp_path / "outside.yaml")
    run = kit.check_output(project)
    assert run.stdout.splitlines()[0] == (
        f"content/issues/outside.yaml:1:1: error: 'content/issues/outside.yaml' is a symbolic "
        f"link to '{tmp_path}/outside.yaml', outside the project")
    assert kit.build(project, tmp_path / "site").code == 1


def test_a_folder_link_is_an_error_not_a_silent_skip(tmp_path: Path) -> None:
    project = kit.write_site(tmp_path / "p", extra={"pictures/a.png": b"png"})
    (project / "static").mkdir()
    (project / "static" / "pictures").symlink_to(project / "pictures")
    assert kit.problems(project) == [
        "static/pictures:1:1: error: 'static/pictures' is a symbolic link to a folder, which "
        "Detente does not follow"]


def test_a_link_that_stays_inside_the_project_is_followed(tmp_path: Path) -> None:
    project = kit.write_site(tmp_path / "p", extra={"pictures/a.png": b"png bytes"})
    (project / "static").mkdir()
    (project / "static" / "a.png").symlink_to(project / "pictures" / "a.png")
    kit.build_pages(project, tmp_path / "site")
    assert (tmp_path / "site/static/a.png").read_bytes() == b"png bytes"
    assert not (tmp_path / "site/static/a.png").is_symlink()


def test_static_files_named_like_pages_stay_under_static(tmp_path: Path) -> None:
    project = kit.write_site(tmp_path / "p", extra={
        "static/index.html": "<p>static home</p>\n", "static/404.html": "<p>static 404</p>\n",
        "static/assets/detente.css": "p{}\n", "static/feed.xml": "<feed/>\n",
        "static/.detente-site": "a marker of our own\n"})
    pages = kit.build_pages(project, tmp_path / "site")
    assert "<h1>Strait talks</h1>" in pages["index.html"]
    assert pages["static/index.html"] == "<p>static home</p>\n"
    assert pages["static/feed.xml"] == "<feed/>\n"
    assert (tmp_path / "site/static/assets/detente.css").read_text() == "p{}\n"
    assert (tmp_path / "site/assets/detente.css").read_bytes() != b"p{}\n"
    assert not (tmp_path / "site/static/.detente-site").exists()  # dotfiles are not copied


# ---------------------------------------------------------------- write failures
def failed_cleanly(project: Path, reason: str, before: dict[str, str]) -> None:
    """A build in this process fails with `reason` in one line and leaves site/ as it was."""
    run = detente("build", project, "--out", project / "site", "--no-search")
    assert (run.code, run.stderr) == (2, f"detente: the build failed: {reason}; nothing was "
                                         "written, the previous site is as it was\n")
    assert hash_tree(project / "site") == before
    assert leftovers(project) == []


@pytest.mark.parametrize("after", [0, 3, 20])
def test_a_full_disk_at_any_write_leaves_the_site(built: Path, after: int,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    before = hash_tree(built / "site")
    config = built / "detente.yaml"  # a new site title: every page is written again
    config.write_text(config.read_text().replace("Strait talks", "Strait talks, again"))
    real = Path.write_bytes
    calls = []

    def full_disk(path: Path, data: bytes) -> int:  # type: ignore[override]
        calls.append(path)
        if ".site.tmp-" in str(path) and len(calls) > after:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    failed_cleanly(built, "No space left on device", before)


def test_a_failed_swap_puts_the_previous_site_back(built: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Without renameat2 the swap is two renames; the second failing must undo the first."""
    before = hash_tree(built / "site")
    (built / "content/pages/index.md").write_text("Changed.\n")
    monkeypatch.setattr(write, "libc", lambda: None)  # a C library without renameat2
    real = os.rename

    def rename(src: str | Path, dst: str | Path) -> None:
        if ".site.tmp-" in str(src):
            raise OSError(errno.EIO, "Input/output error")
        real(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    failed_cleanly(built, "Input/output error", before)


def test_a_file_too_large_for_the_limit_fails_cleanly(built: Path) -> None:
    """A real OS write failure (RLIMIT_FSIZE: EFBIG), in a child process."""
    before = hash_tree(built / "site")
    (built / "content/pages/index.md").write_text("Changed. " * 2000 + "\n")
    proc = python_build(built, built / "site", limit_size=True)
    _out, err = proc.communicate(timeout=300)
    assert (proc.returncode, err) == (2, "detente: the build failed: File too large; nothing "
                                         "was written, the previous site is as it was\n")
    assert hash_tree(built / "site") == before
    assert leftovers(built) == []


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    # Room for two builds of the small site (share pictures and all: the new one is staged
    # beside the old), and not for sixty more events.
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1500k", "tmpfs", str(mount)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_really_full_disk_leaves_the_site_and_the_next_build_succeeds(
        tmp_path: Path, small_disk: Path) -> None:
    project = kit.write_site(tmp_path / "p")
    site = small_disk / "site"
    assert kit.build(project, site).code == 0
    before = hash_tree(site)
    events = "".join(f"- id: e{i}\n  title: Event {i}\n  date: 2024-02-01\n  source: readout\n"
                     f"  summary: {'Long words. ' * 300}\n" for i in range(60))
    (project / "content/events/many.yaml").write_text(events)
    run = kit.build(project, site)
    assert (run.code, run.stderr) == (2, "detente: the build failed: No space left on device; "
                                         "nothing was written, the previous site is as it "
                                         "was\n")
    assert hash_tree(site) == before
    assert leftovers(small_disk) == []
    (project / "content/events/many.yaml").unlink()
    (project / "content/pages/index.md").write_text("Room again.\n")
    assert kit.build(project, site).code == 0
    assert "<p>Room again.</p>" in (site / "index.html").read_text()


# ---------------------------------------------------------------- kill -9 and Ctrl-C
N_EVENTS = 450  # over the threshold where rendering forks workers


def _many_events(project: Path, title: str, count: int = N_EVENTS) -> None:
    (project / "content/events/many.yaml").write_text("".join(
        f"- id: e{i}\n  title: {title} {i}\n  date: 2024-01-{1 + i % 28:02d}\n"
        f"  source: readout\n  parties: [northern-union]\n  summary: About [[water-plan]].\n"
        for i in range(count)))


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str],
                                                                 dict[str, str], float]:
    """A large project built as it was (old) and, clean, as edited (new); and how long a
    build of the edit takes."""
    root = tmp_path_factory.mktemp("versions")
    old = kit.write_site(root / "old")
    _many_events(old, "Event")
    assert kit.build(old, old / "site").code == 0
    new = root / "new"
    shutil.copytree(old, new, ignore=shutil.ignore_patterns("site", ".detente-cache"))
    _many_events(new, "Edited event")
    started = time.monotonic()
    assert kit.build(new, new / "site").code == 0
    return old, hash_tree(old / "site"), hash_tree(new / "site"), time.monotonic() - started


def _our_processes(project: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if entry.name.isdigit() and str(project).encode() in command:
            found.append(int(entry.name))
    return found


@pytest.mark.parametrize("seed", range(5))
def test_kill_9_at_any_moment_leaves_old_or_new_and_the_next_build_is_clean(
        tmp_path: Path, versions: tuple[Path, dict[str, str], dict[str, str], float],
        seed: int) -> None:
    old, old_tree, new_tree, seconds = versions
    project = tmp_path / "project"
    shutil.copytree(old, project, symlinks=True)
    _many_events(project, "Edited event")
    proc = python_build(project, project / "site")
    time.sleep(random.Random(seed).uniform(0.0, 1.1) * seconds)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    deadline = time.monotonic() + 10
    while _our_processes(project) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _our_processes(project) == []  # no worker outlives the build
    assert hash_tree(project / "site") in (old_tree, new_tree)
    assert kit.build(project, project / "site").code == 0
    assert hash_tree(project / "site") == new_tree
    assert leftovers(project) == []


def test_ctrl_c_exits_130_and_leaves_the_site(
        tmp_path: Path, versions: tuple[Path, dict[str, str], dict[str, str], float]) -> None:
    old, old_tree, _new_tree, _seconds = versions
    for attempt in range(3):  # on a loaded machine a build may finish before the signal lands
        project = tmp_path / f"project-{attempt}"
        shutil.copytree(old, project, symlinks=True)
        _many_events(project, "Edited event", 4 * N_EVENTS)  # rendering takes a while
        shutil.rmtree(project / ".detente-cache", ignore_errors=True)  # a full build: slower
        proc = python_build(project, project / "site", start_new_session=True)
        deadline = time.monotonic() + 60  # interrupt once the build is writing (staging exists)
        while proc.poll() is None and not list(project.glob(".site.tmp-*")) and \
                time.monotonic() < deadline:
            time.sleep(0.01)
        os.killpg(proc.pid, signal.SIGINT)  # as the terminal does: the whole process group
        _out, err = proc.communicate(timeout=60)
        if proc.returncode != 0:
            break
    # 130, or killed by SIGINT (-2: Python re-raises it at exit so shells see 130 as well)
    assert (proc.returncode in (130, -signal.SIGINT), err) == (True, "interrupted\n")
    assert hash_tree(project / "site") == old_tree
    assert leftovers(project) == []


def test_an_unsafe_page_leaves_the_previous_site(built: Path) -> None:
    before = hash_tree(built / "site")
    config = built / "detente.yaml"
    config.write_text(config.read_text() + "markdown: {allow_html: true}\n")
    (built / "content/pages/index.md").write_text("<img src=x onerror=alert(1)>\n")
    run = kit.build(built, built / "site")
    assert run.code == 1
    assert run.stdout.startswith("site/index.html:")
    assert hash_tree(built / "site") == before
    assert leftovers(built) == []


def test_an_unsafe_page_found_by_a_forked_worker_fails_the_build(
        tmp_path: Path, versions: tuple[Path, dict[str, str], dict[str, str], float]) -> None:
    """Over the threshold, pages are scanned in the render workers: their findings count."""
    old, old_tree, _new_tree, _seconds = versions
    project = tmp_path / "project"
    shutil.copytree(old, project, symlinks=True)
    config = project / "detente.yaml"
    config.write_text(config.read_text() + "markdown: {allow_html: true}\n")
    events = project / "content/events/many.yaml"
    events.write_text(events.read_text().replace("  summary: About [[water-plan]].\n",
                                                 "  summary: <svg onload=alert(1)>\n", 1))
    run = kit.build(project, project / "site")
    assert run.code == 1
    assert re.search(r"^site/events/e0/index\.html:\d+:\d+: error: unsafe output: "
                     r"event-handler attribute 'onload' on <svg>$", run.stdout, re.MULTILINE)
    assert hash_tree(project / "site") == old_tree
