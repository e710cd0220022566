"""Membership and the directory: countries join and leave, agencies and users are data."""

from __future__ import annotations

import secrets
from datetime import date

from sqlalchemy import select

from concord.domain.access import Action, require
from concord.domain.directory import Actor, AgencyKind, country_code, country_name, parse_roles
from concord.domain.errors import Conflict, NotFound, ValidationFailed
from concord.services import audit
from concord.services.auth import hash_password, issue_api_key
from concord.storage.db import UnitOfWork
from concord.storage.tables import Agency, Country, User


def list_countries(uow: UnitOfWork, members_only: bool = False) -> list[Country]:
    q = select(Country).order_by(Country.code)
    if members_only:
        q = q.where(Country.member.is_(True))
    return list(uow.session.execute(q).scalars())


def join_country(
    uow: UnitOfWork, actor: Actor | None, code: str, joined_on: date | None = None
) -> Country:
    if actor is not None:
        require(actor, Action.ADMINISTER, "admit member countries")
    code = country_code(code)
    country = uow.session.get(Country, code)
    if country is None:
        country = Country(code=code, name=country_name(code))
        uow.session.add(country)
    elif country.member:
        raise Conflict(f"{country.name} is already a member.")
    country.member, country.joined_on, country.left_on = True, joined_on or date.today(), None
    audit.record(
        uow.session, actor, "country.join", "country", code, {"joined_on": country.joined_on}
    )
    return country


def leave_country(uow: UnitOfWork, actor: Actor, code: str) -> Country:
    require(actor, Action.ADMINISTER, "record that a country left")
    country = uow.session.get(Country, country_code(code))
    if country is None or not country.member:
        raise NotFound(f"'{code}' is not a member country.")
    country.member, country.left_on = False, date.today()
    audit.record(uow.session, actor, "country.leave", "country", country.code)
    return country


def create_agency(
    uow: UnitOfWork,
    actor: Actor | None,
    name: str,
    country: str,
    kind: str,
    webhook_url: str | None = None,
) -> Agency:
    if actor is not None:
        require(actor, Action.ADMINISTER, "create agencies")
    code = country_code(country)
    member = uow.session.get(Country, code)
    if member is None or not member.member:
        raise ValidationFailed(f"{country_name(code)} is not a member country.", field="country")
    try:
        agency_kind = AgencyKind(kind)
    except ValueError as exc:
        raise ValidationFailed(
            f"Unknown agency kind '{kind}': use one of {', '.join(k.value for k in AgencyKind)}.",
            field="kind",
        ) from exc
    if uow.session.execute(select(Agency).where(Agency.name == name)).first():
        raise Conflict(f"An agency named '{name}' exists already.")
    agency = Agency(
        name=name.strip(), country_code=code, kind=agency_kind.value, webhook_url=webhook_url
    )
    uow.session.add(agency)
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        "agency.create",
        "agency",
        str(agency.id),
        {"name": name, "country": code, "kind": kind},
    )
    return agency


def list_agencies(uow: UnitOfWork) -> list[Agency]:
    return list(
        uow.session.execute(select(Agency).order_by(Agency.country_code, Agency.name)).scalars()
    )


def create_user(
    uow: UnitOfWork,
    actor: Actor | None,
    username: str,
    agency_id: int,
    roles: list[str] | str,
    display_name: str = "",
    password: str | None = None,
) -> User:
    if actor is not None:
        require(actor, Action.ADMINISTER, "create users")
    username = username.strip().lower()
    if (
        not username
        or len(username) > 64
        or not username.replace(".", "").replace("_", "").replace("-", "").isalnum()
    ):
        raise ValidationFailed(
            "A username is 1-64 letters, digits, '.', '_' or '-'.", field="username"
        )
    if uow.session.get(Agency, agency_id) is None:
        raise ValidationFailed(f"Agency {agency_id} does not exist.", field="agency_id")
    if uow.session.execute(select(User).where(User.username == username)).first():
        raise Conflict(f"The username '{username}' is taken.")
    parsed = parse_roles(roles)
    if password is not None and len(password) < 8:
        raise ValidationFailed("A password needs at least 8 characters.", field="password")
    user = User(
        username=username,
        display_name=display_name or username,
        agency_id=agency_id,
        roles=",".join(sorted(r.value for r in parsed)),
        password_hash=hash_password(password) if password else None,
    )
    uow.session.add(user)
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        "user.create",
        "user",
        str(user.id),
        {"username": username, "agency_id": agency_id, "roles": sorted(parsed)},
    )
    return user


def create_api_key(uow: UnitOfWork, actor: Actor | None, user_id: int, label: str = "") -> str:
    """Admins issue keys to anyone; every user may issue keys to themselves."""
    if actor is not None and actor.user_id != user_id:
        require(actor, Action.ADMINISTER, "issue API keys to other users")
    user = uow.session.get(User, user_id)
    if user is None:
        raise NotFound(f"User {user_id} does not exist.")
    secret = issue_api_key(uow.session, user, label)
    audit.record(uow.session, actor, "api_key.create", "user", str(user_id), {"label": label})
    return secret


def unlock_user(uow: UnitOfWork, actor: Actor | None, user_id: int) -> User:
    """Lift a lock after failed logins before it runs out (the user called in, say); `actor`
    None is the server's operator at the command line."""
    if actor is not None:
        require(actor, Action.ADMINISTER, "unlock users")
    user = uow.session.get(User, user_id)
    if user is None:
        raise NotFound(f"User {user_id} does not exist.")
    user.failed_logins, user.locked_until = 0, None
    audit.record(uow.session, actor, "user.unlock", "user", str(user_id))
    return user


def rotate_webhook_secret(uow: UnitOfWork, actor: Actor, agency_id: int) -> str:
    """A new signing secret for the agency's webhooks, returned once; messages still waiting
    in the outbox are signed with it too (the secret is read when a message is sent)."""
    require(actor, Action.ADMINISTER, "rotate webhook secrets")
    agency = uow.session.get(Agency, agency_id)
    if agency is None:
        raise NotFound(f"Agency {agency_id} does not exist.")
    agency.webhook_secret = secrets.token_hex(32)
    audit.record(uow.session, actor, "agency.webhook_secret_rotate", "agency", str(agency_id))
    return agency.webhook_secret
