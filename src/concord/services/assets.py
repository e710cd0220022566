"""Asset recovery cases: owners and assets as FollowTheMoney entities, the ownership graph,
requests between prosecutors' offices, the stages identified -> returned, and statistics."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import or_, select

from concord.domain.access import Action, Sight, require, sight
from concord.domain.assets import (
    FTM_SCHEMA,
    REPORTED_STAGES,
    STAGE_AFTER,
    AssetKind,
    CaseParties,
    RequestKind,
    RequestStatus,
    Stage,
    amount_of,
    check_may_act,
    check_step,
    check_step_date,
    currency_code,
    is_overdue,
    is_party,
    ownership_depth,
    parse_enum,
)
from concord.domain.directory import Actor, country_code
from concord.domain.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from concord.services import audit
from concord.services.common import StrictModel, owner
from concord.services.screening import MatchQuery, ScreeningIndex, match
from concord.services.views import AgencyRef, agency_ref
from concord.storage.base import new_id, utcnow
from concord.storage.db import UnitOfWork
from concord.storage.tables import (
    Agency,
    AssetCase,
    AssetEntity,
    AssetRequest,
    AssetStep,
    Notice,
)

# FtM schemata a case keeps; anything else in an import (documents, mentions...) is skipped and
# counted, since Aleph exports carry much more than ownership data.
OWNER_SCHEMATA = ("Person", "Company", "Organization", "LegalEntity")
ASSET_SCHEMATA = ("BankAccount", "RealEstate", "Vehicle", "CryptoWallet", "Company")
LINK_SCHEMATA = ("Ownership",)
KEPT_SCHEMATA = frozenset(OWNER_SCHEMATA + ASSET_SCHEMATA + LINK_SCHEMATA)

# A screening score from which an imported owner is worth an officer's look.
SCREENING_THRESHOLD = 0.7
SCREENING_KEEP = 3


# --- input ------------------------------------------------------------------------------------


class CaseIn(StrictModel):
    title: str = Field(min_length=1, max_length=300)
    description: str = Field(default="", max_length=5000)
    requested_agency_id: int
    # The identified stage carries an amount like every other: the estimated value.
    amount: Decimal = Field(ge=0, max_digits=24, decimal_places=4)
    currency: str = Field(min_length=3, max_length=3)
    identified_on: date | None = None


class StepIn(StrictModel):
    stage: str
    amount: Decimal = Field(ge=0, max_digits=24, decimal_places=4)
    currency: str = Field(min_length=3, max_length=3)
    on: date
    note: str = Field(default="", max_length=2000)
    version: int


class RequestIn(StrictModel):
    kind: str
    note: str = Field(default="", max_length=2000)
    deadline: date | None = None


class AnswerIn(StrictModel):
    outcome: str = Field(pattern="^(executed|refused)$")
    note: str = Field(default="", max_length=2000)
    # Needed when executing a request that moves the case (freeze, seize, ...).
    amount: Decimal | None = Field(default=None, ge=0, max_digits=24, decimal_places=4)
    currency: str | None = Field(default=None, min_length=3, max_length=3)
    on: date | None = None
    version: int


class OwnerIn(StrictModel):
    schema_: str = Field(default="Person", alias="schema", pattern="^(Person|Company)$")
    name: str = Field(min_length=1, max_length=300)
    country: str | None = None
    birth_date: str | None = Field(default=None, max_length=10)


class AssetIn(StrictModel):
    kind: str
    name: str = Field(min_length=1, max_length=300)
    country: str | None = None
    # IBAN or account number, cadastral number or address, VIN or plate, wallet address.
    identifier: str | None = Field(default=None, max_length=200)
    owner_ids: list[str] = Field(default_factory=list, max_length=50)
    percentage: str | None = Field(default=None, max_length=10)


# --- views ------------------------------------------------------------------------------------


class StepView(BaseModel):
    stage: str
    amount: Decimal
    currency: str
    on: date
    agency: AgencyRef
    username: str
    note: str
    request_id: int | None


class RequestView(BaseModel):
    id: int
    kind: str
    from_agency: AgencyRef
    to_agency: AgencyRef
    status: str
    note: str
    answer: str
    deadline: date | None
    overdue: bool
    sent_at: datetime
    answered_at: datetime | None
    version: int


class EntityView(BaseModel):
    entity_id: str
    schema_: str = Field(serialization_alias="schema")
    caption: str
    country: str | None


class ScreeningHit(BaseModel):
    entity_id: str
    name: str
    person_id: str
    score: float
    hit_only: bool
    notices: list[dict[str, str]]


class CaseView(BaseModel):
    object_type: str = "asset_case"
    id: str
    reference: str
    title: str
    description: str
    requesting: AgencyRef
    requested: AgencyRef
    stage: str
    steps: list[StepView]
    requests: list[RequestView]
    owners: list[EntityView]
    assets: list[EntityView]
    links: int
    screening: list[ScreeningHit]
    version: int
    created_at: datetime
    updated_at: datetime


class GraphNode(BaseModel):
    id: str
    schema_: str = Field(serialization_alias="schema")
    label: str
    country: str | None
    depth: int
    best_match: float | None


class GraphEdge(BaseModel):
    id: str
    source: str
    target: str
    label: str


class GraphView(BaseModel):
    case_id: str
    nodes: list[GraphNode]
    edges: list[GraphEdge]


class ImportResult(BaseModel):
    imported: int
    skipped: dict[str, int]
    screened: int
    screening: list[ScreeningHit]


class StatisticsRow(BaseModel):
    year: int
    requesting_country: str
    requested_country: str
    stage: str
    currency: str
    amount: Decimal
    cases: int


# --- helpers ----------------------------------------------------------------------------------


def parties_of(row: AssetCase) -> CaseParties:
    return CaseParties(row.requesting_agency_id, row.requested_agency_id)


def _load(uow: UnitOfWork, actor: Actor, case_id: str) -> AssetCase:
    require(actor, Action.READ, "read asset recovery cases")
    row = uow.session.get(AssetCase, case_id)
    if row is None or not is_party(actor, parties_of(row)):
        raise NotFound("No asset recovery case with this id is visible to you.")
    return row


def _check_version(row: AssetCase | AssetRequest, expected: int, what: str) -> None:
    if row.version != expected:
        raise Conflict(
            f"{what} was changed by someone else (now version {row.version}, you edited "
            f"version {expected}): reload it and apply your change again."
        )


def _entity_view(e: AssetEntity) -> EntityView:
    return EntityView(entity_id=e.entity_id, schema_=e.schema, caption=e.caption, country=e.country)


def _owned_ids(row: AssetCase) -> set[str]:
    return {e.target_id for e in row.entities if e.schema in LINK_SCHEMATA and e.target_id}


def case_view(uow: UnitOfWork, row: AssetCase, today: date | None = None) -> CaseView:
    today = today or date.today()
    ref = {}

    def agency(aid: int) -> AgencyRef:
        if aid not in ref:
            ref[aid] = agency_ref(owner(uow.session, aid))
        return ref[aid]

    owned = _owned_ids(row)
    nodes = [e for e in row.entities if e.schema not in LINK_SCHEMATA]
    assets = [
        e
        for e in nodes
        if e.schema in ASSET_SCHEMATA and (e.schema != "Company" or e.entity_id in owned)
    ]
    asset_ids = {e.entity_id for e in assets}
    return CaseView(
        id=row.id,
        reference=row.reference,
        title=row.title,
        description=row.description,
        requesting=agency(row.requesting_agency_id),
        requested=agency(row.requested_agency_id),
        stage=row.stage,
        steps=[
            StepView(
                stage=s.stage,
                amount=Decimal(s.amount),
                currency=s.currency,
                on=s.on,
                agency=agency(s.agency_id),
                username=s.username,
                note=s.note,
                request_id=s.request_id,
            )
            for s in row.steps
        ],
        requests=[
            RequestView(
                id=r.id,
                kind=r.kind,
                from_agency=agency(r.from_agency_id),
                to_agency=agency(r.to_agency_id),
                status=r.status,
                note=r.note,
                answer=r.answer,
                deadline=r.deadline,
                overdue=is_overdue(r.deadline, RequestStatus(r.status), today),
                sent_at=r.sent_at,
                answered_at=r.answered_at,
                version=r.version,
            )
            for r in row.requests
        ],
        owners=[_entity_view(e) for e in nodes if e.entity_id not in asset_ids],
        assets=[_entity_view(e) for e in assets],
        links=sum(1 for e in row.entities if e.schema in LINK_SCHEMATA),
        screening=[ScreeningHit.model_validate(h) for h in row.screening or []],
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _add_step(
    uow: UnitOfWork,
    actor: Actor,
    row: AssetCase,
    stage: Stage,
    amount: Decimal,
    currency: str,
    on: date,
    note: str,
    request_id: int | None = None,
) -> None:
    check_step(Stage(row.stage), stage)
    previous = max((s.on for s in row.steps), default=None)
    check_step_date(on, previous, date.today())
    value = amount_of(amount)
    code = currency_code(currency)
    row.steps.append(
        AssetStep(
            stage=stage.value,
            amount=str(value),
            currency=code,
            on=on,
            agency_id=actor.agency_id,
            username=actor.username,
            note=note,
            request_id=request_id,
        )
    )
    before = row.stage
    row.stage = stage.value
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        f"asset_case.{stage.value}",
        "asset_case",
        row.id,
        {
            "from": before,
            "to": stage.value,
            "amount": str(value),
            "currency": code,
            "on": on.isoformat(),
            "request_id": request_id,
        },
    )


# --- cases ------------------------------------------------------------------------------------


def open_case(uow: UnitOfWork, actor: Actor, data: CaseIn) -> CaseView:
    require(actor, Action.CREATE, "open asset recovery cases")
    requested = uow.session.get(Agency, data.requested_agency_id)
    if requested is None:
        raise ValidationFailed(
            f"Agency {data.requested_agency_id} does not exist.", field="requested_agency_id"
        )
    if requested.id == actor.agency_id:
        raise ValidationFailed(
            "A case is between two agencies: name the requested agency abroad.",
            field="requested_agency_id",
        )
    cid = new_id()
    row = AssetCase(
        id=cid,
        reference=f"AR-{date.today().year}-{cid[:8].upper()}",
        title=data.title,
        description=data.description,
        requesting_agency_id=actor.agency_id,
        requested_agency_id=requested.id,
        stage=Stage.IDENTIFIED.value,
        screening=[],
    )
    uow.session.add(row)
    on = data.identified_on or date.today()
    check_step_date(on, None, date.today())
    row.steps.append(
        AssetStep(
            stage=Stage.IDENTIFIED.value,
            amount=str(amount_of(data.amount)),
            currency=currency_code(data.currency),
            on=on,
            agency_id=actor.agency_id,
            username=actor.username,
            note="",
        )
    )
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        "asset_case.open",
        "asset_case",
        row.id,
        {"title": row.title, "requested_agency_id": requested.id},
    )
    return case_view(uow, row)


def get_case(uow: UnitOfWork, actor: Actor, case_id: str) -> CaseView:
    row = _load(uow, actor, case_id)
    audit.record(uow.session, actor, "asset_case.view", "asset_case", row.id)
    return case_view(uow, row)


def list_cases(uow: UnitOfWork, actor: Actor, limit: int = 100) -> list[CaseView]:
    require(actor, Action.READ, "list asset recovery cases")
    rows = uow.session.execute(
        select(AssetCase)
        .where(
            or_(
                AssetCase.requesting_agency_id == actor.agency_id,
                AssetCase.requested_agency_id == actor.agency_id,
            )
        )
        .order_by(AssetCase.created_at.desc(), AssetCase.id)
        .limit(max(1, min(limit, 500)))
    ).scalars()
    out = [case_view(uow, r) for r in rows]
    audit.record(
        uow.session, actor, "asset_case.list", "asset_case", None, {"returned": [c.id for c in out]}
    )
    return out


def record_step(uow: UnitOfWork, actor: Actor, case_id: str, data: StepIn) -> CaseView:
    """A party records that the case reached a stage (e.g. a court confiscated the assets)."""
    row = _load(uow, actor, case_id)
    check_may_act(actor, parties_of(row))
    _check_version(row, data.version, "This case")
    stage = parse_enum(Stage, data.stage, "stage")
    _add_step(uow, actor, row, stage, data.amount, data.currency, data.on, data.note)
    return case_view(uow, row)


def send_request(uow: UnitOfWork, actor: Actor, case_id: str, data: RequestIn) -> CaseView:
    row = _load(uow, actor, case_id)
    check_may_act(actor, parties_of(row))
    kind = parse_enum(RequestKind, data.kind, "kind")
    target = STAGE_AFTER[kind]
    if target is not None:
        check_step(Stage(row.stage), target)
    if data.deadline is not None and data.deadline < date.today():
        raise ValidationFailed("The deadline has already passed.", field="deadline")
    request = AssetRequest(
        kind=kind.value,
        from_agency_id=actor.agency_id,
        to_agency_id=parties_of(row).other(actor.agency_id),
        status=RequestStatus.SENT.value,
        note=data.note,
        deadline=data.deadline,
    )
    row.requests.append(request)
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        "asset_case.request",
        "asset_case",
        row.id,
        {
            "request_id": request.id,
            "kind": kind.value,
            "to_agency_id": request.to_agency_id,
            "deadline": data.deadline.isoformat() if data.deadline else None,
        },
    )
    return case_view(uow, row)


def answer_request(
    uow: UnitOfWork, actor: Actor, case_id: str, request_id: int, data: AnswerIn
) -> CaseView:
    """The requested party executes or refuses; executing a freeze, seizure, confiscation,
    return or sharing moves the case with the amount it concerned."""
    row = _load(uow, actor, case_id)
    check_may_act(actor, parties_of(row))
    request = next((r for r in row.requests if r.id == request_id), None)
    if request is None:
        raise NotFound("This case has no request with this id.")
    if request.to_agency_id != actor.agency_id:
        raise PermissionDenied("Only the agency a request was sent to answers it.")
    _check_version(request, data.version, "This request")
    if request.status != RequestStatus.SENT.value:
        raise InvalidTransition(f"The request was already {request.status}.")
    kind = RequestKind(request.kind)
    target = STAGE_AFTER[kind]
    if data.outcome == RequestStatus.EXECUTED.value and target is not None:
        if data.amount is None or data.currency is None or data.on is None:
            raise ValidationFailed(
                f"Executing a {kind.value} request records the amount, currency and date.",
                field="amount",
            )
        _add_step(
            uow, actor, row, target, data.amount, data.currency, data.on, data.note, request.id
        )
    request.status = data.outcome
    request.answer = data.note
    request.answered_at = utcnow()
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        "asset_case.answer",
        "asset_case",
        row.id,
        {"request_id": request.id, "kind": kind.value, "outcome": data.outcome},
    )
    return case_view(uow, row)


class OverdueView(BaseModel):
    case_id: str
    reference: str
    request: RequestView


def overdue_requests(uow: UnitOfWork, actor: Actor, today: date | None = None) -> list[OverdueView]:
    """Requests to or from the actor's agency still unanswered after their deadline: what the
    alert list shows (the answering party must act, the sending party may chase)."""
    require(actor, Action.READ, "read asset recovery requests")
    today = today or date.today()
    rows = uow.session.execute(
        select(AssetRequest)
        .where(
            AssetRequest.status == RequestStatus.SENT.value,
            AssetRequest.deadline < today,
            or_(
                AssetRequest.to_agency_id == actor.agency_id,
                AssetRequest.from_agency_id == actor.agency_id,
            ),
        )
        .order_by(AssetRequest.deadline, AssetRequest.id)
    ).scalars()
    out = []
    for r in rows:
        view = case_view(uow, r.case, today)
        out.append(
            OverdueView(
                case_id=r.case_id,
                reference=view.reference,
                request=next(q for q in view.requests if q.id == r.id),
            )
        )
    audit.record(
        uow.session,
        actor,
        "asset_case.overdue",
        "asset_case",
        None,
        {"returned": [o.request.id for o in out]},
    )
    return out


# --- FollowTheMoney ---------------------------------------------------------------------------


def _proxy(entity: dict[str, Any]) -> Any:
    from followthemoney import model
    from followthemoney.exc import InvalidData

    if not isinstance(entity, dict) or not entity.get("id") or not entity.get("schema"):
        raise ValidationFailed("Not a FollowTheMoney entity: it needs an id and a schema.")
    if len(str(entity["id"])) > 200:
        raise ValidationFailed(f"Entity id {str(entity['id'])[:40]}... is over 200 characters.")
    try:
        # cleaned=False: values from outside are parsed and normalised by FtM's types.
        return model.get_proxy(entity, cleaned=False)
    except (InvalidData, KeyError, TypeError, ValueError) as exc:
        raise ValidationFailed(f"Not a FollowTheMoney entity: {exc}") from exc


def _country_of(proxy: Any) -> str | None:
    for prop in ("jurisdiction", "country", "nationality", "citizenship", "mainCountry"):
        if prop in proxy.schema.properties:
            value = proxy.first(prop)
            if value and len(value) == 2:
                return str(value)
    return None


def _store(row: AssetCase, proxies: list[Any]) -> int:
    existing = {e.entity_id: e for e in row.entities}
    for proxy in proxies:
        data = proxy.to_dict()
        ent = existing.get(proxy.id)
        if ent is None:
            ent = AssetEntity(entity_id=proxy.id)
            row.entities.append(ent)
            existing[proxy.id] = ent
        ent.schema = proxy.schema.name
        ent.caption = str(proxy.caption or proxy.id)[:300]
        ent.country = _country_of(proxy)
        ent.properties = data.get("properties", {})
        ent.source_id = proxy.first("owner") if proxy.schema.name in LINK_SCHEMATA else None
        ent.target_id = proxy.first("asset") if proxy.schema.name in LINK_SCHEMATA else None
    return len(proxies)


def import_ftm(
    uow: UnitOfWork,
    actor: Actor,
    case_id: str,
    entities: Iterable[dict[str, Any]],
    index: ScreeningIndex,
) -> ImportResult:
    """Import ownership data (FtM entities as OpenSanctions and Aleph export them), all or
    nothing, then screen the imported persons against persons and notices."""
    row = _load(uow, actor, case_id)
    check_may_act(actor, parties_of(row))
    kept: list[Any] = []
    skipped: dict[str, int] = defaultdict(int)
    for n, entity in enumerate(entities, start=1):
        try:
            proxy = _proxy(entity)
        except ValidationFailed as exc:
            raise ValidationFailed(f"Entity {n}: {exc.detail}") from exc
        if proxy.schema.name in KEPT_SCHEMATA:
            kept.append(proxy)
        else:
            skipped[proxy.schema.name] += 1
    known = {e.entity_id for e in row.entities} | {p.id for p in kept}
    for proxy in kept:
        if proxy.schema.name in LINK_SCHEMATA:
            ends = (proxy.first("owner"), proxy.first("asset"))
            missing = [e for e in ends if e is None or e not in known]
            if missing:
                raise ValidationFailed(
                    f"Ownership {proxy.id} links to entities that are neither in the file nor "
                    f"in the case: {', '.join(str(m) for m in missing)}."
                )
    count = _store(row, kept)
    uow.session.flush()
    people = [p for p in kept if p.schema.name == "Person"]
    hits = screen_owners(uow, actor, row, people, index)
    audit.record(
        uow.session,
        actor,
        "asset_case.import",
        "asset_case",
        row.id,
        {"format": "ftm", "imported": count, "skipped": dict(skipped), "screened": len(people)},
    )
    return ImportResult(imported=count, skipped=dict(skipped), screened=len(people), screening=hits)


def _notices_about(uow: UnitOfWork, actor: Actor, person_id: str) -> list[dict[str, str]]:
    from concord.services.notices import notice_access

    rows = uow.session.execute(select(Notice).where(Notice.person_id == person_id)).scalars()
    return [
        {"id": n.id, "reference": n.reference, "kind": n.kind, "status": n.status}
        for n in rows
        if sight(actor, notice_access(n)) is Sight.FULL
    ]


def screen_owners(
    uow: UnitOfWork, actor: Actor, row: AssetCase, people: list[Any], index: ScreeningIndex
) -> list[ScreeningHit]:
    """Screen FtM Person entities with services.screening.match; keep the best few per owner
    on the case (replacing that owner's earlier matches)."""
    from concord.domain.persons import parse_partial_date

    found: list[ScreeningHit] = []
    for proxy in people:
        names = list(dict.fromkeys(proxy.get("name") + proxy.get("alias")))[:20]
        if not names:
            continue
        birth = proxy.first("birthDate")
        birth = birth[:10] if birth else None
        try:
            parse_partial_date(birth)
        except ValidationFailed:
            birth = None  # FtM allows dates our records do not: screen on the names alone
        query = MatchQuery(
            names=names,
            birth_date=birth,
            nationalities=[c for c in proxy.get("nationality") if len(c) == 2][:10],
            limit=SCREENING_KEEP,
            threshold=SCREENING_THRESHOLD,
        )
        for result in match(uow, actor, index, query):
            hit_only = getattr(result.record, "hit_only", False)
            found.append(
                ScreeningHit(
                    entity_id=proxy.id,
                    name=names[0],
                    person_id=result.record.id,
                    score=result.score,
                    hit_only=hit_only,
                    notices=[] if hit_only else _notices_about(uow, actor, result.record.id),
                )
            )
    screened = {p.id for p in people}
    kept = [h for h in row.screening or [] if h["entity_id"] not in screened]
    row.screening = kept + [h.model_dump() for h in found]
    uow.session.flush()
    return found


def export_ftm(uow: UnitOfWork, actor: Actor, case_id: str) -> list[dict[str, Any]]:
    require(actor, Action.EXPORT, "export asset recovery data")
    row = _load(uow, actor, case_id)
    out = [
        {"id": e.entity_id, "schema": e.schema, "properties": dict(e.properties)}
        for e in row.entities
    ]
    audit.record(
        uow.session,
        actor,
        "asset_case.export",
        "asset_case",
        row.id,
        {"format": "ftm", "count": len(out)},
    )
    return out


def add_owner(uow: UnitOfWork, actor: Actor, case_id: str, data: OwnerIn) -> str:
    """An owner typed in by an officer, stored as the FtM entity an import would have made."""
    props: dict[str, list[str]] = {"name": [data.name]}
    if data.country:
        key = "nationality" if data.schema_ == "Person" else "jurisdiction"
        props[key] = [country_code(data.country)]
    if data.birth_date and data.schema_ == "Person":
        props["birthDate"] = [data.birth_date]
    eid = f"concord-{data.schema_.lower()}-{new_id()[:16]}"
    _typed_import(uow, actor, case_id, [{"id": eid, "schema": data.schema_, "properties": props}])
    return eid


def add_asset(uow: UnitOfWork, actor: Actor, case_id: str, data: AssetIn) -> str:
    kind = parse_enum(AssetKind, data.kind, "kind")
    schema = FTM_SCHEMA[kind]
    props: dict[str, list[str]] = {"name": [data.name]}
    if data.country:
        props["jurisdiction" if kind is AssetKind.COMPANY else "country"] = [
            country_code(data.country)
        ]
    if data.identifier:
        prop = {
            AssetKind.BANK_ACCOUNT: "iban" if data.identifier[:2].isalpha() else "accountNumber",
            AssetKind.COMPANY: "registrationNumber",
            AssetKind.REAL_ESTATE: "cadastralCode",
            AssetKind.VEHICLE: "registrationNumber",
            AssetKind.CRYPTO_WALLET: "publicKey",
        }[kind]
        props[prop] = [data.identifier]
    eid = f"concord-{kind.value.replace('_', '-')}-{new_id()[:16]}"
    entities: list[dict[str, Any]] = [{"id": eid, "schema": schema, "properties": props}]
    for owner_id in data.owner_ids:
        link: dict[str, list[str]] = {"owner": [owner_id], "asset": [eid]}
        if data.percentage:
            link["percentage"] = [data.percentage]
        entities.append(
            {"id": f"{eid}-own-{owner_id}"[:200], "schema": "Ownership", "properties": link}
        )
    _typed_import(uow, actor, case_id, entities)
    return eid


def _typed_import(
    uow: UnitOfWork, actor: Actor, case_id: str, entities: list[dict[str, Any]]
) -> None:
    row = _load(uow, actor, case_id)
    check_may_act(actor, parties_of(row))
    proxies = [_proxy(e) for e in entities]
    known = {e.entity_id for e in row.entities} | {p.id for p in proxies}
    for p in proxies:
        if p.schema.name in LINK_SCHEMATA and p.first("owner") not in known:
            raise ValidationFailed(
                f"Owner {p.first('owner')} is not part of this case.", field="owner_ids"
            )
    _store(row, proxies)
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        "asset_case.add_entities",
        "asset_case",
        row.id,
        {"entities": [p.id for p in proxies]},
    )


# --- graph ------------------------------------------------------------------------------------


def graph(uow: UnitOfWork, actor: Actor, case_id: str) -> GraphView:
    row = _load(uow, actor, case_id)
    nodes = [e for e in row.entities if e.schema not in LINK_SCHEMATA]
    ids = {e.entity_id for e in nodes}
    links = [
        e
        for e in row.entities
        if e.schema in LINK_SCHEMATA and e.source_id in ids and e.target_id in ids
    ]
    depth = ownership_depth(
        (e.entity_id for e in nodes),
        ((str(e.source_id), str(e.target_id)) for e in links),
    )
    best: dict[str, float] = {}
    for hit in row.screening or []:
        best[hit["entity_id"]] = max(best.get(hit["entity_id"], 0.0), float(hit["score"]))
    audit.record(uow.session, actor, "asset_case.graph", "asset_case", row.id)
    return GraphView(
        case_id=row.id,
        nodes=[
            GraphNode(
                id=e.entity_id,
                schema_=e.schema,
                label=e.caption,
                country=e.country,
                depth=depth[e.entity_id],
                best_match=best.get(e.entity_id),
            )
            for e in nodes
        ],
        edges=[
            GraphEdge(
                id=e.entity_id,
                source=str(e.source_id),
                target=str(e.target_id),
                label=_share_label(e.properties),
            )
            for e in links
        ],
    )


def _share_label(props: dict[str, list[str]]) -> str:
    pct = (props.get("percentage") or [""])[0]
    return f"{pct}%" if pct and not pct.endswith("%") else pct


# --- statistics -------------------------------------------------------------------------------


def statistics(uow: UnitOfWork, actor: Actor, *, year: int | None = None) -> list[StatisticsRow]:
    """Amounts frozen, confiscated and returned by country pair and year, per currency. Open to
    every reader: aggregates name no case, owner or asset."""
    require(actor, Action.READ, "read asset recovery statistics")
    countries = {
        aid: code for aid, code in uow.session.execute(select(Agency.id, Agency.country_code))
    }
    q = (
        select(AssetStep, AssetCase.requesting_agency_id, AssetCase.requested_agency_id)
        .join(AssetCase, AssetStep.case_id == AssetCase.id)
        .where(AssetStep.stage.in_([s.value for s in REPORTED_STAGES]))
    )
    sums: dict[tuple[int, str, str, str, str], Decimal] = defaultdict(Decimal)
    cases: dict[tuple[int, str, str, str, str], set[str]] = defaultdict(set)
    for step, requesting, requested in uow.session.execute(q):
        if year is not None and step.on.year != year:
            continue
        key = (step.on.year, countries[requesting], countries[requested], step.stage, step.currency)
        sums[key] += Decimal(step.amount)
        cases[key].add(step.case_id)
    out = [
        StatisticsRow(
            year=k[0],
            requesting_country=k[1],
            requested_country=k[2],
            stage=k[3],
            currency=k[4],
            amount=sums[k],
            cases=len(cases[k]),
        )
        for k in sorted(
            sums, key=lambda k: (-k[0], k[1], k[2], list(Stage).index(Stage(k[3])), k[4])
        )
    ]
    audit.record(uow.session, actor, "asset_case.statistics", "asset_case", None, {"year": year})
    return out
