"""Small sites made in memory from YAML and Markdown strings, through the content stage
(read → validate → link) as `check_project` runs it, without touching the disk.

    site = make_site({"content/parties/p.yaml": "- id: north\\n  name: North\\n  kind: state\\n"})

Paths are `content/<kind>/<file>` as in a project; a `.md` file is the prose of the entity
its name gives (or, with front matter, an entity of its own), as `load_content` reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from detente.content.config import SiteConfig, parse_config
from detente.content.diagnostics import Diagnostics
from detente.content.link import link
from detente.content.load import RawRecord, attach_prose, parse_entity_file, record_id_of
from detente.content.model import Site
from detente.content.validate import Validator
from detente.content.yamlnodes import Mapping as YamlMapping
from detente.content.yamlnodes import SourceText, parse_yaml

CONFIG = "title: Test site\nbase_url: https://example.org/b/\n"

# One valid entity of every kind that needs no other: a base the tests add to.
PARTIES = """\
- id: north
  name: Republic of North
  short_name: North
  kind: state
  color: '#2f74d0'
- id: south
  name: Kingdom of South
  kind: state
"""
SOURCES = """\
- id: report
  title: Talks open
  publisher: The Daily
  url: https://example.org/report
  date: 2024-01-11
"""
BASE = {"content/parties/parties.yaml": PARTIES, "content/sources/sources.yaml": SOURCES}

# A small site with one or two of every relation the linker computes (see
# tests/unit/content/test_link.py for what it links to).
ACTORS = """\
- id: ana
  name: Ana North
  roles:
    - party: north
      title: President
    - party: north
      title: Envoy
- id: ben
  name: Ben South
  roles:
    - party: south
- id: cara
  name: cara mede
  roles:
    - party: north
"""
POSITIONS = """\
- party: north
  on: deal
  stance: supports
  date: 2024-02-20
  source: report
  said_by: ana
- party: north
  on: deal
  stance: conditional
  date: 2024-01-15
  source: report
- actor: ben
  on: water
  stance: opposes
  date: 2024-01-20
  source: report
  said_by: ben
"""
EVENTS = """\
- id: signing
  title: Signing
  date: 2024-03-01
  source: report
  parties: [north, south]
- id: first-talks
  title: First talks
  date: 2024-01-10
  sources: [report]
  parties: [north]
  actors: [ana, ana]
- id: border
  title: Border incident
  date: 2024-02
  source: report
"""
SMALL_SITE = {
    **BASE, "content/actors/actors.yaml": ACTORS, "content/issues/water.yaml": "title: Water\n",
    "content/proposals/deal.yaml": "title: The deal\nissues: [water]\nproposed_by: [south]\n",
    "content/positions/p.yaml": POSITIONS, "content/events/events.yaml": EVENTS,
    "content/events/signing.md": "[[ana]] signed for [[north]] [@report].\n"}


@dataclass(frozen=True)
class Checked:
    site: Site | None  # None when there were errors, as check_project gives it
    problems: list[tuple[str, str, str]]  # (path:line:col, message, hint), sorted


def config_of(text: str = CONFIG) -> SiteConfig:
    diagnostics = Diagnostics()
    root = parse_yaml(SourceText.of("detente.yaml", text), diagnostics)
    assert isinstance(root, YamlMapping), text
    config = parse_config(root, diagnostics)
    assert config is not None and not diagnostics.items, diagnostics.items
    return config


def records_of(files: Mapping[str, str], diagnostics: Diagnostics) -> list[RawRecord]:
    """The raw records of `files`, kind by kind and file by file in name order, with each
    `.md` file attached to its entity after its kind's YAML files, as load_content does."""
    by_kind: dict[str, list[SourceText]] = {}
    for path in sorted(files):
        folder, kind, _name = path.split("/", 2)
        assert folder == "content", f"{path}: content files live in content/<kind>/"
        by_kind.setdefault(kind, []).append(SourceText.of(path, files[path]))
    records: list[RawRecord] = []
    for kind, sources in sorted(by_kind.items()):
        entities = [record for source in sources if not source.path.endswith(".md")
                    for record in parse_entity_file(kind, source, _stem(source), diagnostics)]
        ids = {record_id: record for record in reversed(entities)  # (the first of an id wins)
               if (record_id := record_id_of(record)) is not None}
        prose = [attach_prose(kind, source, _stem(source), ids, diagnostics)
                 for source in sources if source.path.endswith(".md")]
        records += entities + [record for record in prose if record is not None]
    return records


def _stem(source: SourceText) -> str:
    return source.path.rsplit("/", 1)[1].rsplit(".", 1)[0]


def check_files(files: Mapping[str, str], config: str = CONFIG,
                include_drafts: bool = False) -> Checked:
    diagnostics = Diagnostics()
    site_config = config_of(config)
    validator = Validator(diagnostics, frozenset(), site_config.title)
    entities = validator.entities(records_of(files, diagnostics))
    site = link(entities, site_config, diagnostics, include_drafts,
                frozenset(validator.failed_ids))
    problems = [(str(d.span), d.message, d.hint) for d in diagnostics.sorted()]
    return Checked(None if diagnostics.has_errors() else site, problems)


def make_site(files: Mapping[str, str], config: str = CONFIG,
              include_drafts: bool = False) -> Site:
    """The linked Site of `files`; fails the test with the problems if there are any."""
    checked = check_files(files, config, include_drafts)
    assert checked.problems == [], checked.problems
    assert checked.site is not None
    return checked.site


def problems_of(files: Mapping[str, str], config: str = CONFIG) -> list[tuple[str, str, str]]:
    """The (where, message, hint) of every problem in `files`."""
    return check_files(files, config).problems
