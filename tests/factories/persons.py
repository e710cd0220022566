"""Person and notice factories for tests."""

from __future__ import annotations

from typing import Any

from concord.domain.directory import Actor
from concord.services import notices, persons
from concord.services.common import IdentifierIn, RestrictionsIn
from concord.services.notices import NoticeIn
from concord.services.persons import PersonIn
from concord.services.runtime import Runtime
from concord.services.views import NoticeView, PersonView


def person_in(names: list[str] | None = None, **kw: Any) -> PersonIn:
    restrictions = kw.pop("restrictions", None) or RestrictionsIn()
    idents = [IdentifierIn(**i) for i in kw.pop("identifiers", [])]
    return PersonIn(
        names=names or ["Ерлан Ахметов"], restrictions=restrictions, identifiers=idents, **kw
    )


def make_person(rt: Runtime, actor: Actor, names: list[str] | None = None, **kw: Any) -> PersonView:
    with rt.uow() as uow:
        view = persons.create_person(uow, actor, person_in(names, **kw), rt.index)
        uow.commit()
    return view


def red_notice_in(person_id: str, **kw: Any) -> NoticeIn:
    base: dict[str, Any] = {
        "kind": "red",
        "title": "Fraud on a large scale",
        "person_id": person_id,
        "offence": "Fraud on a large scale",
        "legal_basis": "Criminal Code, art. 190(4)",
        "warrant_reference": "W-1234/2026",
        "issuing_authority": "Almaty District Court",
        "subject_status": "accused",
        "max_penalty_months": 120,
    }
    base.update(kw)
    return NoticeIn(**base)


def make_notice(rt: Runtime, actor: Actor, person_id: str, **kw: Any) -> NoticeView:
    with rt.uow() as uow:
        view = notices.create_notice(uow, actor, red_notice_in(person_id, **kw))
        uow.commit()
    return view
