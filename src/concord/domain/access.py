"""The access policy: the one place that decides who may do what with which item.

Services call it for every use case; no interface decides access on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum

from concord.domain.directory import Actor, Role
from concord.domain.errors import PermissionDenied
from concord.domain.restrictions import Restrictions, Visibility


class Action(StrEnum):
    READ = "read"  # view and search shared data
    CREATE = "create"  # create or edit own agency's drafts and records
    APPROVE = "approve"  # let something leave the agency (submit a notice, send a diffusion)
    REVIEW = "review"  # General Secretariat review of notices
    READ_AUDIT = "read_audit"
    ADMINISTER = "administer"  # countries, agencies, users, keys
    EXPORT = "export"
    OVERSEE = "oversee"  # examine data subjects' requests across every agency's records


# Roles grant actions; the auditor reads the audit log and nothing else, and the administrator
# runs the directory without seeing police data (separation of duties an auditor expects).
ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.VIEWER: frozenset({Action.READ}),
    Role.OFFICER: frozenset({Action.READ, Action.CREATE, Action.EXPORT}),
    Role.SUPERVISOR: frozenset({Action.READ, Action.CREATE, Action.APPROVE, Action.EXPORT}),
    Role.GS_REVIEWER: frozenset({Action.READ, Action.REVIEW, Action.EXPORT}),
    Role.AUDITOR: frozenset({Action.READ_AUDIT}),
    Role.ADMIN: frozenset({Action.ADMINISTER}),
    # The files commission sees police data only through the requests it examines.
    Role.CCF: frozenset({Action.OVERSEE}),
}


def allowed_actions(actor: Actor) -> frozenset[Action]:
    actions: set[Action] = set()
    for role in actor.roles:
        actions |= ROLE_ACTIONS[role]
    # Only a General Secretariat user may review, whatever role was granted elsewhere.
    if not actor.is_gs:
        actions.discard(Action.REVIEW)
    # ... and only the files commission oversees.
    if not actor.is_files_commission:
        actions.discard(Action.OVERSEE)
    return frozenset(actions)


def require(actor: Actor, action: Action, what: str = "") -> None:
    if action not in allowed_actions(actor):
        roles = ", ".join(sorted(r.value for r in actor.roles))
        target = f" {what}" if what else ""
        raise PermissionDenied(
            f"User '{actor.username}' (roles: {roles}) may not {action.value}{target}."
        )


class Stage(Enum):
    """Where an item is in its life, as far as visibility is concerned."""

    DRAFT = "draft"  # the owner agency only
    UNDER_REVIEW = "under_review"  # the owner and the General Secretariat
    LIVE = "live"  # the restrictions apply
    CLOSED = "closed"  # refused, cancelled, archived: the owner and the GS


class Sight(Enum):
    NONE = 0
    HIT_ONLY = 1  # existence and owner only
    FULL = 2


@dataclass(frozen=True, slots=True)
class ItemAccess:
    owner_agency_id: int
    restrictions: Restrictions
    stage: Stage


def sight(actor: Actor, item: ItemAccess) -> Sight:
    """What `actor` may see of `item`."""
    if Action.READ not in allowed_actions(actor):
        return Sight.NONE
    if actor.agency_id == item.owner_agency_id:
        return Sight.FULL
    if item.stage is Stage.DRAFT:
        return Sight.NONE
    if actor.is_gs:
        return Sight.FULL
    if item.stage is not Stage.LIVE:
        return Sight.NONE
    vis = item.restrictions.visibility
    if vis is Visibility.ALL_MEMBERS:
        return Sight.FULL
    if vis is Visibility.LISTED_COUNTRIES:
        return Sight.FULL if actor.country in item.restrictions.countries else Sight.NONE
    if vis is Visibility.HIT_NO_HIT:
        return Sight.HIT_ONLY
    return Sight.NONE


def can_change(actor: Actor, item: ItemAccess) -> bool:
    """Only the source agency changes its data, or the General Secretariat on review."""
    actions = allowed_actions(actor)
    if actor.agency_id == item.owner_agency_id:
        return Action.CREATE in actions or Action.APPROVE in actions
    return actor.is_gs and Action.REVIEW in actions and item.stage is not Stage.DRAFT


def require_change(actor: Actor, item: ItemAccess, what: str) -> None:
    if not can_change(actor, item):
        raise PermissionDenied(
            f"Only the agency that owns {what} (or the General Secretariat on review) may change it."
        )
