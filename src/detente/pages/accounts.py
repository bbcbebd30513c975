"""How each side told an event: its accounts grouped by party, each party's own account
first, then those of the people who spoke for it (an actor's party is that of their first
role with one); people with no party stand alone."""

from __future__ import annotations

from dataclasses import dataclass

from detente.content.link import sort_key
from detente.content.model import Actor, Entity, Event
from detente.pages.views import AccountView, LinkView, ViewBuilder


@dataclass(frozen=True, slots=True)
class AccountGroup:
    side: LinkView  # the party (or a person with no party)
    accounts: tuple[AccountView, ...]  # the side's own first, then its people's

    @property
    def own(self) -> AccountView | None:
        first = self.accounts[0]
        return first if first.by.id == self.side.id else None

    @property
    def people(self) -> tuple[AccountView, ...]:
        return self.accounts[1:] if self.own is not None else self.accounts


def account_groups(event: Event, b: ViewBuilder) -> tuple[AccountGroup, ...]:
    sides: dict[str, list[AccountView]] = {}
    entities: dict[str, Entity] = {}
    for account in event.accounts:
        speaker = b.site.entities[account.by.id]
        side = _party_of(speaker, b) or speaker
        entities[side.id] = side
        view = b.account(account, event)
        group = sides.setdefault(side.id, [])
        if speaker is side:
            group.insert(0, view)
        else:
            group.append(view)
    order = sorted(entities.values(), key=lambda e: (e.kind != "parties", sort_key(e)))
    return tuple(AccountGroup(b.link(side.id), tuple(sides[side.id])) for side in order)


def _party_of(entity: Entity, b: ViewBuilder) -> Entity | None:
    if not isinstance(entity, Actor):
        return None
    for role in entity.roles:
        if role.party is not None:
            return b.site.entities[role.party.id]
    return None
