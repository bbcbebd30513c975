"""The `detente` command: argument parsing, diagnostics output and exit codes.

Exit codes: 0 clean, 1 content errors (or warnings with --strict), 2 usage or config.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from detente import __version__
from detente.cli.arguments import DetenteParser, project_problem
from detente.cli.workflow import register as register_workflow
from detente.content.report import FORMATS, format_diagnostics, summary_line

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2

Command = Callable[[argparse.Namespace], int]


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", default=".", type=Path,
                        help="the site project: the folder holding detente.yaml (default: .)")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument("--drafts", action="store_true",
                        help="include entities marked 'draft: true'")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="diagnostics as GNU-style text (default), GitHub Actions "
                        "annotations, or a JSON list")
    parser.set_defaults(command_parser=parser, needs_project=True)


def cmd_check(args: argparse.Namespace) -> int:
    """Load and validate everything; print every problem."""
    from detente.content.check import check_project

    result = check_project(args.path, include_drafts=args.drafts)
    diagnostics = result.diagnostics.sorted()
    sys.stdout.write(format_diagnostics(diagnostics, args.format, args.strict))
    if args.format == "text" and diagnostics:
        sys.stderr.write(summary_line(diagnostics, args.strict) + "\n")
    for covered in result.coverage:  # (stderr: stdout is the diagnostics, in any format)
        sys.stderr.write(f"{covered.language}: {covered.translated} of {covered.translatable} "
                         f"translatable fields translated ({covered.percent}%)\n")
    if result.config is None:
        return EXIT_USAGE
    return EXIT_CONTENT if result.diagnostics.has_errors(args.strict) else EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    """Check the project, then render the site into --out (default: site/) atomically."""
    import time

    from detente.build.pipeline import build_site
    from detente.build.progress import BuildReporter, live_display_wanted, summary
    from detente.content.diagnostics import ConfigError, ContentError, DetenteError

    started = time.perf_counter()
    out = args.out if args.out is not None else args.path / "site"
    reporter = BuildReporter(sys.stderr, not args.quiet and live_display_wanted(sys.stderr))
    try:
        result = build_site(args.path, out, include_drafts=args.drafts, strict=args.strict,
                            base_url=args.base_url, search=not args.no_search,
                            progress=reporter, cache_dir=args.cache_dir)
    except ContentError as exc:
        reporter.finish()
        sys.stdout.write(format_diagnostics(exc.diagnostics, args.format, args.strict))
        sys.stderr.write(f"build failed: {summary_line(exc.diagnostics, args.strict)}; "
                         "nothing was written\n")
        return EXIT_USAGE if isinstance(exc, ConfigError) else EXIT_CONTENT
    except DetenteError as exc:
        reporter.finish()
        sys.stderr.write(f"detente: {exc}\n")
        return EXIT_USAGE
    reporter.finish()
    if result.warnings:
        sys.stdout.write(format_diagnostics(result.warnings, args.format))
    if args.verbose and not args.quiet:
        sys.stderr.write(reporter.timings() or "  nothing changed since the last build\n")
    if not args.quiet:
        sys.stderr.write(summary(result.pages, result.changed,
                                 time.perf_counter() - started) + "\n")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = DetenteParser(
        prog="detente",
        description="Detente builds explainer sites about peace negotiations from YAML and "
        "Markdown: who the parties are, what is on the table, who supports what, and what "
        "happened when, with a source for every claim.")
    parser.add_argument("--version", action="version", version=f"detente {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    check = commands.add_parser("check", help="validate a site project and report problems",
                                description=cmd_check.__doc__)
    _add_common(check)
    check.set_defaults(run=cmd_check)
    build = commands.add_parser("build", help="check, then render the site",
                                description=cmd_build.__doc__)
    _add_common(build)
    build.add_argument("--out", type=Path, default=None,
                       help="output folder (default: PATH/site); only a folder Detente created, "
                       "or an empty one, is replaced")
    build.add_argument("--base-url", default=None,
                       help="override base_url from detente.yaml (e.g. for a preview)")
    build.add_argument("--quiet", action="store_true", help="print nothing but problems")
    build.add_argument("--verbose", action="store_true",
                       help="list the build's stages and how long each took")
    build.add_argument("--no-search", action="store_true",
                       help="skip the search index (Pagefind): a quicker build for previews")
    build.add_argument("--cache-dir", type=Path, default=None,
                       help="where to keep the build cache (default: PATH/.detente-cache)")
    build.set_defaults(run=cmd_build)
    for register in EXTRA_COMMANDS:
        register(commands)
    return parser


# Later command modules add themselves here: each takes the subparsers object.
EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction[DetenteParser]], None]] = [
    register_workflow,  # serve, init, new, schema
]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extras = parser.parse_known_args(argv)
    if extras:  # told by the command that was run, with its usage
        args.command_parser.reject_extras(extras)
    problem = project_problem(args.path, args.command) if args.needs_project else None
    if problem is not None:
        sys.stderr.write(f"detente: {problem}\n")
        return EXIT_USAGE
    run: Command = args.run
    try:
        return run(args)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130
