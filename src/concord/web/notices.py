"""Notices: the list, one notice, drafting and editing (with the subject picked or created
inline), sending by a supervisor and cancellation."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from concord.api.deps import CurrentActor, RuntimeDep, UoW
from concord.domain.access import Action, allowed_actions
from concord.domain.directory import Actor
from concord.domain.notices import Channel, NoticeKind, NoticeStatus, SubjectStatus
from concord.domain.restrictions import HandlingCode, Visibility
from concord.services import notices, persons
from concord.services.common import IdentifierIn
from concord.services.notices import NoticeIn, NoticePatch
from concord.services.persons import PersonIn
from concord.services.runtime import Runtime
from concord.services.views import HitOnlyView, NoticeView, PersonView
from concord.storage.db import UnitOfWork
from concord.web.forms import Form, FormData
from concord.web.ui import (
    WebRoute,
    flash,
    form_lines,
    form_list,
    form_restrictions,
    int_or_none,
    redirect,
    render,
)

router = APIRouter(route_class=WebRoute, include_in_schema=False)

NOTICE_FIELDS = (
    "title",
    "description",
    "offence",
    "legal_basis",
    "warrant_reference",
    "issuing_authority",
)


def choices() -> dict[str, list[str]]:
    return {
        "kinds": [k.value for k in NoticeKind],
        "channels": [c.value for c in Channel],
        "statuses": [s.value for s in NoticeStatus],
        "subject_statuses": [s.value for s in SubjectStatus],
        "visibilities": [v.value for v in Visibility],
        "handlings": [h.value for h in HandlingCode],
    }


def _fields(form: FormData) -> dict[str, Any]:
    data: dict[str, Any] = {name: form.optional(name) for name in NOTICE_FIELDS}
    data["description"] = form.text("description")
    data["title"] = form.text("title")
    data["subject_status"] = form.optional("subject_status")
    data["max_penalty_months"] = int_or_none(form.text("max_penalty_months"), "max_penalty_months")
    data["remaining_sentence_months"] = int_or_none(
        form.text("remaining_sentence_months"), "remaining_sentence_months"
    )
    data["restrictions"] = form_restrictions(form)
    return data


def _inline_person(uow: UnitOfWork, actor: Actor, form: FormData, rt: Runtime) -> str | None:
    """The subject: a new person typed into the form, else the one picked, else none."""
    names = form_lines(form.text("person_names"))
    if not names:
        return form.optional("person_id")
    passport = form.text("person_passport")
    view = persons.create_person(
        uow,
        actor,
        PersonIn(
            names=names,
            birth_date=form.optional("person_birth_date"),
            nationalities=form_list(form.text("person_nationality")),
            gender=form.optional("person_gender"),
            identifiers=[
                IdentifierIn(
                    type="passport",
                    value=passport,
                    country=form.optional("person_passport_country"),
                )
            ]
            if passport
            else [],
            restrictions=form_restrictions(form),
        ),
        rt.index,
    )
    return view.id


def _own_persons(uow: UnitOfWork, actor: Actor) -> list[PersonView]:
    found = persons.list_persons(uow, actor, limit=100, owned_only=True)
    return [p for p in found if isinstance(p, PersonView)]


def _form_page(
    request: Request,
    uow: UnitOfWork,
    actor: Actor,
    notice: NoticeView | None,
    values: dict[str, Any],
) -> Response:
    ctx = {"notice": notice, "v": values, "own_persons": _own_persons(uow, actor), **choices()}
    uow.commit()  # the person listing is audited
    return render(request, "notice_form.html", ctx, actor=actor)


@router.get("/notices")
def notice_list(
    request: Request,
    actor: CurrentActor,
    uow: UoW,
    status: str = "",
    kind: str = "",
    page: int = 1,
) -> Response:
    page = max(page, 1)
    found = notices.list_notices(
        uow, actor, status=status or None, kind=kind or None, limit=51, offset=(page - 1) * 50
    )
    uow.commit()
    return render(
        request,
        "notices.html",
        {
            "notices": found[:50],
            "more": len(found) > 50,
            "page": page,
            "filters": {"status": status, "kind": kind},
            "can_create": Action.CREATE in allowed_actions(actor),
            **choices(),
        },
        actor=actor,
    )


@router.get("/notices/new")
def new_notice(request: Request, actor: CurrentActor, uow: UoW, person_id: str = "") -> Response:
    values = {
        "kind": "red",
        "channel": "notice",
        "person_id": person_id,
        "visibility": "all_members",
    }
    return _form_page(request, uow, actor, None, values)


@router.post("/notices/new")
def create_notice(
    request: Request, actor: CurrentActor, uow: UoW, rt: RuntimeDep, form: Form
) -> Response:
    person_id = _inline_person(uow, actor, form, rt)
    view = notices.create_notice(
        uow,
        actor,
        NoticeIn(
            kind=form.text("kind"),
            channel=form.text("channel") or "notice",
            person_id=person_id,
            **_fields(form),
        ),
    )
    uow.commit()
    flash(request, f"Draft {view.reference} saved.", "success")
    return redirect(f"/notices/{view.id}")


@router.get("/notices/{notice_id}")
def notice_page(request: Request, notice_id: str, actor: CurrentActor, uow: UoW) -> Response:
    view = notices.get_notice(uow, actor, notice_id)
    uow.commit()
    actions = allowed_actions(actor)
    own = view.owner.id == actor.agency_id
    return render(
        request,
        "notice.html",
        {
            "n": view,
            "can_edit": own
            and Action.CREATE in actions
            and view.status in ("draft", "under_review"),
            "can_submit": own and Action.APPROVE in actions and view.status == "draft",
            "can_cancel": own
            and Action.APPROVE in actions
            and view.status in ("draft", "published", "refused"),
            "can_review": Action.REVIEW in actions and view.status == "under_review",
            "subject_hidden": isinstance(view.person, HitOnlyView),
        },
        actor=actor,
    )


@router.get("/notices/{notice_id}/edit")
def edit_notice(request: Request, notice_id: str, actor: CurrentActor, uow: UoW) -> Response:
    view = notices.get_notice(uow, actor, notice_id)
    values: dict[str, Any] = view.model_dump()
    values["person_id"] = view.person.id if view.person else ""
    values["visibility"] = view.restrictions.visibility
    values["countries"] = ", ".join(view.restrictions.countries)
    values["handling"] = view.restrictions.handling
    return _form_page(request, uow, actor, view, values)


@router.post("/notices/{notice_id}/edit")
def update_notice(
    request: Request, notice_id: str, actor: CurrentActor, uow: UoW, rt: RuntimeDep, form: Form
) -> Response:
    person_id = _inline_person(uow, actor, form, rt)
    version = int_or_none(form.text("version"), "version") or 0
    view = notices.update_notice(
        uow,
        actor,
        notice_id,
        NoticePatch(version=version, person_id=person_id, **_fields(form)),
    )
    uow.commit()
    flash(request, f"{view.reference} saved.", "success")
    return redirect(f"/notices/{view.id}")


@router.post("/notices/{notice_id}/submit")
def submit_notice(
    request: Request, notice_id: str, actor: CurrentActor, uow: UoW, form: Form
) -> Response:
    version = int_or_none(form.text("version"), "version") or 0
    view = notices.submit_notice(uow, actor, notice_id, version)
    uow.commit()
    held = any(note.get("by") == "neutrality check" for note in view.review_notes)
    if held:
        where = "held for General Secretariat review: the neutrality check found concerns"
    elif view.status == "published":
        where = "sent to its countries"
    else:
        where = "sent to the General Secretariat for review"
    flash(request, f"{view.reference} {where}.", "success")
    return redirect(f"/notices/{view.id}")


@router.post("/notices/{notice_id}/cancel")
def cancel_notice(
    request: Request, notice_id: str, actor: CurrentActor, uow: UoW, form: Form
) -> Response:
    version = int_or_none(form.text("version"), "version") or 0
    view = notices.cancel_notice(uow, actor, notice_id, version, form.text("reason"))
    uow.commit()
    flash(request, f"{view.reference} cancelled.", "success")
    return redirect(f"/notices/{view.id}")
