"""The editor-workflow commands (serve, init, new, schema), registered into `cli`.

Only argument parsing lives here; each command's module is imported when it runs, so
`detente check` does not pay for the dev server or the scaffolding.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from detente.cli.arguments import DetenteParser

    Subparsers: TypeAlias = argparse._SubParsersAction[DetenteParser]


def register(commands: Subparsers) -> None:
    _serve(commands)
    _init(commands)
    _new(commands)
    _schema(commands)


def _path_argument(parser: argparse.ArgumentParser, needs_project: bool = True) -> None:
    parser.add_argument("path", nargs="?", default=".", type=Path,
                        help="the site project (default: .)")
    parser.set_defaults(command_parser=parser, needs_project=needs_project)


def _serve(commands: Subparsers) -> None:
    parser = commands.add_parser(
        "serve", help="preview the site, rebuilding and reloading the browser on every save",
        description="Build the site into .detente-cache/ (or --cache-dir), serve it on this "
        "machine and watch "
        "detente.yaml, content/, templates/ and static/: every save rebuilds and reloads open "
        "pages. A failed build keeps the last good site and shows the problems in the "
        "browser and here. Ctrl-C stops.")
    _path_argument(parser)
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=8000,
                        help="port (default: 8000; 0 picks a free one)")
    parser.add_argument("--drafts", action="store_true",
                        help="include entities marked 'draft: true'")
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help="where to keep the build cache and the preview "
                        "(default: PATH/.detente-cache)")
    parser.set_defaults(run=_run_serve)


def _run_serve(args: argparse.Namespace) -> int:
    from detente.serve.command import run_serve

    return run_serve(args.path, args.host, args.port, args.drafts, cache_dir=args.cache_dir)


def _init(commands: Subparsers) -> None:
    parser = commands.add_parser(
        "init", help="start a new site project (a sample that builds at once)",
        description="Create DIR with detente.yaml, a short fictional sample negotiation in "
        "content/, a .gitignore, a README, and CI files for GitHub Actions and GitLab CI that "
        "run 'detente build --strict' on every commit and publish site/ to Pages. DIR must "
        "not exist or be empty.")
    parser.add_argument("dir", type=Path, help="the folder to create")
    parser.add_argument("--title", default=None, help="the site's title")
    parser.add_argument("--requirement", default=None, metavar="SPEC",
                        help="the line of requirements.txt that installs Detente in CI "
                        "(default: what this Detente was installed from)")
    parser.set_defaults(run=_run_init, command_parser=parser, needs_project=False)


def _run_init(args: argparse.Namespace) -> int:
    from detente.cli.scaffold.project import (
        DEFAULT_TITLE,
        create_project,
        installed_requirement,
        is_local,
    )
    from detente.content.diagnostics import DetenteError

    requirement = args.requirement or installed_requirement()
    try:
        files = create_project(args.dir, args.title or DEFAULT_TITLE, requirement)
    except (DetenteError, OSError) as exc:
        sys.stderr.write(f"detente: {exc}\n")
        return 2
    sys.stdout.write(f"Created {args.dir} ({len(files)} files). Next:\n"
                     f"    cd {args.dir}\n    detente serve      # preview, reloads on save\n")
    if is_local(requirement):
        sys.stderr.write(f"detente: note: requirements.txt installs Detente from this machine "
                         f"('{requirement.strip()}'), which CI elsewhere cannot reach: run "
                         "'detente init' with --requirement 'detente @ git+https://...' (a "
                         "repository CI can clone) or edit the file before you publish\n")
    return 0


def _new(commands: Subparsers) -> None:
    parser = commands.add_parser(
        "new", help="start a content file with every field listed",
        description="Write content/KIND/ID.yaml with the required fields to fill in and the "
        "optional ones commented out. Refuses an id already used by any entity. For "
        "positions, ID names the list file; a new entry is appended if it exists.")
    parser.add_argument("kind", help="event, party, actor, issue, proposal, position, "
                        "timeline, source or page (singular or plural)")
    parser.add_argument("id", help="the new id: lowercase letters, digits and hyphens")
    _path_argument(parser)
    parser.add_argument("--title", default=None,
                        help="the title (or name, for parties and actors)")
    parser.add_argument("--lang", default=None,
                        help="translate the existing entity ID into LANG instead: write "
                        "content/KIND/ID.LANG.yaml listing its translatable fields")
    parser.set_defaults(run=_run_new)


def _run_new(args: argparse.Namespace) -> int:
    from detente.cli.scaffold.overlay import create_overlay
    from detente.cli.scaffold.stub import create_stub
    from detente.content.diagnostics import DetenteError

    try:
        made = create_overlay(args.path, args.kind, args.id, args.lang) if args.lang else \
            create_stub(args.path, args.kind, args.id, args.title)
    except (DetenteError, OSError) as exc:
        sys.stderr.write(f"detente: {exc}\n")
        return 2
    shown = made.path.relative_to(args.path) if made.path.is_relative_to(args.path) else made.path
    verb = "Added a position to" if made.appended else "Created"
    to_do = ("fill in " + ", ".join(made.to_fill) if made.to_fill else
             "translate the fields listed" if args.lang else "every required field has a value")
    sys.stdout.write(f"{verb} {shown}: {to_do}; then run 'detente check'.\n")
    return 0


def _schema(commands: Subparsers) -> None:
    parser = commands.add_parser(
        "schema", help="write JSON Schemas so editors complete and check content files",
        description="Write a JSON Schema (draft 2020-12) for every kind and for detente.yaml, "
        "and editor-settings.json: the 'yaml.schemas' setting that maps content/<kind>/*.yaml "
        "to them for VS Code's YAML extension or any yaml-language-server client.")
    _path_argument(parser, needs_project=False)  # schemas are useful before a project
    parser.add_argument("--out", type=Path, default=None,
                        help="the folder for the schemas (default: PATH/schemas)")
    parser.add_argument("--vscode", action="store_true",
                        help="also add the mapping to PATH/.vscode/settings.json")
    parser.set_defaults(run=_run_schema)


def _run_schema(args: argparse.Namespace) -> int:
    from detente.cli.jsonschemas import merge_vscode_settings, write_schemas

    out = args.out if args.out is not None else args.path / "schemas"
    try:
        written = write_schemas(args.path, out)
        settings = merge_vscode_settings(args.path, out) if args.vscode else None
    except (OSError, ValueError) as exc:
        sys.stderr.write(f"detente: {exc}\n")
        return 2
    sys.stdout.write(f"Wrote {len(written)} files to {out}.\n")
    if settings is not None:
        sys.stdout.write(f"Updated {settings}: VS Code's YAML extension now checks content "
                         "files as you type.\n")
    else:
        sys.stdout.write(f"Editors: copy 'yaml.schemas' from {out / 'editor-settings.json'} "
                         "into your settings (or run again with --vscode).\n")
    return 0
