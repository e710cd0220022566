"""The one authentication gate every endpoint passes through, and the unit of work."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from concord.domain.directory import Actor
from concord.domain.errors import NotAuthenticated
from concord.services import auth
from concord.services.runtime import Runtime
from concord.storage.db import UnitOfWork

_api_key = APIKeyHeader(name="X-API-Key", auto_error=False, description="An API key: ck_...")
_bearer = HTTPBearer(auto_error=False, description="The API key as a bearer token")


def runtime(request: Request) -> Runtime:
    rt: Runtime = request.app.state.runtime
    return rt


def uow(request: Request) -> Iterator[UnitOfWork]:
    with runtime(request).uow() as unit:
        yield unit


def actor(
    request: Request,
    unit: Annotated[UnitOfWork, Depends(uow)],
    key: Annotated[str | None, Depends(_api_key)] = None,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)] = None,
) -> Actor:
    secret = key or (bearer.credentials if bearer else None)
    if secret:
        who = auth.actor_from_api_key(unit.session, secret)
    elif "session" in request.scope and request.session.get("user_id"):
        who = auth.actor_by_user_id(unit.session, int(request.session["user_id"]))
    else:
        raise NotAuthenticated(
            "Send an API key in the X-API-Key header (or as a Bearer token), or log in."
        )
    request.state.actor = who
    return who


UoW = Annotated[UnitOfWork, Depends(uow)]
CurrentActor = Annotated[Actor, Depends(actor)]
RuntimeDep = Annotated[Runtime, Depends(runtime)]
