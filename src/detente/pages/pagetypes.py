"""A page's key (which page it is) and its view (what its template shows)."""

from __future__ import annotations

from dataclasses import dataclass, field

from detente.pages.views import SourceView


@dataclass(frozen=True, slots=True)
class PageKey:
    template: str  # 'actor.html', 'list.html', 'timeline.html', ...
    path: str  # URL path below the site root: 'actors/x/', '' (home), '404.html'
    entity_id: str = ""
    kind: str = ""
    page: str = ""  # a share picture's: the template of the page it pictures (pages/share.py)


@dataclass(frozen=True, slots=True)
class PageView:
    key: PageKey
    title: str
    description: str
    summary_html: str = ""
    body_html: str = ""
    citations: tuple[SourceView, ...] = ()
    sections: dict[str, object] = field(default_factory=dict)

    @property
    def template(self) -> str:
        return self.key.template
