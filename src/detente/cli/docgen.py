"""The generated parts of the editor's guide (docs/), so that they cannot drift from the code.

A page marks each generated region with `<!-- docgen:NAME -->` ... `<!-- /docgen -->`; this
module rewrites what stands between the markers and leaves the hand-written prose around it:

    python -m detente.cli.docgen docs/content-model.md docs/cli.md docs/data.md
    python -m detente.cli.docgen --check docs/*.md      # exit 1 if any page is out of date

Regions: `kinds` (every kind and field, from `schema.KINDS`), `cli` (every command and option,
from `cli.build_parser()`), `data-columns` (the open-data CSV columns, from `opendata`),
`checks` (every editorial check's code and why, from `content.editorial.codes`).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from detente.content import schema as s
from detente.content.model import KIND_ORDER
from detente.content.routes import PAGE_KINDS

_REGION_RE = re.compile(r"(<!-- docgen:([a-z-]+) -->\n)(.*?)(<!-- /docgen -->)", re.DOTALL)


# ---------------------------------------------------------------- the content model
def kind_anchor(kind: str) -> str:
    return kind


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _kind_link(kind: str) -> str:
    return f"[{s.SINGULAR[kind]}](#{kind_anchor(kind)})"


def _kinds_phrase(kinds: tuple[str, ...]) -> str:
    """'an [actor](#actors)', 'a [party](#parties) or [actor](#actors)'."""
    links = [_kind_link(k) for k in kinds]
    article = "an" if s.SINGULAR[kinds[0]][0] in "aeiou" else "a"
    return f"{article} " + (links[0] if len(links) == 1 else
                            ", ".join(links[:-1]) + " or " + links[-1])


def describe_type(type_: s.FieldType, anchor: str = "") -> str:
    """What a field takes, in an editor's words (Markdown, one table cell)."""
    if isinstance(type_, s.ListOf):
        if isinstance(type_.item, s.Record):
            return f"a list; each item [a mapping](#{anchor}) (see below)"
        inner = describe_type(type_.item, anchor)
        return "a list; each item " + inner.removeprefix("takes ")
    if isinstance(type_, s.Record):
        return f"[a mapping](#{anchor}) (see below)"
    if isinstance(type_, s.RefTo):
        return f"the id of {_kinds_phrase(type_.kinds)}"
    if isinstance(type_, s.TextOrRef):
        return f"text, or the id of {_kinds_phrase(type_.kinds)}"
    if isinstance(type_, s.Choice):
        return "one of " + ", ".join(f"`{value}`" for value in type_.values)
    simple = _SIMPLE_TYPES.get(type(type_))
    if simple is None:
        raise TypeError(f"no description for {type_!r}")
    return simple


_SIMPLE_TYPES: dict[type, str] = {
    s.Text: "text (one line)",
    s.PlainText: "text, any length (not Markdown)",
    s.Duration: "a span: days (`90d`) or weeks (`12w`)",
    s.Markdown: "[prose](#prose)",
    s.Slug: "an [id](#files-and-ids)",
    s.Date: "a [date](#dates)",
    s.Bool: "`true` or `false`",
    s.Integer: "a whole number",
    s.Color: "a colour: `'#rrggbb'`, in quotes",
    s.Country: "a [country code](#country-codes)",
    s.Url: "a web address (http or https)",
    s.StaticPath: "a file path under `static/`",
    s.Coordinates: "`[latitude, longitude]` in degrees",
    s.Sources: "a [source](#sources) id (`source:`) or a list of them (`sources:`)",
    s.InlineEvents: "a list; each item an [event](#events) id, or a whole event with its "
                    "own `id:`",
}


def _field_name(field: s.FieldSpec) -> str:
    if isinstance(field.type, s.Sources):
        return "`source` / `sources`"
    return f"`{field.key}`"


def _required(field: s.FieldSpec, one_of: tuple[tuple[str, ...], ...]) -> str:
    for group in one_of:
        if field.key in group:
            others = " or ".join(f"`{k}`" for k in group if k != field.key)
            return f"yes, or {others}"
    return "**yes**" if field.required else ""


def _field_table(fields: tuple[s.FieldSpec, ...], prefix: str,
                 one_of: tuple[tuple[str, ...], ...] = ()) -> list[str]:
    lines = ["| field | takes | required | what it is |", "| --- | --- | --- | --- |"]
    for field in fields:
        anchor = f"{prefix}-{field.key}"
        lines.append(f"| {_field_name(field)} | {_cell(describe_type(field.type, anchor))} | "
                     f"{_required(field, one_of)} | {_cell(field.doc)} |")
    return lines


def _records(fields: tuple[s.FieldSpec, ...]) -> list[tuple[s.FieldSpec, s.Record]]:
    out: list[tuple[s.FieldSpec, s.Record]] = []
    for field in fields:
        inner = field.type.item if isinstance(field.type, s.ListOf) else field.type
        if isinstance(inner, s.Record):
            out.append((field, inner))
    return out


def _where(kind: str) -> str:
    if kind in PAGE_KINDS:
        one = s.SINGULAR[kind]
        return (f"Each {one} gets a page at `{kind}/<id>/`; the list of all of them is at "
                f"`{kind}/`.")
    if kind == "pages":
        return ("A page `content/pages/<id>.md` is published at `<id>/`; `index.md` is the "
                "home page's prose, at the site's root.")
    return ("Positions have no page of their own: they appear on the pages of their party "
            "or actor and of what they are on, and in the positions matrix at `positions/`.")


def kinds_reference() -> str:
    """Every kind, field, type, required flag, allowed value and field doc, as Markdown."""
    lines: list[str] = []
    for name, spec in s.KINDS.items():
        lines += [f"### {name.capitalize()} {{#{kind_anchor(name)}}}", "", spec.doc, "",
                  f"Folder: `content/{name}/`. {_where(name)}", ""]
        if not spec.needs_id_in_lists:
            lines += [f"In a list file, {name} need no `id:`: Detente numbers them "
                      "`<file name>#1`, `<file name>#2`, ... (the ids the open data uses).", ""]
        lines += _field_table(spec.fields, name, spec.one_of)
        lines.append("")
        for field, record in _records(spec.fields):
            anchor = f"{name}-{field.key}"
            lines += [f"#### Each item of `{field.key}` ({s.SINGULAR[name]}) {{#{anchor}}}", "",
                      *_field_table(record.fields, anchor), ""]
    return "\n".join(lines)


# ---------------------------------------------------------------- the command line
def _subcommands(parser: argparse.ArgumentParser) -> list[tuple[str, str, argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            return [(name, helps.get(name, ""), sub) for name, sub in action.choices.items()]
    return []


def _arguments(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions
            if not isinstance(a, argparse._HelpAction | argparse._SubParsersAction)]


def _metavar(action: argparse.Action) -> str:
    if isinstance(action.metavar, str):
        return action.metavar
    return action.dest.upper()


def _synopsis(action: argparse.Action) -> str:
    if not action.option_strings:
        return _metavar(action)
    option = max(action.option_strings, key=len)
    return option if action.nargs == 0 else f"{option} {_metavar(action)}"


def usage(prog: str, parser: argparse.ArgumentParser) -> str:
    """A usage line that does not depend on the terminal's width (argparse's does)."""
    parts = [prog]
    for action in _arguments(parser):
        if isinstance(action, argparse._VersionAction):
            continue
        text = _synopsis(action)
        optional = action.nargs == "?" or (action.option_strings and not action.required)
        parts.append(f"[{text}]" if optional else text)
    return " ".join(parts)


def _help(action: argparse.Action) -> str:
    text = action.help or ""
    if "%(" in text:
        text = text % {**vars(action), "default": action.default}
    text = text[:1].upper() + text[1:]
    if text and not text.endswith("."):
        text += "."
    if action.choices is not None:
        text += " One of: " + ", ".join(f"`{c}`" for c in action.choices) + "."
    return text


def _argument_table(parser: argparse.ArgumentParser) -> list[str]:
    lines = ["| argument | what it does |", "| --- | --- |"]
    for action in _arguments(parser):
        lines.append(f"| `{_synopsis(action)}` | {_cell(_help(action))} |")
    return lines


def cli_reference(parser: argparse.ArgumentParser | None = None) -> str:
    """Every command and option with its help text, as Markdown."""
    if parser is None:
        from detente.cli.main import build_parser

        parser = build_parser()
    prog = parser.prog
    lines = ["```text", usage(prog, parser) + " COMMAND ...", "```", "",
             *_argument_table(parser), ""]
    for name, summary, sub in _subcommands(parser):
        lines += [f"### {prog} {name} {{#{name}}}", "", f"*{summary[:1].upper()}{summary[1:]}.*",
                  ""]
        if sub.description:
            lines += [" ".join(sub.description.split()), ""]
        lines += ["```text", usage(f"{prog} {name}", sub), "```", "", *_argument_table(sub), ""]
    return "\n".join(lines)


# ---------------------------------------------------------------- open data
def data_columns() -> str:
    """The columns of each kind's CSV file, in order."""
    from detente.pages.opendata import csv_columns

    lines = ["| file | columns, in order |", "| --- | --- |"]
    for kind in KIND_ORDER:
        columns = ", ".join(f"`{c}`" for c in csv_columns(kind))
        lines.append(f"| `data/{kind}.csv` | {columns} |")
    return "\n".join(lines)


def checks_reference() -> str:
    """Every editorial check's code and why it matters."""
    from detente.content.editorial.codes import CHECKS

    lines = ["| code | why it matters |", "| --- | --- |"]
    lines += [f"| `{code}` | {_cell(why)} |" for code, why in CHECKS.items()]
    return "\n".join(lines)


GENERATORS: dict[str, Callable[[], str]] = {
    "kinds": kinds_reference,
    "cli": cli_reference,
    "data-columns": data_columns,
    "checks": checks_reference,
}


# ---------------------------------------------------------------- pages
def regenerate(text: str) -> str:
    """`text` with every marked region rewritten from the code."""
    def replace(match: re.Match[str]) -> str:
        name = match.group(2)
        generate = GENERATORS.get(name)
        if generate is None:
            raise ValueError(f"unknown docgen region '{name}'; the regions are: "
                             + ", ".join(GENERATORS))
        return f"{match.group(1)}\n{generate().rstrip()}\n\n{match.group(4)}"

    return _REGION_RE.sub(replace, text)


def regions(text: str) -> list[str]:
    return [m.group(2) for m in _REGION_RE.finditer(text)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m detente.cli.docgen",
        description="Rewrite the generated regions of the editor's guide from the code.")
    parser.add_argument("pages", nargs="+", type=Path, help="Markdown pages to update")
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if a page is out of date")
    args = parser.parse_args(argv)
    stale: list[Path] = []
    for page in args.pages:
        text = page.read_text(encoding="utf-8")
        new = regenerate(text)
        if new != text:
            stale.append(page)
            if not args.check:
                page.write_text(new, encoding="utf-8")
    for page in stale:
        verb = "out of date" if args.check else "updated"
        sys.stderr.write(f"{page}: {verb}\n")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
