"""Discovery: the project's content files → raw records (a mapping + prose, with positions).

One entity per YAML file, or many in a list file; a `.md` file named after an entity's id is
its prose (its front matter adds fields); any other `.md` with front matter is an entity.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from detente.content.diagnostics import Diagnostics, SourceSpan, did_you_mean
from detente.content.schema import KINDS, SINGULAR
from detente.content.yamlnodes import (
    MAX_EXPANDED_BYTES,
    MapEntry,
    Mapping,
    Scalar,
    Seq,
    SourceText,
    decode,
    parse_yaml,
)

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class BodyText:
    """The Markdown after a `.md` file's front matter; `span` is its first line."""

    text: str
    span: SourceSpan


@dataclass(slots=True)
class RawRecord:
    kind: str
    mapping: Mapping
    source: SourceText
    default_id: str | None
    body: BodyText | None = None
    body_source: SourceText | None = None
    # A file that could not be read as YAML: the ids it seems to declare, so that
    # references to them are not reported again (one mistake, one error).
    unreadable: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LoadedContent:
    records: list[RawRecord]
    static_files: frozenset[str]
    # translation overlays (`<name>.<lang>.yaml`, `<id>.<lang>.md`): (kind, path)
    overlays: tuple[tuple[str, Path], ...] = ()


def is_ignored(name: str) -> bool:
    """Editors' temporary and hidden files: swap files, backups, dotfiles."""
    return (name.startswith((".", "#", "~")) or name.endswith(("~", ".swp", ".swx", ".tmp"))
            or name.startswith(".#"))


def walk_files(root: Path, project: Path | None = None) -> Iterator[Path]:
    """Files below `root`, sorted, without hidden or temporary ones; folder links are not
    followed, and with `project`, neither are file links that `link_problem` refuses."""
    real_project = project.resolve() if project is not None else None
    for _folder, _subfolders, files in _folders(str(root)):
        for entry in files:
            path = Path(entry.path)
            if real_project is not None and entry.is_symlink() and \
                    link_problem(path, path.name, real_project) is not None:
                continue  # reported by check_links; never read, never copied
            yield path


def _folders(root: str) -> Iterator[tuple[str, list[os.DirEntry[str]], list[os.DirEntry[str]]]]:
    """(folder, its subfolders, its files) as os.walk gives them, top-down, each sorted by
    name and without hidden or temporary entries; links to folders are listed with the
    subfolders but not entered; a folder that cannot be read is passed over. The entries'
    own type and link bits (from the directory listing) save a stat per file."""
    try:
        with os.scandir(root) as listing:
            entries = sorted((e for e in listing if not is_ignored(e.name)),
                             key=lambda e: e.name)
    except OSError:
        return
    subfolders: list[os.DirEntry[str]] = []
    files: list[os.DirEntry[str]] = []
    for entry in entries:
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        (subfolders if is_folder else files).append(entry)
    yield root, subfolders, files
    for entry in subfolders:
        if not entry.is_symlink():
            yield from _folders(entry.path)


def link_problem(path: Path, rel: str, real_project: Path) -> tuple[str, str] | None:
    """Why the symbolic link `path` (shown as `rel`) is not followed, or None if it is: it
    must lead to a file inside the project (a link out would read or publish whatever it
    points at)."""
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return f"'{rel}' is a symbolic link that loops", ""
    if not target.is_relative_to(real_project):
        return (f"'{rel}' is a symbolic link to '{target}', outside the project",
                "Detente never reads or publishes files outside the project through a link; "
                "copy the file in")
    if target.is_dir():
        return (f"'{rel}' is a symbolic link to a folder, which Detente does not follow",
                "move the folder here, or link its files one by one")
    if not target.exists():
        return f"'{rel}' is a symbolic link to '{target}', which does not exist", ""
    return None


def check_links(project: Path, folder: str, diagnostics: Diagnostics) -> None:
    """Report every symbolic link in content/ or static/ that is not followed."""
    real_project = project.resolve()
    for _folder, subfolders, files in _folders(str(project / folder)):
        for entry in sorted([*subfolders, *files], key=lambda e: e.name):
            if not entry.is_symlink():
                continue
            path = Path(entry.path)
            rel = path.relative_to(project).as_posix()
            problem = link_problem(path, rel, real_project)
            if problem is not None:
                diagnostics.error(SourceSpan(rel), *problem)


def load_content(project: Path, diagnostics: Diagnostics,
                 max_expanded_bytes: int = MAX_EXPANDED_BYTES) -> LoadedContent:
    content = project / "content"
    records: list[RawRecord] = []
    overlays: list[tuple[str, Path]] = []
    for folder in ("content", "static"):
        check_links(project, folder, diagnostics)
    if not content.is_dir():
        diagnostics.error(SourceSpan("content"), "the project has no content/ folder",
                          "create content/ with folders such as events/ and parties/")
        return LoadedContent(records, static_files(project))
    for entry in sorted(content.iterdir(), key=lambda p: p.name):
        if is_ignored(entry.name):
            continue
        rel = entry.relative_to(project).as_posix()
        if not entry.is_dir():
            diagnostics.error(SourceSpan(rel), "a file directly in content/ belongs to no kind",
                              "move it into content/<kind>/, e.g. content/events/")
            continue
        if entry.name not in KINDS:
            diagnostics.error(SourceSpan(rel), f"unknown content folder '{entry.name}'",
                              did_you_mean(entry.name, KINDS) or
                              "the folders are: " + ", ".join(KINDS))
            continue
        files = list(walk_files(entry, project))
        overlays.extend((entry.name, p) for p in files if is_overlay(p))
        records.extend(load_files(project, entry.name, (p for p in files if not is_overlay(p)),
                                  diagnostics, max_expanded_bytes))
    return LoadedContent(records, static_files(project), tuple(overlays))


def is_overlay(path: Path) -> bool:
    """`people.uk.yaml`, `index.uk.md`: a translation (an id never holds a dot)."""
    return "." in path.stem and path.suffix in (*YAML_SUFFIXES, ".md")


def static_files(project: Path) -> frozenset[str]:
    static = project / "static"
    if not static.is_dir():
        return frozenset()
    return frozenset(p.relative_to(static).as_posix() for p in walk_files(static, project))


def _read(project: Path, path: Path, diagnostics: Diagnostics) -> SourceText | None:
    rel = path.relative_to(project).as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        diagnostics.error(SourceSpan(rel), f"cannot read the file: {exc.strerror}")
        return None
    return decode(rel, data, diagnostics)


def load_files(project: Path, kind: str, paths: Iterable[Path], diagnostics: Diagnostics,
               max_expanded_bytes: int = MAX_EXPANDED_BYTES) -> list[RawRecord]:
    """The records of some files of one kind's folder (all of them, or a group that belongs
    together: YAML files and the `.md` prose of their entities)."""
    records: list[RawRecord] = []
    prose_files: list[tuple[Path, SourceText]] = []
    for path in paths:
        rel = path.relative_to(project).as_posix()
        if path.suffix in YAML_SUFFIXES:
            source = _read(project, path, diagnostics)
            if source is not None:
                records.extend(parse_entity_file(kind, source, path.stem, diagnostics,
                                                 max_expanded_bytes))
        elif path.suffix == ".md":
            source = _read(project, path, diagnostics)
            if source is not None:
                prose_files.append((path, source))
        else:
            diagnostics.error(SourceSpan(rel), f"'{path.name}' is neither YAML nor Markdown",
                              "content files end in .yaml, .yml or .md; put other files in static/")
    by_id: dict[str, RawRecord] = {}
    for record in records:
        record_id = record_id_of(record)
        if record_id is not None:
            by_id.setdefault(record_id, record)
    for path, source in prose_files:
        new = attach_prose(kind, source, path.stem, by_id, diagnostics, max_expanded_bytes)
        if new is not None:
            records.append(new)
    return records


def record_id_of(record: RawRecord) -> str | None:
    node = record.mapping.get("id")
    if isinstance(node, Scalar) and not node.is_null:
        return node.text
    return record.default_id


def parse_entity_file(kind: str, source: SourceText, stem: str, diagnostics: Diagnostics,
                      max_expanded_bytes: int = MAX_EXPANDED_BYTES) -> list[RawRecord]:
    """One YAML file → its records: one mapping, or a list of mappings."""
    root = parse_yaml(source, diagnostics, 0, max_expanded_bytes)
    if root is None:
        return [unreadable_record(kind, source, stem)]
    if isinstance(root, Mapping):
        return [RawRecord(kind, root, source, stem)]
    if isinstance(root, Seq):
        records = []
        for item in root.items:
            if isinstance(item, Mapping):
                records.append(RawRecord(kind, item, source, None))
            else:
                diagnostics.error(item.span, "a list file holds mappings (entities), one per item",
                                  "start each entity with '- id: ...'")
        return records
    diagnostics.error(root.span, "a content file holds a mapping of fields or a list of them",
                      "write 'field: value' lines, or '- id: ...' list items")
    return []


_ID_LINE_RE = re.compile(r"^[ \t]*(?:-[ \t]+)?id[ \t]*:[ \t]*[\"']?([^\s\"'#]+)", re.MULTILINE)


def unreadable_record(kind: str, source: SourceText, stem: str) -> RawRecord:
    """A stand-in for a file whose YAML could not be read: it declares the file's name and
    every `id:` line found in its text (a best guess, which is all there is)."""
    ids = (stem, *_ID_LINE_RE.findall(source.text))
    return RawRecord(kind, Mapping({}, SourceSpan(source.path)), source, stem,
                     unreadable=tuple(dict.fromkeys(ids)))


def split_front_matter(source: SourceText) -> tuple[SourceText | None, int, BodyText]:
    """A `.md` file → (front matter, its first line index, body)."""
    lines = source.lines
    if lines and lines[0].rstrip() == "---":
        for index in range(1, len(lines)):
            if lines[index].rstrip() in ("---", "..."):
                front = SourceText.of(source.path, "\n".join(lines[1:index]) + "\n")
                body = "\n".join(lines[index + 1:])
                return front, 1, BodyText(body, SourceSpan(source.path, index + 2))
    return None, 0, BodyText(source.text, SourceSpan(source.path, 1))


def attach_prose(kind: str, source: SourceText, stem: str, by_id: dict[str, RawRecord],
                 diagnostics: Diagnostics,
                 max_expanded_bytes: int = MAX_EXPANDED_BYTES) -> RawRecord | None:
    """Attach a `.md` file to the entity it names, or make it an entity of its own."""
    front, first_line, body = split_front_matter(source)
    mapping: Mapping | None = None
    if front is not None:
        if front.text.strip():
            node = parse_yaml(front, diagnostics, first_line, max_expanded_bytes)
            if node is None:
                return unreadable_record(kind, source, stem)
            if not isinstance(node, Mapping):
                diagnostics.error(node.span, "front matter must be a mapping of fields")
                return None
            mapping = node
        else:
            mapping = Mapping({}, SourceSpan(source.path, 1))
    target = by_id.get(stem)
    if target is None:
        if mapping is None and kind != "pages":
            diagnostics.error(SourceSpan(source.path, 1),
                              f"'{source.path}' is prose for '{stem}', but no "
                              f"{SINGULAR[kind]} has that id",
                              did_you_mean(stem, by_id) or
                              "add front matter (--- fields ---) to make it an entity of its own")
            return None
        if mapping is None:
            mapping = Mapping({}, SourceSpan(source.path, 1))
        return RawRecord(kind, mapping, source, stem, body, source)
    _merge_front_matter(target, mapping, source, diagnostics)
    body_node = target.mapping.get("body")
    if body_node is not None:
        diagnostics.error(SourceSpan(source.path, 1),
                          f"'{stem}' has prose both here and in 'body:' at "
                          f"{body_node.span}", "keep one of them")
        return None
    if target.body is not None:
        diagnostics.error(SourceSpan(source.path, 1),
                          f"'{stem}' already has prose in {target.body.span.path}",
                          "keep one of the two files")
        return None
    target.body = body
    target.body_source = source
    return None


def _merge_front_matter(target: RawRecord, front: Mapping | None, source: SourceText,
                        diagnostics: Diagnostics) -> None:
    if front is None:
        return
    for key, entry in front.entries.items():
        existing = target.mapping.entries.get(key)
        if existing is not None:
            diagnostics.error(entry.key_span,
                              f"'{key}' is set both here and at {existing.key_span}",
                              "set each field in one place")
            continue
        target.mapping.entries[key] = MapEntry(key, entry.key_span, entry.value)
