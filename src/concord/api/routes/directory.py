from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter
from pydantic import BaseModel, Field

from concord.api.deps import CurrentActor, UoW
from concord.domain.access import Action, require
from concord.services import directory
from concord.storage.tables import User

router = APIRouter(tags=["directory"])


class CountryOut(BaseModel):
    code: str
    name: str
    member: bool
    joined_on: date | None
    left_on: date | None


class AgencyIn(BaseModel):
    name: str = Field(min_length=2, max_length=200)
    country: str
    kind: str
    webhook_url: str | None = Field(default=None, max_length=500, pattern=r"^https?://")


class AgencyOut(BaseModel):
    id: int
    name: str
    country: str
    kind: str


class AgencyCreatedOut(AgencyOut):
    webhook_secret: str
    note: str = (
        "Webhooks to this agency carry X-Concord-Signature: sha256=HMAC-SHA256(webhook_secret, "
        "X-Concord-Timestamp + '.' + body). Store the secret now: it is not shown again."
    )


class WebhookSecretOut(BaseModel):
    webhook_secret: str
    note: str = "Store this secret now: it is not shown again. The old one stops working."


class UserIn(BaseModel):
    username: str
    agency_id: int
    roles: list[str]
    display_name: str = ""
    password: str | None = None


class UserOut(BaseModel):
    id: int
    username: str
    display_name: str
    agency_id: int
    roles: list[str]
    locked_until: datetime | None = None


class MeOut(BaseModel):
    user_id: int
    username: str
    agency: AgencyOut
    roles: list[str]


class ApiKeyOut(BaseModel):
    api_key: str
    note: str = "Store this key now: it is not shown again."


def _user(u: User) -> UserOut:
    return UserOut(
        id=u.id,
        username=u.username,
        display_name=u.display_name,
        agency_id=u.agency_id,
        roles=u.roles.split(","),
        locked_until=u.locked_until,
    )


def _country(c: object) -> CountryOut:
    return CountryOut.model_validate(c, from_attributes=True)


@router.get("/me", response_model=MeOut)
def me(actor: CurrentActor) -> MeOut:
    return MeOut(
        user_id=actor.user_id,
        username=actor.username,
        agency=AgencyOut(
            id=actor.agency_id,
            name=actor.agency_name,
            country=actor.country,
            kind=actor.agency_kind.value,
        ),
        roles=sorted(r.value for r in actor.roles),
    )


@router.get("/countries", response_model=list[CountryOut])
def list_countries(actor: CurrentActor, uow: UoW, members_only: bool = False) -> list[CountryOut]:
    return [_country(c) for c in directory.list_countries(uow, members_only)]


@router.post("/countries/{code}/join", response_model=CountryOut, status_code=201)
def join(code: str, actor: CurrentActor, uow: UoW) -> CountryOut:
    country = directory.join_country(uow, actor, code)
    uow.commit()
    return _country(country)


@router.post("/countries/{code}/leave", response_model=CountryOut)
def leave(code: str, actor: CurrentActor, uow: UoW) -> CountryOut:
    country = directory.leave_country(uow, actor, code)
    uow.commit()
    return _country(country)


@router.get("/agencies", response_model=list[AgencyOut])
def list_agencies(actor: CurrentActor, uow: UoW) -> list[AgencyOut]:
    return [
        AgencyOut(id=a.id, name=a.name, country=a.country_code, kind=a.kind)
        for a in directory.list_agencies(uow)
    ]


@router.post("/agencies", response_model=AgencyCreatedOut, status_code=201)
def create_agency(body: AgencyIn, actor: CurrentActor, uow: UoW) -> AgencyCreatedOut:
    a = directory.create_agency(uow, actor, body.name, body.country, body.kind, body.webhook_url)
    uow.commit()
    return AgencyCreatedOut(
        id=a.id, name=a.name, country=a.country_code, kind=a.kind, webhook_secret=a.webhook_secret
    )


@router.post(
    "/agencies/{agency_id}/webhook-secret", response_model=WebhookSecretOut, status_code=201
)
def rotate_webhook_secret(agency_id: int, actor: CurrentActor, uow: UoW) -> WebhookSecretOut:
    secret = directory.rotate_webhook_secret(uow, actor, agency_id)
    uow.commit()
    return WebhookSecretOut(webhook_secret=secret)


@router.post("/users", response_model=UserOut, status_code=201)
def create_user(body: UserIn, actor: CurrentActor, uow: UoW) -> UserOut:
    require(actor, Action.ADMINISTER, "create users")
    u = directory.create_user(
        uow, actor, body.username, body.agency_id, body.roles, body.display_name, body.password
    )
    uow.commit()
    return _user(u)


@router.post("/users/{user_id}/unlock", response_model=UserOut)
def unlock_user(user_id: int, actor: CurrentActor, uow: UoW) -> UserOut:
    u = directory.unlock_user(uow, actor, user_id)
    uow.commit()
    return _user(u)


@router.post("/users/{user_id}/api-keys", response_model=ApiKeyOut, status_code=201)
def create_key(user_id: int, actor: CurrentActor, uow: UoW, label: str = "") -> ApiKeyOut:
    secret = directory.create_api_key(uow, actor, user_id, label)
    uow.commit()
    return ApiKeyOut(api_key=secret)
