"""Authentication: API keys (stored hashed) and passwords for the web session."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from concord.domain.directory import Actor, AgencyKind, parse_roles
from concord.domain.errors import NotAuthenticated, TooManyAttempts
from concord.storage.base import utcnow
from concord.storage.tables import ApiKey, User

KEY_PREFIX = "ck_"
# Password guessing: after this many failed logins in a row an account is locked for a while.
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return f"scrypt${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str | None) -> bool:
    if not stored or not stored.startswith("scrypt$"):
        return False
    _, salt_hex, digest_hex = stored.split("$")
    candidate = hash_password(password, bytes.fromhex(salt_hex)).split("$")[2]
    return hmac.compare_digest(candidate, digest_hex)


def _key_hash(secret: str) -> str:
    # API keys are long random secrets, so a fast hash is enough (no dictionary to attack).
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_api_key(session: Session, user: User, label: str = "") -> str:
    """Create a key; the plain key is returned once and never stored."""
    prefix = secrets.token_hex(4)
    secret = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(24)}"
    session.add(ApiKey(user_id=user.id, prefix=prefix, key_hash=_key_hash(secret), label=label))
    session.flush()
    return secret


def actor_of(user: User) -> Actor:
    return Actor(
        user_id=user.id,
        username=user.username,
        agency_id=user.agency_id,
        agency_name=user.agency.name,
        country=user.agency.country_code,
        agency_kind=AgencyKind(user.agency.kind),
        roles=parse_roles(user.roles),
    )


def actor_from_api_key(session: Session, secret: str) -> Actor:
    parts = secret.split("_")
    if not secret.startswith(KEY_PREFIX) or len(parts) < 3:
        raise NotAuthenticated("The API key is malformed: it should look like ck_xxxxxxxx_...")
    key = session.execute(select(ApiKey).where(ApiKey.prefix == parts[1])).scalar_one_or_none()
    if key is None or not hmac.compare_digest(key.key_hash, _key_hash(secret)):
        raise NotAuthenticated("The API key is not known.")
    if key.revoked_at is not None:
        raise NotAuthenticated("The API key was revoked.")
    if not key.user.active:
        raise NotAuthenticated("The user of this API key is deactivated.")
    return actor_of(key.user)


def actor_by_user_id(session: Session, user_id: int) -> Actor:
    user = session.get(User, user_id)
    if user is None or not user.active:
        raise NotAuthenticated("The session has expired: log in again.")
    return actor_of(user)


def revoke_api_key(session: Session, key: ApiKey) -> None:
    key.revoked_at = utcnow()


def login(session: Session, username: str, password: str, *, now: datetime | None = None) -> Actor:
    """Password login for the web UI; successes, failures and locks all land in the audit log
    (the caller commits in every case, so a failed attempt is kept too). After
    MAX_FAILED_LOGINS failures in a row the account refuses every password, the right one
    included, for LOCKOUT."""
    from concord.services import audit

    now = now or utcnow()
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if user is not None and user.locked_until is not None and user.locked_until > now:
        audit.record(
            session, None, "auth.login_locked", "user", str(user.id), {"username": username[:64]}
        )
        raise TooManyAttempts(
            f"Too many failed logins: this account is locked until "
            f"{user.locked_until:%H:%M} UTC. Try again then, or ask an administrator."
        )
    if user is None or not user.active or not check_password(password, user.password_hash):
        audit.record(session, None, "auth.login_failed", "user", None, {"username": username[:64]})
        if user is not None:
            _count_failure(session, user, now)
        raise NotAuthenticated("Wrong username or password.")
    user.failed_logins, user.locked_until = 0, None
    actor = actor_of(user)
    audit.record(session, actor, "auth.login", "user", str(actor.user_id))
    return actor


def _count_failure(session: Session, user: User, now: datetime) -> None:
    from concord.services import audit

    # Counted in SQL, so that attempts made at the same moment are all counted.
    failures = session.execute(
        update(User)
        .where(User.id == user.id)
        .values(failed_logins=User.failed_logins + 1)
        .returning(User.failed_logins)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    session.refresh(user)
    if failures >= MAX_FAILED_LOGINS:
        user.failed_logins, user.locked_until = 0, now + LOCKOUT
        audit.record(
            session,
            None,
            "auth.account_locked",
            "user",
            str(user.id),
            {"username": user.username, "until": user.locked_until.isoformat()},
        )
