"""A small site project with every kind and field, written from templates so that a test can
put any text into any field; and ways to check, build and read it back.

Field values are written into YAML as JSON strings (a JSON string is a YAML double-quoted
scalar), so a payload reaches the validator exactly as given.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from tests.helpers.sites import Run, detente, read_tree

BASE_URL = "https://example.org/talks/"
BASE = "/talks/"

# Every field an editor can fill with text, by a name the tests use, and its safe default.
DEFAULTS: dict[str, str] = {
    "site.title": "Strait talks",
    "site.description": "Who said what about the strait.",
    "party.name": "Northern Union",
    "party.short_name": "NU",
    "party.color": "#1f77b4",
    "party.summary": "A bloc of northern states.",
    "party.link_title": "Union website",
    "party.link_url": "https://union.example/",
    "party.body": "The union formed in 1990.",
    "actor.name": "Ada Envoy",
    "actor.native_name": "Ада Посланник",
    "actor.role_title": "Special envoy",
    "actor.summary": "The union's envoy.",
    "issue.title": "Water sharing",
    "issue.summary": "Who gets the river's water.",
    "proposal.title": "Water plan",
    "proposal.provision": "Equal shares in dry months",
    "proposal.duration": "30 days",
    "proposal.status_note": "Tabled at the first round",
    "proposal.summary": "A plan to share the water.",
    "position.summary": "Backs the plan.",
    "position.condition": "Monitors on both banks",
    "position.quote": "We back the plan.",
    "event.title": "First round of talks",
    "event.location": "Lakeside hotel",
    "event.summary": "Both sides met.",
    "event.quote": "A good start.",
    "event.account": "The union says talks went well.",
    "event.claim": "The south walked out early.",
    "event.body": "The talks lasted a day.",
    "timeline.title": "The talks so far",
    "timeline.summary": "Every round, in order.",
    "source.title": "Readout of the first round",
    "source.publisher": "Union press office",
    "source.url": "https://union.example/readout",
    "source.summary": "The union's readout.",
    "page.title": "About this site",
    "page.body": "We follow the talks.",
    "home.body": "Where things stand: see [[water-plan]] [@readout].",
}

FILES: dict[str, str] = {
    "detente.yaml": "title: {site.title}\ndescription: {site.description}\n"
                    f"base_url: {BASE_URL}\n",
    "content/parties/parties.yaml": """\
- id: northern-union
  name: {party.name}
  short_name: {party.short_name}
  kind: bloc
  role: belligerent
  country: NO
  color: {party.color}
  summary: {party.summary}
  links:
    - title: {party.link_title}
      url: {party.link_url}
- id: southern-front
  name: Southern Front
  kind: armed-group
""",
    "content/parties/northern-union.md": "{party.body}\n",
    "content/actors/ada-envoy.yaml": """\
name: {actor.name}
native_name: {actor.native_name}
roles:
  - title: {actor.role_title}
    party: northern-union
    from: 2023
summary: {actor.summary}
""",
    "content/issues/water.yaml": "title: {issue.title}\nsummary: {issue.summary}\n",
    "content/proposals/water-plan.yaml": """\
title: {proposal.title}
issues: [water]
proposed_by: [northern-union]
date: 2024-01-10
provisions:
  - {proposal.provision}
duration: {proposal.duration}
status:
  - date: 2024-01-10
    status: proposed
    source: readout
    note: {proposal.status_note}
summary: {proposal.summary}
""",
    "content/positions/water-plan.yaml": """\
- party: northern-union
  on: water-plan
  stance: supports
  date: 2024-01-12
  source: readout
  summary: {position.summary}
  conditions:
    - {position.condition}
    - water
  quote: {position.quote}
  said_by: ada-envoy
""",
    "content/events/first-round.yaml": """\
title: {event.title}
date: 2024-01-11
kind: talks
location: {event.location}
parties: [northern-union, southern-front]
actors: [ada-envoy]
issues: [water]
proposals: [water-plan]
summary: {event.summary}
source: readout
quotes:
  - text: {event.quote}
    by: ada-envoy
accounts:
  - by: northern-union
    summary: {event.account}
claims:
  - text: {event.claim}
    claimed_by: northern-union
    disputed_by: [southern-front]
""",
    "content/events/first-round.md": "{event.body}\n",
    "content/timelines/talks.yaml": """\
title: {timeline.title}
summary: {timeline.summary}
events: [first-round]
""",
    "content/sources/sources.yaml": """\
- id: readout
  title: {source.title}
  publisher: {source.publisher}
  url: {source.url}
  date: 2024-01-11
  kind: readout
  summary: {source.summary}
""",
    "content/pages/about.md": "---\ntitle: {page.title}\n---\n{page.body}\n",
    "content/pages/index.md": "{home.body}\n",
}

# The page where each field's value is shown (its entity's own page).
PAGE_OF = {
    "site": "index.html", "party": "parties/northern-union/index.html",
    "actor": "actors/ada-envoy/index.html", "issue": "issues/water/index.html",
    "proposal": "proposals/water-plan/index.html",
    "position": "parties/northern-union/index.html",
    "event": "events/first-round/index.html", "timeline": "timelines/talks/index.html",
    "source": "sources/readout/index.html", "page": "about/index.html",
    "home": "index.html",
}


def write_site(root: Path, values: Mapping[str, str] | None = None,
               extra: Mapping[str, str | bytes | None] | None = None) -> Path:
    """The base site in `root` with some fields set to `values` (YAML fields as JSON
    strings, Markdown bodies as they are); `extra` adds files, replaces them, or (None)
    leaves them out. Text files, extra ones too, have their {field} placeholders filled."""
    fields = {**DEFAULTS, **(values or {})}
    files: dict[str, str | bytes | None] = {**FILES, **(extra or {})}
    for path, template in files.items():
        if not isinstance(template, str):
            continue
        text = template
        for name, value in fields.items():
            placeholder = "{" + name + "}"
            if placeholder in text:
                raw = name.endswith("body")
                text = text.replace(placeholder, value if raw else json.dumps(value))
        files[path] = text
    for path, data in files.items():
        if data is None:
            continue
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
    return root


def problems(project: Path) -> list[str]:
    """`detente check` output: the diagnostic lines, without hints."""
    run = detente("check", project)
    return [line for line in run.stdout.splitlines() if not line.startswith("    hint:")]


def check_output(project: Path) -> Run:
    return detente("check", project)


def build(project: Path, out: Path, *extra: str) -> Run:
    return detente("build", project, "--out", out, "--quiet", "--no-search", *extra)


def build_pages(project: Path, out: Path) -> dict[str, str]:
    """Build (it must succeed) and read every text file of the output back."""
    run = build(project, out)
    assert run.code == 0, f"build failed ({run.code}):\n{run.stdout}{run.stderr}"
    return {path: data.decode("utf-8") for path, data in read_tree(out).items()
            if path.endswith((".html", ".xml", ".json", ".csv", ".txt"))}


def built(tmp_path: Path, values: Mapping[str, str] | None = None,
          extra: Mapping[str, str | bytes | None] | None = None) -> dict[str, str]:
    """The base site with `values` and `extra`, written under tmp_path and built there."""
    return build_pages(write_site(tmp_path / "p", values, extra), tmp_path / "out")
