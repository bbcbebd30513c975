"""Usage errors that say what was meant: a did-you-mean for commands, choices and options,
the usage of the command that was run, and where the site project is when it is not here.

Every usage error exits with 2, as argparse's own do.
"""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from detente.content.config import CONFIG_FILE
from detente.content.diagnostics import did_you_mean

_INVALID_CHOICE = re.compile(r"argument (?P<what>[^:]+): invalid choice: '(?P<given>[^']*)' "
                             r"\(choose from (?P<choices>.*)\)\Z", re.DOTALL)


class DetenteParser(argparse.ArgumentParser):
    """argparse, with a did-you-mean in its errors (Python 3.11's has none)."""

    def error(self, message: str) -> NoReturn:
        match = _INVALID_CHOICE.match(message)
        if match is not None:
            choices = re.findall(r"'([^']*)'", match["choices"])
            given, what = match["given"], match["what"]
            noun = "command" if what == "COMMAND" else f"value for {what}"
            message = f"unknown {noun} '{given}'; " + (
                did_you_mean(given, choices) or "choose from " + ", ".join(choices))
        super().error(message)

    def reject_extras(self, extras: Sequence[str]) -> NoReturn:
        """Arguments this command does not take: the first named, with what it resembles."""
        first = extras[0]
        if first.startswith("-"):
            name = first.split("=", 1)[0]
            options = [o for action in self._actions for o in action.option_strings
                       if o.startswith("--")]
            hint = did_you_mean(name, options)
            self.error(f"unknown option '{name}'" + (f"; {hint}" if hint else
                                                     f"; '{self.prog} --help' lists them"))
        self.error(f"unexpected argument '{first}'" + (
            f" (and {len(extras) - 1} more)" if len(extras) > 1 else ""))


def project_problem(path: Path, command: str) -> str | None:
    """Why `path` is not a site project, naming where the project is if it is a folder up;
    None when it is one."""
    if not path.exists():
        return f"there is no folder '{path}'"
    if not path.is_dir():
        return f"'{path}' is a file, not a site project's folder"
    if (path / CONFIG_FILE).is_file():
        return None
    for parent in path.resolve().parents:
        if (parent / CONFIG_FILE).is_file():
            up = os.path.relpath(parent)  # from where the command was run
            run = f"detente {command}" if up == "." else f"detente {command} {up}"
            return f"no {CONFIG_FILE} in {path}: the site project is '{up}' (run '{run}')"
    return (f"no {CONFIG_FILE} in {path} (run Detente in a site project's folder, or "
            "start one with 'detente init DIR')")
