"""Cyber-fraud indicator registry: file, change, withdraw, look up (one or a national list),
report sightings, publish CDR flags and export to FollowTheMoney and MISP.

Every use case authorises through ``domain.access`` and writes its audit entry in the caller's
transaction. Values are validated and normalised by ``domain.identifiers`` through
``domain.indicators``, so "+7 (701) 123-45-67" and "87011234567" (country kz) are one phone.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.sql.elements import ColumnElement

from concord.domain.access import Action, ItemAccess, Sight, require, require_change, sight
from concord.domain.directory import Actor, country_code
from concord.domain.errors import Conflict, NotFound, ValidationFailed
from concord.domain.indicators import (
    MISP_CATEGORIES,
    MISP_TYPES,
    IndicatorKind,
    IndicatorStatus,
    confidence_label,
    indicator_key,
    is_high_confidence,
    misp_distribution,
    normalise_indicator,
    parse_confidence,
    parse_kind,
    widest_distribution,
)
from concord.domain.restrictions import Restrictions, Visibility
from concord.services import audit, hits
from concord.services.common import (
    RestrictionsIn,
    StrictModel,
    apply_restrictions,
    check_version,
    default_review_date,
    owner,
    record_access,
    require_read,
    stage_of_record,
    visible_filter,
)
from concord.services.views import AgencyRef, HitOnlyView, RestrictionsView, agency_ref
from concord.storage.base import new_id
from concord.storage.db import UnitOfWork
from concord.storage.tables import Indicator, IndicatorSighting

MAX_BULK = 5000  # one bulk lookup request; the CLI sends a file in batches of this or fewer
_IN_CHUNK = 500  # values per SQL IN (...), well under every driver's parameter limit


# --- inputs and views ----------------------------------------------------------------------


class IndicatorIn(StrictModel):
    kind: str = Field(max_length=32)
    value: str = Field(min_length=1, max_length=1100)
    # Default region for phone numbers written without +: "87011234567" with "kz".
    country: str | None = Field(default=None, max_length=2)
    confidence: float | str = "medium"
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    description: str = Field(default="", max_length=2000)
    tags: list[str] = Field(default_factory=list, max_length=50)
    # A case or operation reference, free text until operations can be linked by id.
    reference: str = Field(default="", max_length=120)
    restrictions: RestrictionsIn = Field(default_factory=RestrictionsIn)


class IndicatorPatch(StrictModel):
    version: int
    confidence: float | str | None = None
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    description: str | None = Field(default=None, max_length=2000)
    tags: list[str] | None = Field(default=None, max_length=50)
    reference: str | None = Field(default=None, max_length=120)
    restrictions: RestrictionsIn | None = None


class SightingIn(StrictModel):
    seen_at: datetime | None = None
    country: str | None = Field(default=None, max_length=2)
    place: str = Field(default="", max_length=200)
    note: str = Field(default="", max_length=2000)


class LookupItem(StrictModel):
    kind: str = Field(max_length=32)
    value: str = Field(max_length=1100)
    country: str | None = Field(default=None, max_length=2)


class IndicatorView(BaseModel):
    object_type: Literal["indicator"] = "indicator"
    id: str
    kind: str
    value: str
    raw: str
    country: str | None
    confidence: float
    confidence_label: str
    first_seen: datetime | None
    last_seen: datetime | None
    description: str
    tags: list[str]
    reasons: list[str]
    reference: str
    source: str
    status: str
    owner: AgencyRef
    restrictions: RestrictionsView
    review_date: date | None
    version: int
    created_at: datetime
    updated_at: datetime


class SightingView(BaseModel):
    id: str
    indicator_id: str
    reporter: AgencyRef
    seen_at: datetime
    country: str | None
    place: str
    note: str
    created_at: datetime


class LookupResult(BaseModel):
    kind: str
    value: str  # as asked
    key: str  # the normalised form that was looked up
    matches: list[IndicatorView | HitOnlyView]
    error: str | None = None  # a bulk item that could not be looked up (unknown kind)
    # Why the value cannot be an indicator of its kind (a failed check digit, say): it was
    # looked up as typed and found nothing, and the officer should know why.
    invalid: str | None = None


class PublishResult(BaseModel):
    reference: str
    created: list[str]
    updated: list[str]
    skipped: list[dict[str, str]]


# --- helpers -------------------------------------------------------------------------------


def _utc(moment: datetime | None) -> datetime | None:
    """Naive times from a form or a CSV are taken as UTC, the platform's one clock."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _now() -> datetime:
    return datetime.now(UTC)


def _tags(tags: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for tag in tags:
        clean = " ".join(tag.split())[:40]
        if clean:
            seen.setdefault(clean, None)
    return list(seen)


def _check_seen(first: datetime | None, last: datetime | None) -> None:
    if first and last and first > last:
        raise ValidationFailed(
            "first_seen is after last_seen: the first sighting cannot follow the last.",
            field="first_seen",
        )


def _restrictions(row: Indicator) -> Restrictions:
    return Restrictions.build(row.visibility, row.visible_countries or [], row.handling_code)


def _access(row: Indicator) -> ItemAccess:
    return record_access(row, stage_of_record(row.status))


def _sight(actor: Actor, row: Indicator) -> Sight:
    return sight(actor, _access(row))


def indicator_view(uow: UnitOfWork, row: Indicator) -> IndicatorView:
    r = _restrictions(row)
    return IndicatorView(
        id=row.id,
        kind=row.kind,
        value=row.value,
        raw=row.raw,
        country=row.country,
        confidence=row.confidence,
        confidence_label=confidence_label(row.confidence),
        first_seen=_utc(row.first_seen),
        last_seen=_utc(row.last_seen),
        description=row.description,
        tags=list(row.tags or []),
        reasons=list(row.reasons or []),
        reference=row.reference,
        source=row.source,
        status=row.status,
        owner=agency_ref(owner(uow.session, row.owner_agency_id)),
        restrictions=RestrictionsView(
            visibility=r.visibility.value, countries=sorted(r.countries), handling=r.handling.value
        ),
        review_date=row.review_date,
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _hit_only(uow: UnitOfWork, row: Indicator) -> HitOnlyView:
    return HitOnlyView(
        object_type="indicator",
        id=row.id,
        owner=agency_ref(owner(uow.session, row.owner_agency_id)),
    )


def _seen_view(uow: UnitOfWork, row: Indicator, seen: Sight) -> IndicatorView | HitOnlyView:
    return indicator_view(uow, row) if seen is Sight.FULL else _hit_only(uow, row)


def _country(raw: str | None) -> str | None:
    return country_code(raw) if raw else None


def _load(uow: UnitOfWork, indicator_id: str) -> Indicator:
    row = uow.session.get(Indicator, indicator_id)
    if row is None:
        raise NotFound("No indicator with this id is visible to you.")
    return row


def _visible(actor: Actor) -> ColumnElement[bool]:
    # The table column rather than the mapped attribute: visible_filter is typed for a
    # ColumnElement, which the instrumented attribute is not to mypy.
    status = Indicator.__table__.c.status
    return visible_filter(Indicator, actor, status, (IndicatorStatus.ACTIVE.value,))


def _own_row(uow: UnitOfWork, agency_id: int, kind: str, value: str) -> Indicator | None:
    return uow.session.execute(
        select(Indicator).where(
            Indicator.owner_agency_id == agency_id,
            Indicator.kind == kind,
            Indicator.value == value,
        )
    ).scalar_one_or_none()


def _own_rows(
    uow: UnitOfWork, agency_id: int, keys: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], Indicator]:
    """The agency's indicators for many (kind, value) pairs, a few queries in all."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for kind, value in keys:
        by_kind[kind].append(value)
    found: dict[tuple[str, str], Indicator] = {}
    for kind, values in by_kind.items():
        for start in range(0, len(values), _IN_CHUNK):
            q = select(Indicator).where(
                Indicator.owner_agency_id == agency_id,
                Indicator.kind == kind,
                Indicator.value.in_(values[start : start + _IN_CHUNK]),
            )
            for row in uow.session.execute(q).scalars():
                found[(row.kind, row.value)] = row
    return found


# --- file, read, change, withdraw -----------------------------------------------------------


def create_indicator(uow: UnitOfWork, actor: Actor, data: IndicatorIn) -> IndicatorView:
    require(actor, Action.CREATE, "file indicators")
    ident = normalise_indicator(data.kind, data.value, _country(data.country))
    confidence = parse_confidence(data.confidence)
    first, last = _utc(data.first_seen), _utc(data.last_seen)
    _check_seen(first, last)
    existing = _own_row(uow, actor.agency_id, ident.kind.value, ident.value)
    if existing is not None:
        raise Conflict(
            f"Your agency already filed this {ident.kind.value} ({ident.value}) as indicator "
            f"{existing.id}: update that one instead."
        )
    now = _now()
    row = Indicator(
        owner_agency_id=actor.agency_id,
        kind=ident.kind.value,
        value=ident.value,
        raw=ident.raw,
        country=ident.country,
        confidence=confidence,
        first_seen=first or last or now,
        last_seen=last or first or now,
        description=data.description,
        tags=_tags(data.tags),
        reasons=[],
        reference=data.reference,
        source="manual",
        status=IndicatorStatus.ACTIVE.value,
        review_date=default_review_date(),
    )
    apply_restrictions(row, data.restrictions.build())
    uow.session.add(row)
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        "indicator.create",
        "indicator",
        row.id,
        {"kind": row.kind, "value": row.value, "visibility": row.visibility},
    )
    return indicator_view(uow, row)


def get_indicator(uow: UnitOfWork, actor: Actor, indicator_id: str) -> IndicatorView | HitOnlyView:
    row = uow.session.get(Indicator, indicator_id)
    if row is None:
        require(actor, Action.READ, "read indicators")
        raise NotFound("No indicator with this id is visible to you.")
    seen = require_read(actor, _access(row), "indicator")
    audit.record(uow.session, actor, "indicator.view", "indicator", row.id, {"sight": seen.name})
    return _seen_view(uow, row, seen)


def update_indicator(
    uow: UnitOfWork, actor: Actor, indicator_id: str, patch: IndicatorPatch
) -> IndicatorView:
    row = _load(uow, indicator_id)
    access = _access(row)
    require_read(actor, access, "indicator")
    require_change(actor, access, "an indicator")
    check_version(row, patch.version, "This indicator")
    changed: list[str] = []
    if patch.confidence is not None:
        row.confidence = parse_confidence(patch.confidence)
        changed.append("confidence")
    first = _utc(patch.first_seen) if patch.first_seen else _utc(row.first_seen)
    last = _utc(patch.last_seen) if patch.last_seen else _utc(row.last_seen)
    _check_seen(first, last)
    if patch.first_seen:
        row.first_seen = first
        changed.append("first_seen")
    if patch.last_seen:
        row.last_seen = last
        changed.append("last_seen")
    if patch.description is not None:
        row.description = patch.description
        changed.append("description")
    if patch.tags is not None:
        row.tags = _tags(patch.tags)
        changed.append("tags")
    if patch.reference is not None:
        row.reference = patch.reference
        changed.append("reference")
    if patch.restrictions is not None:
        apply_restrictions(row, patch.restrictions.build())
        changed.append("restrictions")
    uow.session.flush()
    audit.record(uow.session, actor, "indicator.update", "indicator", row.id, {"changed": changed})
    return indicator_view(uow, row)


def withdraw_indicator(
    uow: UnitOfWork, actor: Actor, indicator_id: str, version: int, reason: str = ""
) -> IndicatorView:
    """Withdrawn indicators stop matching; the owner keeps them (and their sightings)."""
    row = _load(uow, indicator_id)
    access = _access(row)
    require_read(actor, access, "indicator")
    require_change(actor, access, "an indicator")
    check_version(row, version, "This indicator")
    if row.status == IndicatorStatus.WITHDRAWN.value:
        raise Conflict("This indicator is already withdrawn.")
    row.status = IndicatorStatus.WITHDRAWN.value
    uow.session.flush()
    audit.record(
        uow.session, actor, "indicator.withdraw", "indicator", row.id, {"reason": reason[:500]}
    )
    return indicator_view(uow, row)


def list_indicators(
    uow: UnitOfWork,
    actor: Actor,
    *,
    kind: str | None = None,
    owned_only: bool = False,
    include_withdrawn: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> list[IndicatorView]:
    """Browse the indicators the actor may fully see. Hit/no-hit indicators of other agencies
    are left out: their existence is disclosed only to a lookup of their value."""
    require(actor, Action.READ, "list indicators")
    q = (
        select(Indicator)
        .where(_visible(actor))
        .order_by(Indicator.created_at.desc(), Indicator.id)
        .limit(min(max(limit, 1), 500))
        .offset(max(offset, 0))
    )
    if kind:
        q = q.where(Indicator.kind == parse_kind(kind).value)
    if owned_only:
        q = q.where(Indicator.owner_agency_id == actor.agency_id)
    if not include_withdrawn:
        q = q.where(Indicator.status == IndicatorStatus.ACTIVE.value)
    out = [
        indicator_view(uow, row)
        for row in uow.session.execute(q).scalars()
        if _sight(actor, row) is Sight.FULL
    ]
    audit.record(
        uow.session,
        actor,
        "indicator.list",
        "indicator",
        None,
        {"kind": kind, "owned_only": owned_only, "returned": [v.id for v in out]},
    )
    return out


# --- lookup --------------------------------------------------------------------------------


def _matching_rows(
    uow: UnitOfWork, actor: Actor, kind: str, keys: Sequence[str]
) -> dict[str, list[Indicator]]:
    found: dict[str, list[Indicator]] = defaultdict(list)
    unique = sorted(set(keys))
    for start in range(0, len(unique), _IN_CHUNK):
        q = select(Indicator).where(
            Indicator.kind == kind,
            Indicator.value.in_(unique[start : start + _IN_CHUNK]),
            Indicator.status == IndicatorStatus.ACTIVE.value,
            _visible(actor),
        )
        for row in uow.session.execute(q).scalars():
            found[row.value].append(row)
    return found


def _results(uow: UnitOfWork, actor: Actor, items: Sequence[LookupItem]) -> list[LookupResult]:
    keyed: list[tuple[LookupItem, IndicatorKind | None, str, str | None]] = []
    for item in items:
        try:
            kind = parse_kind(item.kind)
            key = indicator_key(kind, item.value, _country(item.country))
            keyed.append((item, kind, key, None))
        except ValidationFailed as exc:
            keyed.append((item, None, item.value, exc.detail))
    by_kind: dict[IndicatorKind, list[str]] = defaultdict(list)
    for _, item_kind, key, _ in keyed:
        if item_kind is not None:
            by_kind[item_kind].append(key)
    rows = {kind: _matching_rows(uow, actor, kind.value, keys) for kind, keys in by_kind.items()}
    out: list[LookupResult] = []
    for item, item_kind, key, error in keyed:
        matches: list[IndicatorView | HitOnlyView] = []
        invalid: str | None = None
        if item_kind is not None:
            for row in rows[item_kind].get(key, []):
                seen = _sight(actor, row)
                if seen is not Sight.NONE:
                    matches.append(_seen_view(uow, row, seen))
            if not matches:
                invalid = _why_invalid(item_kind, item)
        out.append(
            LookupResult(
                kind=item_kind.value if item_kind else item.kind,
                value=item.value,
                key=key,
                matches=matches,
                error=error,
                invalid=invalid,
            )
        )
    # An exact match on another agency's indicator is a hit: its owner is told who looked.
    for result in out:
        for match in result.matches:
            hits.record_hit(
                uow,
                actor,
                "indicator",
                match.id,
                match.owner.id,
                1.0,
                hit_only=isinstance(match, HitOnlyView),
                query_summary={"kind": result.kind, "key": result.key},
            )
    return out


def _why_invalid(kind: IndicatorKind, item: LookupItem) -> str | None:
    try:
        normalise_indicator(kind, item.value, _country(item.country))
    except ValidationFailed as exc:
        return exc.detail
    return None


def lookup(
    uow: UnitOfWork, actor: Actor, kind: str, value: str, country: str | None = None
) -> LookupResult:
    """Exact lookup on the normalised value."""
    require(actor, Action.READ, "look up indicators")
    # An unknown kind or country is the caller's mistake: 422, not an empty answer.
    parse_kind(kind)
    _country(country)
    result = _results(uow, actor, [LookupItem(kind=kind, value=value, country=country)])[0]
    audit.record(
        uow.session,
        actor,
        "indicator.lookup",
        "indicator",
        None,
        {
            "kind": result.kind,
            "key": result.key,
            "country": country,
            "returned": [m.id for m in result.matches],
        },
    )
    return result


def bulk_lookup(uow: UnitOfWork, actor: Actor, items: Sequence[LookupItem]) -> list[LookupResult]:
    """Screen a list (a national list of numbers, accounts, wallets) in one go. An item whose
    kind is unknown comes back with ``error`` set; the others are still answered."""
    require(actor, Action.READ, "look up indicators")
    if len(items) > MAX_BULK:
        raise ValidationFailed(
            f"{len(items)} items given; send at most {MAX_BULK} per request.", field="items"
        )
    out = _results(uow, actor, items)
    audit.record(
        uow.session,
        actor,
        "indicator.bulk_lookup",
        "indicator",
        None,
        {
            "count": len(items),
            "asked": [[r.kind, r.key] for r in out],
            "matched": sum(1 for r in out if r.matches),
            "returned": sorted({m.id for r in out for m in r.matches}),
        },
    )
    return out


# --- sightings -----------------------------------------------------------------------------


def sighting_view(uow: UnitOfWork, row: IndicatorSighting) -> SightingView:
    return SightingView(
        id=row.id,
        indicator_id=row.indicator_id,
        reporter=agency_ref(owner(uow.session, row.reporter_agency_id)),
        seen_at=_utc(row.seen_at) or row.created_at,
        country=row.country,
        place=row.place,
        note=row.note,
        created_at=row.created_at,
    )


def report_sighting(
    uow: UnitOfWork, actor: Actor, indicator_id: str, data: SightingIn
) -> SightingView:
    """An agency that may see the indicator (even hit-only) reports that it met it. The
    indicator itself is not changed: it belongs to its owner."""
    require(actor, Action.CREATE, "report indicator sightings")
    row = _load(uow, indicator_id)
    require_read(actor, _access(row), "indicator")
    if row.status != IndicatorStatus.ACTIVE.value:
        raise Conflict("This indicator is withdrawn; sightings are no longer taken.")
    seen_at = _utc(data.seen_at) or _now()
    if seen_at > _now():
        raise ValidationFailed("seen_at is in the future.", field="seen_at")
    sighting = IndicatorSighting(
        indicator_id=row.id,
        reporter_agency_id=actor.agency_id,
        reporter_user_id=actor.user_id,
        seen_at=seen_at,
        country=_country(data.country) or actor.country,
        place=data.place,
        note=data.note,
    )
    uow.session.add(sighting)
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        "indicator.sighting",
        "indicator",
        row.id,
        {"sighting": sighting.id, "country": sighting.country},
    )
    # A sighting by another agency is news for the owner, hit-only indicators included.
    hits.record_hit(
        uow,
        actor,
        "indicator",
        row.id,
        row.owner_agency_id,
        1.0,
        hit_only=_sight(actor, row) is Sight.HIT_ONLY,
        query_summary={
            "sighting": sighting.id,
            "country": sighting.country,
            "place": sighting.place,
        },
        event="indicator.sighted",
    )
    return sighting_view(uow, sighting)


def list_sightings(uow: UnitOfWork, actor: Actor, indicator_id: str) -> list[SightingView]:
    """The owner sees every sighting of its indicator; any other agency only its own."""
    row = _load(uow, indicator_id)
    require_read(actor, _access(row), "indicator")
    q = (
        select(IndicatorSighting)
        .where(IndicatorSighting.indicator_id == row.id)
        .order_by(IndicatorSighting.seen_at.desc(), IndicatorSighting.id)
    )
    if actor.agency_id != row.owner_agency_id:
        q = q.where(IndicatorSighting.reporter_agency_id == actor.agency_id)
    out = [sighting_view(uow, s) for s in uow.session.execute(q).scalars()]
    audit.record(
        uow.session,
        actor,
        "indicator.sightings",
        "indicator",
        row.id,
        {"returned": [s.id for s in out]},
    )
    return out


# --- CDR flags -----------------------------------------------------------------------------


def publish_flags(
    uow: UnitOfWork,
    actor: Actor,
    flags: Sequence[dict[str, Any]],
    reference: str,
    *,
    restrictions: Restrictions | None = None,
    country: str | None = None,
    seen_at: datetime | None = None,
) -> PublishResult:
    """Turn the CDR detector's ``to_indicators()`` output ({kind, value, confidence, reasons})
    into the actor's agency's indicators in one step.

    Idempotent: a value the agency already filed gets its last_seen, confidence and reasons
    refreshed instead of a duplicate. A value the agency withdrew stays withdrawn (it was
    judged a false positive) and is reported as skipped, as is anything invalid.
    """
    require(actor, Action.CREATE, "publish indicators")
    reference = reference.strip()[:120]
    region = _country(country) or actor.country
    when = _utc(seen_at) or _now()
    r = restrictions or Restrictions()
    best: dict[tuple[str, str], tuple[str, float, list[str]]] = {}
    skipped: list[dict[str, str]] = []
    for n, flag in enumerate(flags, start=1):
        kind, value = str(flag.get("kind", "")), str(flag.get("value", ""))
        try:
            ident = normalise_indicator(kind, value, region)
            score = parse_confidence(flag.get("confidence", "medium"))
        except ValidationFailed as exc:
            skipped.append({"kind": kind, "value": value, "reason": f"flag {n}: {exc.detail}"})
            continue
        reasons = [str(x)[:300] for x in flag.get("reasons") or []][:20]
        key = (ident.kind.value, ident.value)
        if key not in best or best[key][1] < score:
            best[key] = (ident.raw, score, reasons)
    created: list[str] = []
    updated: list[str] = []
    existing = _own_rows(uow, actor.agency_id, list(best))
    for (kind, value), (raw, score, reasons) in best.items():
        row = existing.get((kind, value))
        if row is not None and row.status != IndicatorStatus.ACTIVE.value:
            skipped.append(
                {"kind": kind, "value": value, "reason": "withdrawn earlier by your agency"}
            )
            continue
        if row is not None:
            last = _utc(row.last_seen)
            row.last_seen = max(last, when) if last else when
            row.confidence = score
            row.reasons = reasons
            if reference and not row.reference:
                row.reference = reference
            updated.append(row.id)
            continue
        row = Indicator(
            id=new_id(),  # known before the flush, so one flush writes the whole batch
            owner_agency_id=actor.agency_id,
            kind=kind,
            value=value,
            raw=raw,
            country=region if kind == IndicatorKind.PHONE.value else None,
            confidence=score,
            first_seen=when,
            last_seen=when,
            description="Flagged by call detail record analysis (SIM-bank behaviour).",
            tags=["sim-bank", "cdr"],
            reasons=reasons,
            reference=reference,
            source="cdr",
            status=IndicatorStatus.ACTIVE.value,
            review_date=default_review_date(),
        )
        apply_restrictions(row, r)
        uow.session.add(row)
        created.append(row.id)
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        "indicator.publish_flags",
        "indicator",
        None,
        {
            "reference": reference,
            "created": created,
            "updated": updated,
            "skipped": len(skipped),
        },
    )
    return PublishResult(reference=reference, created=created, updated=updated, skipped=skipped)


# --- export --------------------------------------------------------------------------------


def _exportable(uow: UnitOfWork, actor: Actor, kind: str | None, limit: int) -> list[Indicator]:
    """Active indicators the actor may FULLY see; hit-only and restricted ones never leave."""
    q = (
        select(Indicator)
        .where(
            Indicator.status == IndicatorStatus.ACTIVE.value,
            _visible(actor),
        )
        .order_by(Indicator.created_at, Indicator.id)
        .limit(min(max(limit, 1), 50_000))
    )
    if kind:
        q = q.where(Indicator.kind == parse_kind(kind).value)
    return [row for row in uow.session.execute(q).scalars() if _sight(actor, row) is Sight.FULL]


_FTM_SCHEMA: dict[IndicatorKind, str] = {
    IndicatorKind.PHONE: "UserAccount",  # a subscription on a telephone network
    IndicatorKind.IMSI: "UserAccount",  # a SIM subscription, named by its IMSI
    IndicatorKind.ICCID: "UserAccount",  # the SIM card of a subscription
    IndicatorKind.EMAIL: "UserAccount",
    IndicatorKind.IBAN: "BankAccount",
    IndicatorKind.BTC_WALLET: "CryptoWallet",
    IndicatorKind.ETH_WALLET: "CryptoWallet",
    IndicatorKind.CRYPTO_WALLET: "CryptoWallet",
    # FtM has no schema for a handset or a web resource: a Note named by the value.
    IndicatorKind.IMEI: "Note",
    IndicatorKind.DOMAIN: "Note",
    IndicatorKind.URL: "Note",
}
_FTM_SERVICE = {
    IndicatorKind.PHONE: "telephone",
    IndicatorKind.IMSI: "mobile network (IMSI)",
    IndicatorKind.ICCID: "SIM card (ICCID)",
}
_CURRENCY = {IndicatorKind.BTC_WALLET: "BTC", IndicatorKind.ETH_WALLET: "ETH"}


def to_ftm(view: IndicatorView) -> dict[str, Any]:
    from followthemoney import model

    kind = IndicatorKind(view.kind)
    entity = model.make_entity(_FTM_SCHEMA[kind])
    entity.id = f"concord-indicator-{view.id}"
    entity.add("name", view.value)
    if kind in (IndicatorKind.PHONE, IndicatorKind.IMSI, IndicatorKind.ICCID):
        entity.add("username", view.value)
        entity.add("service", _FTM_SERVICE[kind])
        if kind is IndicatorKind.PHONE:
            entity.add("phone", view.value)
    elif kind is IndicatorKind.EMAIL:
        entity.add("username", view.value)
        entity.add("email", view.value)
        entity.add("service", view.value.rsplit("@", 1)[-1])
    elif kind is IndicatorKind.IBAN:
        entity.add("iban", view.value)
        entity.add("accountNumber", view.value)
    elif kind in (IndicatorKind.BTC_WALLET, IndicatorKind.ETH_WALLET, IndicatorKind.CRYPTO_WALLET):
        entity.add("publicKey", view.value)
        entity.add("currency", _CURRENCY.get(kind))
    elif kind is IndicatorKind.URL:
        entity.add("sourceUrl", view.value)
    if view.country:
        entity.add("country", view.country)
    entity.add("description", _comment(view))
    entity.add("keywords", view.tags)
    entity.add("topics", "crime.fraud")
    if kind in (IndicatorKind.DOMAIN, IndicatorKind.URL, IndicatorKind.EMAIL):
        entity.add("topics", "crime.cyber")
    entity.add("publisher", view.owner.name)
    entity.add("createdAt", view.created_at.isoformat())
    entity.add("modifiedAt", view.updated_at.isoformat())
    return entity.to_dict()


def _comment(view: IndicatorView) -> str:
    parts = [f"{view.kind} indicator of {view.owner.name} ({view.owner.country.upper()})"]
    parts.append(f"confidence {view.confidence_label} ({view.confidence:.2f})")
    if view.description:
        parts.append(view.description)
    if view.reasons:
        parts.append("reasons: " + "; ".join(view.reasons))
    if view.reference:
        parts.append(f"reference {view.reference}")
    return ". ".join(parts)


def export_ftm(
    uow: UnitOfWork, actor: Actor, kind: str | None = None, limit: int = 10_000
) -> list[dict[str, Any]]:
    require(actor, Action.EXPORT, "export indicators")
    out = [to_ftm(indicator_view(uow, row)) for row in _exportable(uow, actor, kind, limit)]
    audit.record(
        uow.session,
        actor,
        "indicator.export",
        "indicator",
        None,
        {"format": "ftm", "kind": kind, "count": len(out), "ids": [e["id"] for e in out]},
    )
    return out


_UUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:concord:indicator")


def _misp_uuid(*parts: str) -> str:
    # Stable across exports, so a MISP instance updates an attribute instead of adding a copy.
    return str(uuid.uuid5(_UUID_NAMESPACE, ":".join(parts)))


def _misp_time(moment: datetime | None) -> str | None:
    return _utc(moment).isoformat() if moment else None  # type: ignore[union-attr]


def _misp_attribute(
    view: IndicatorView, sharing_groups: dict[tuple[str, ...], dict[str, Any]]
) -> dict[str, Any]:
    kind = IndicatorKind(view.kind)
    restrictions = Restrictions.build(
        view.restrictions.visibility, view.restrictions.countries, view.restrictions.handling
    )
    distribution = misp_distribution(restrictions)
    attribute: dict[str, Any] = {
        "uuid": _misp_uuid("attribute", view.id),
        "type": MISP_TYPES[kind],
        "category": MISP_CATEGORIES[kind],
        "value": view.value,
        "to_ids": is_high_confidence(view.confidence),
        "comment": _comment(view),
        "distribution": distribution,
        "timestamp": str(int(view.updated_at.timestamp())),
        "first_seen": _misp_time(view.first_seen),
        "last_seen": _misp_time(view.last_seen),
        "Tag": [
            {"name": f'concord:kind="{kind.value}"'},
            {"name": f'concord:handling="{view.restrictions.handling}"'},
            {"name": f'concord:confidence="{view.confidence_label}"'},
        ],
    }
    if restrictions.visibility is Visibility.LISTED_COUNTRIES:
        countries = tuple(sorted(restrictions.countries))
        group = sharing_groups.setdefault(
            countries,
            {
                "uuid": _misp_uuid("sharing-group", *countries),
                "name": "Concord: " + ", ".join(c.upper() for c in countries),
                "releasability": "Member countries " + ", ".join(c.upper() for c in countries),
                "countries": list(countries),
            },
        )
        attribute["SharingGroup"] = {k: group[k] for k in ("uuid", "name", "releasability")}
    return attribute


def to_misp_event(views: Sequence[IndicatorView], actor: Actor, info: str = "") -> dict[str, Any]:
    """One MISP event (MISP core format) holding every indicator as an Attribute."""
    sharing_groups: dict[tuple[str, ...], dict[str, Any]] = {}
    attributes = [_misp_attribute(v, sharing_groups) for v in views]
    now = _now()
    return {
        "Event": {
            "uuid": str(uuid.uuid4()),
            "info": info or f"Concord cyber-fraud indicators exported by {actor.agency_name}",
            "date": now.date().isoformat(),
            "timestamp": str(int(now.timestamp())),
            "threat_level_id": "2",
            "analysis": "2",
            "published": False,
            "distribution": widest_distribution([a["distribution"] for a in attributes]),
            "Orgc": {"name": actor.agency_name},
            "Tag": [{"name": "concord:export"}],
            "Attribute": attributes,
            "SharingGroup": list(sharing_groups.values()),
        }
    }


def export_misp(
    uow: UnitOfWork, actor: Actor, kind: str | None = None, limit: int = 10_000
) -> dict[str, Any]:
    require(actor, Action.EXPORT, "export indicators")
    views = [indicator_view(uow, row) for row in _exportable(uow, actor, kind, limit)]
    event = to_misp_event(views, actor)
    audit.record(
        uow.session,
        actor,
        "indicator.export",
        "indicator",
        None,
        {"format": "misp", "kind": kind, "count": len(views), "ids": [v.id for v in views]},
    )
    return event
