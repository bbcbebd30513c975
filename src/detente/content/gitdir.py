"""Where a project's git folder is, and a stamp of its state: stat calls only, for the
warm-build shortcut, which must notice a commit without running git."""

from __future__ import annotations

from pathlib import Path


def history_stamp(project: Path) -> str:
    """Something that changes with every commit, checkout or fetch of the project's
    repository, from a few stat calls (no git process): its HEAD's reflog and whether it is
    shallow. '' outside a checkout."""
    git_dir = _git_dir(project)
    if git_dir is None:
        return ""
    stamps = []
    for name in ("HEAD", "logs/HEAD", "shallow"):
        try:
            st = (git_dir / name).stat()
        except OSError:
            stamps.append(f"{name}:-")
            continue
        stamps.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    return " ".join(stamps)


def _git_dir(project: Path) -> Path | None:
    """The git folder of the checkout holding `project` (a worktree's '.git' is a file
    naming it)."""
    for folder in (project.resolve(), *project.resolve().parents):
        dot_git = folder / ".git"
        if dot_git.is_dir():
            return dot_git
        if dot_git.is_file():
            try:
                text = dot_git.read_text(encoding="utf-8", errors="replace").strip()
            except OSError:
                return None
            if text.startswith("gitdir:"):
                return (folder / text.removeprefix("gitdir:").strip()).resolve()
            return None
    return None
