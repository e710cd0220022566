"""Request and hit factories for tests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from concord.domain.directory import Actor
from concord.services import requests, screening
from concord.services.requests import RequestIn, RequestView
from concord.services.runtime import Runtime
from concord.services.screening import MatchQuery, MatchResult


def request_in(kind: str = "locate", **kw: Any) -> RequestIn:
    base: dict[str, Any] = {"kind": kind, "title": f"{kind.replace('_', ' ').title()} request"}
    base.update(kw)
    return RequestIn(**base)


def make_request(
    rt: Runtime, actor: Actor, kind: str = "locate", *, at: datetime | None = None, **kw: Any
) -> RequestView:
    with rt.uow() as uow:
        view = requests.create_request(uow, actor, request_in(kind, **kw), at=at)
        uow.commit()
    return view


def move(
    rt: Runtime,
    actor: Actor,
    request_id: str,
    target: str,
    note: str = "",
    *,
    at: datetime | None = None,
) -> RequestView:
    with rt.uow() as uow:
        view = requests.transition_request(uow, actor, request_id, target, note, at=at)
        uow.commit()
    return view


def sent_request(
    rt: Runtime,
    officer: Actor,
    supervisor: Actor,
    kind: str = "locate",
    *,
    at: datetime | None = None,
    **kw: Any,
) -> RequestView:
    """A request drafted by `officer` and approved by `supervisor` (the same agency)."""
    draft = make_request(rt, officer, kind, at=at, **kw)
    with rt.uow() as uow:
        requests.transition_request(uow, officer, draft.id, "awaiting_approval", at=at)
        first = "requested" if kind == "extradition" else "sent"
        view = requests.transition_request(uow, supervisor, draft.id, first, at=at)
        uow.commit()
    return view


def search(rt: Runtime, actor: Actor, names: list[str], **kw: Any) -> list[MatchResult]:
    with rt.uow() as uow:
        out = screening.match(uow, actor, rt.index, MatchQuery(names=names, **kw))
        uow.commit()
    return out
