"""Small pieces every record-keeping use case shares."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import String, and_, cast, false, or_, true
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.elements import ColumnElement

from concord.domain.access import (
    Action,
    ItemAccess,
    Sight,
    Stage,
    allowed_actions,
    require,
    sight,
)
from concord.domain.directory import Actor
from concord.domain.errors import Conflict, NotFound, ValidationFailed
from concord.domain.identifiers import Identifier, InvalidIdentifier, normalise_identifier
from concord.domain.restrictions import Restrictions, Visibility
from concord.storage.tables import Agency
from concord.storage.tables.persons import OwnedMixin


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class RestrictionsIn(StrictModel):
    visibility: str = "all_members"
    countries: list[str] = Field(default_factory=list, max_length=250)
    handling: str = "H0"

    def build(self) -> Restrictions:
        return Restrictions.build(self.visibility, self.countries, self.handling)


class IdentifierIn(StrictModel):
    type: str = Field(max_length=32)
    value: str = Field(max_length=200)
    country: str | None = Field(default=None, max_length=2)


def identifier(item: IdentifierIn) -> Identifier:
    try:
        return normalise_identifier(
            item.type, item.value, item.country.lower() if item.country else None
        )
    except InvalidIdentifier as exc:
        raise ValidationFailed(str(exc.reason), field="identifiers") from exc


def default_review_date(years: int = 5, today: date | None = None) -> date:
    today = today or date.today()
    try:
        return today.replace(year=today.year + years)
    except ValueError:  # 29 February
        return today.replace(year=today.year + years, day=28) + timedelta(days=1)


def owner(session: Session, agency_id: int) -> Agency:
    agency = session.get(Agency, agency_id)
    if agency is None:
        raise NotFound(f"Agency {agency_id} does not exist.")
    return agency


def stage_of_record(status: str) -> Stage:
    return Stage.LIVE if status == "active" else Stage.CLOSED


def record_access(row: OwnedMixin, stage: Stage) -> ItemAccess:
    restrictions = Restrictions.build(
        row.visibility, row.visible_countries or [], row.handling_code
    )
    return ItemAccess(row.owner_agency_id, restrictions, stage)


def apply_restrictions(row: OwnedMixin, r: Restrictions) -> None:
    row.visibility = r.visibility.value
    row.visible_countries = sorted(r.countries)
    row.handling_code = r.handling.value


def check_version(row: OwnedMixin, expected: int, what: str) -> None:
    if row.version != expected:
        raise Conflict(
            f"{what} was changed by someone else (now version {row.version}, you edited "
            f"version {expected}): reload it and apply your change again."
        )


def visible_filter(
    model: type[OwnedMixin],
    actor: Actor,
    status_col: InstrumentedAttribute[str] | ColumnElement[Any],
    live_values: tuple[str, ...],
    draft_values: tuple[str, ...] = (),
) -> ColumnElement[bool]:
    """SQL mirror of `domain.access.sight` for listings (results still pass through `sight`)."""
    if Action.READ not in allowed_actions(actor):
        return false()
    own = model.owner_agency_id == actor.agency_id
    live = status_col.in_(live_values)
    shared = or_(
        model.visibility == Visibility.ALL_MEMBERS.value,
        model.visibility == Visibility.HIT_NO_HIT.value,
        and_(
            model.visibility == Visibility.LISTED_COUNTRIES.value,
            cast(model.visible_countries, String).like(f'%"{actor.country}"%'),
        ),
    )
    if actor.is_gs:
        return or_(own, ~status_col.in_(draft_values)) if draft_values else true()
    return or_(own, and_(live, shared))


def require_read(actor: Actor, access: ItemAccess, what: str) -> Sight:
    require(actor, Action.READ, what)
    seen = sight(actor, access)
    if seen is Sight.NONE:
        # Same answer as for a record that does not exist: restricted data must not leak by error.
        raise NotFound(f"No {what} with this id is visible to you.")
    return seen
