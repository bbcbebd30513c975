"""The editor-workflow commands (serve, init, new, schema), registered into `cli`.

Only argument parsing lives here; each command's module is imported when it runs, so
`detente check` does not pay for the dev server or the scaffolding.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    Subparsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: Subparsers) -> None:
    _serve(commands)


def _serve(commands: Subparsers) -> None:
    parser = commands.add_parser(
        "serve", help="preview the site, rebuilding and reloading the browser on every save",
        description="Build the site into .detente-cache/, serve it on this machine and watch "
        "detente.yaml, content/, templates/ and static/: every save rebuilds and reloads open "
        "pages. A failed build keeps the last good site and shows the problems in the "
        "browser and here. Ctrl-C stops.")
    parser.add_argument("path", nargs="?", default=".", type=Path,
                        help="the site project (default: .)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=8000,
                        help="port (default: 8000; 0 picks a free one)")
    parser.add_argument("--drafts", action="store_true",
                        help="include entities marked 'draft: true'")
    parser.set_defaults(run=_run_serve)


def _run_serve(args: argparse.Namespace) -> int:
    from detente.serve.command import run_serve

    return run_serve(args.path, args.host, args.port, args.drafts)
