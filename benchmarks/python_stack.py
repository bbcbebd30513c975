#!/usr/bin/env python3
"""The bare Python stack on the benchmark corpus: the ceiling a Python generator works under.

    python benchmarks/python_stack.py bench-sites/raw-10000 OUT [--jobs 2]

What ../shared/bench/README.md calls "bare PyYAML C loader + markdown-it-py + Jinja2, 2
processes": the same logical site as Hugo's (a page per event, a page per actor listing
its events by date, a home page listing the actors) from gen_corpus.py's `raw` layout,
with nothing else: no validation, no cross-links, no cache, no open data, no feed. Forked
workers read, parse, render and write the event pages (writes in the workers, as that
README advises); the main process then writes the actor pages and the home page.

`run.py --tools python-stack hugo` times it beside Hugo, so that the issue's premise (this
stack takes about Hugo's time) is measured on the machine of the day, in the same run.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
from pathlib import Path

import jinja2
import yaml
from markdown_it import MarkdownIt

HEAD = ('<!doctype html><html><head><meta charset="utf-8"><title>{{ title }} | '
        'Peace Talks Bench</title></head><body><nav><a href="/">Home</a></nav><main>')
TAIL = "</main></body></html>\n"
EVENT = jinja2.Template(
    HEAD + '<h1>{{ title }}</h1><p><time>{{ date }}</time></p>\n{{ body | safe }}\n'
    '<ul class="actors">{% for a in actors %}<li><a href="/actors/{{ a }}/">{{ a }}</a></li>'
    "{% endfor %}</ul>" + TAIL, autoescape=True)
ACTOR = jinja2.Template(
    HEAD + "<h1>{{ title }}</h1><ul>{% for e in events %}<li>"
    '<a href="/events/{{ e.id }}/">{{ e.title }}</a> {{ e.date }}</li>{% endfor %}</ul>' + TAIL,
    autoescape=True)
HOME = jinja2.Template(
    HEAD + "<h1>Peace Talks Bench</h1><ul>{% for a, n in actors %}<li>"
    '<a href="/actors/{{ a }}/">{{ a }}</a> ({{ n }})</li>{% endfor %}</ul>' + TAIL,
    autoescape=True)

_OUT: Path | None = None
_MD: MarkdownIt | None = None


def _start(out: Path) -> None:
    global _OUT, _MD
    _OUT, _MD = out, MarkdownIt("commonmark")


def _render_events(paths: list[str]) -> list[dict[str, object]]:
    assert _OUT is not None and _MD is not None
    found = []
    for path in paths:
        text = Path(path).read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.load(front, Loader=yaml.CSafeLoader)
        event_id = Path(path).stem
        html = EVENT.render(title=meta["title"], date=meta["date"].isoformat(),
                            body=_MD.render(body), actors=meta["actors"])
        target = _OUT / "events" / event_id
        target.mkdir(parents=True, exist_ok=True)
        (target / "index.html").write_text(html, encoding="utf-8")
        found.append({"id": event_id, "title": meta["title"], "date": meta["date"].isoformat(),
                      "actors": meta["actors"]})
    return found


def build(site: Path, out: Path, jobs: int) -> int:
    paths = sorted(str(p) for p in (site / "events").glob("*.md"))
    chunks = [paths[i:i + 50] for i in range(0, len(paths), 50)]
    out.mkdir(parents=True, exist_ok=True)
    with multiprocessing.get_context("fork").Pool(jobs, _start, (out,)) as pool:
        events = [e for chunk in pool.imap(_render_events, chunks) for e in chunk]
    by_actor: dict[str, list[dict[str, object]]] = {}
    for event in events:
        for actor in event["actors"]:  # type: ignore[attr-defined]
            by_actor.setdefault(actor, []).append(event)
    for actor, items in by_actor.items():
        items.sort(key=lambda e: str(e["date"]))
        target = out / "actors" / actor
        target.mkdir(parents=True, exist_ok=True)
        (target / "index.html").write_text(ACTOR.render(title=actor, events=items),
                                           encoding="utf-8")
    home = HOME.render(actors=sorted((a, len(v)) for a, v in by_actor.items()))
    (out / "index.html").write_text(home, encoding="utf-8")
    return len(events) + len(by_actor) + 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    pages = build(args.site, args.out, args.jobs)
    print(f"{pages} pages", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
