"""Requests between agencies on both databases: approval, party-only access, role-bound steps,
deadlines and overdue alerts, messages and attachments, the audit of every step."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import select

from concord.domain.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from concord.services import hits, requests
from concord.services.runtime import Runtime
from concord.storage.base import utcnow
from concord.storage.tables import AuditLog, CooperationRequest
from conftest import World
from factories.persons import make_person
from factories.requests import make_request, move, sent_request


def test_locate_request_goes_through_approval_and_answers(rt: Runtime, world: World) -> None:
    a = world.actors
    person = make_person(rt, a["kz.officer"], ["Ерлан Ахметов"], birth_date="1980-01-02")
    draft = make_request(
        rt, a["kz.officer"], "locate", requested_agency_id=world.agencies["ru"], person_id=person.id
    )
    assert draft.state == "draft"
    assert (draft.requesting_country, draft.requested_country) == ("kz", "ru")
    assert draft.allowed_steps == ["awaiting_approval", "cancelled"]
    # Nothing has left the agency: the requested side does not see the draft.
    with rt.uow() as uow, pytest.raises(NotFound):
        requests.get_request(uow, a["ru.officer"], draft.id)
    move(rt, a["kz.officer"], draft.id, "awaiting_approval", "please approve")
    with rt.uow() as uow, pytest.raises(PermissionDenied):
        requests.approve_request(uow, a["kz.officer"], draft.id)
    with rt.uow() as uow:
        sent = requests.approve_request(uow, a["kz.supervisor"], draft.id, "approved")
        uow.commit()
    assert sent.state == "sent" and sent.approved_by == "kz.supervisor"
    assert sent.sent_at is not None and sent.deadline is not None
    assert sent.deadline - sent.sent_at == timedelta(days=7)
    assert sent.deadline_side == "requested"

    incoming = requests.list_requests
    with rt.uow() as uow:
        inbox = incoming(uow, a["ru.officer"], box="incoming")
    assert [r.id for r in inbox] == [draft.id]
    assert inbox[0].my_side == "requested"
    assert inbox[0].allowed_steps == ["acknowledged"]

    move(rt, a["ru.officer"], draft.id, "acknowledged", "received")
    move(rt, a["ru.officer"], draft.id, "in_progress")
    done = move(rt, a["ru.officer"], draft.id, "located", "found in Kazan")
    assert done.state == "located" and done.closed_at is not None and done.deadline is None
    assert done.first_answer_at is not None and done.response_hours is not None
    assert [(e.from_state, e.to_state) for e in done.events] == [
        (None, "draft"),
        ("draft", "awaiting_approval"),
        ("awaiting_approval", "sent"),
        ("sent", "acknowledged"),
        ("acknowledged", "in_progress"),
        ("in_progress", "located"),
    ]
    assert done.events[-1].username == "ru.officer" and done.events[-1].note == "found in Kazan"
    with rt.uow() as uow:
        actions = (
            uow.session.execute(
                select(AuditLog.action).where(AuditLog.object_id == draft.id).order_by(AuditLog.seq)
            )
            .scalars()
            .all()
        )
    for step in ("create", "awaiting_approval", "sent", "acknowledged", "in_progress", "located"):
        assert f"request.{step}" in actions


def test_a_third_agency_can_neither_see_nor_move_a_request(rt: Runtime, world: World) -> None:
    a = world.actors
    req = sent_request(
        rt, a["kz.officer"], a["kz.supervisor"], requested_agency_id=world.agencies["ru"]
    )
    outsider = a["tr.supervisor"]
    with rt.uow() as uow:
        for attempt in (
            lambda: requests.get_request(uow, outsider, req.id),
            lambda: requests.transition_request(uow, outsider, req.id, "acknowledged"),
            lambda: requests.transition_request(uow, outsider, req.id, "withdrawn", "no"),
            lambda: requests.post_message(uow, outsider, req.id, "hello"),
            lambda: requests.add_attachment(uow, outsider, req.id, "a.txt", "text/plain", b"x"),
        ):
            with pytest.raises(NotFound):
                attempt()
        assert requests.list_requests(uow, outsider) == []
        # The GS is not a party either.
        with pytest.raises(NotFound):
            requests.get_request(uow, a["gs.reviewer"], req.id)
    with rt.uow() as uow:
        row = uow.session.get(CooperationRequest, req.id)
        assert row is not None and row.state == "sent"


def test_each_side_takes_only_its_own_steps(rt: Runtime, world: World) -> None:
    a = world.actors
    req = sent_request(
        rt, a["kz.officer"], a["kz.supervisor"], requested_agency_id=world.agencies["ru"]
    )
    with rt.uow() as uow:
        with pytest.raises(InvalidTransition, match="requested agency"):
            requests.transition_request(uow, a["kz.officer"], req.id, "acknowledged")
        with pytest.raises(InvalidTransition, match="requesting agency"):
            requests.transition_request(uow, a["ru.supervisor"], req.id, "withdrawn", "no")
        with pytest.raises(InvalidTransition, match="cannot become"):
            requests.transition_request(uow, a["ru.officer"], req.id, "located")
        # The viewer of the requested agency reads but does not answer.
        with pytest.raises(PermissionDenied):
            requests.transition_request(uow, a["ru.viewer"], req.id, "acknowledged")
        # Withdrawing speaks for the agency: a supervisor, with a reason.
        with pytest.raises(PermissionDenied):
            requests.transition_request(uow, a["kz.officer"], req.id, "withdrawn", "mistake")
        with pytest.raises(ValidationFailed):
            requests.transition_request(uow, a["kz.supervisor"], req.id, "withdrawn", "")
        done = requests.transition_request(
            uow, a["kz.supervisor"], req.id, "withdrawn", "found at home"
        )
        uow.commit()
    assert done.state == "withdrawn" and done.allowed_steps == []


def test_arrest_starts_the_extradition_deadline_which_a_follow_up_meets(
    rt: Runtime, world: World
) -> None:
    a = world.actors
    arrest = sent_request(
        rt,
        a["kz.officer"],
        a["kz.supervisor"],
        "provisional_arrest",
        requested_agency_id=world.agencies["ru"],
        urgency="urgent",
    )
    assert arrest.deadline is not None and arrest.sent_at is not None
    assert arrest.deadline - arrest.sent_at == timedelta(hours=8)
    arrested = move(rt, a["ru.officer"], arrest.id, "arrested", "detained at Sheremetyevo")
    assert arrested.deadline is not None and arrested.deadline_side == "requesting"
    assert arrested.deadline - arrested.events[-1].at == timedelta(days=40)
    extradition = sent_request(
        rt, a["kz.officer"], a["kz.supervisor"], "extradition", follows_id=arrest.id
    )
    assert extradition.state == "requested"
    assert extradition.requested.id == world.agencies["ru"]
    with rt.uow() as uow:
        assert requests.get_request(uow, a["kz.officer"], arrest.id).deadline is None
    for step in ("under_judicial_review", "granted", "surrendered"):
        last = move(rt, a["ru.officer"], extradition.id, step)
    assert last.state == "surrendered" and last.closed_at is not None


def test_a_deadline_passing_raises_one_alert_for_the_side_that_owes(
    rt: Runtime, world: World
) -> None:
    a = world.actors
    ten_days_ago = utcnow() - timedelta(days=10)
    late = sent_request(
        rt,
        a["kz.officer"],
        a["kz.supervisor"],
        requested_agency_id=world.agencies["ru"],
        at=ten_days_ago,
    )
    on_time = sent_request(
        rt, a["kz.officer"], a["kz.supervisor"], requested_agency_id=world.agencies["tr"]
    )
    with rt.uow() as uow:
        assert requests.raise_overdue_alerts(uow) == 1
        assert requests.raise_overdue_alerts(uow) == 0  # idempotent
        uow.commit()
    with rt.uow() as uow:
        ru = hits.list_alerts(uow, a["ru.officer"])
        assert [(x.kind, x.object_id.split(":")[0]) for x in ru] == [("request_overdue", late.id)]
        assert late.reference in ru[0].message
        assert hits.list_alerts(uow, a["kz.officer"]) == []
        assert hits.list_alerts(uow, a["tr.officer"]) == []
        read = hits.mark_alert_read(uow, a["ru.officer"], ru[0].id)
        assert read.read_at is not None
        with pytest.raises(NotFound):
            hits.mark_alert_read(uow, a["kz.officer"], ru[0].id)
        overdue = requests.list_requests(uow, a["ru.officer"], overdue_only=True)
        assert [r.id for r in overdue] == [late.id]
        assert on_time.id not in [r.id for r in overdue]
    # Answering starts a new step with a new deadline; that one is not overdue yet.
    move(rt, a["ru.officer"], late.id, "acknowledged")
    with rt.uow() as uow:
        assert requests.raise_overdue_alerts(uow) == 0
        # ... until it passes.
        assert requests.raise_overdue_alerts(uow, now=utcnow() + timedelta(days=31)) == 2


def test_messages_and_attachments_stay_between_the_parties(rt: Runtime, world: World) -> None:
    a = world.actors
    req = sent_request(
        rt,
        a["kz.officer"],
        a["kz.supervisor"],
        "information",
        requested_agency_id=world.agencies["ru"],
    )
    content = b"%PDF-1.4 court decision\n"
    with rt.uow() as uow:
        requests.post_message(uow, a["kz.officer"], req.id, "Attached: the court decision.")
        meta = requests.add_attachment(
            uow, a["kz.officer"], req.id, "decision.pdf", "application/pdf", content
        )
        requests.post_message(uow, a["ru.officer"], req.id, "Received, checking.")
        uow.commit()
    assert meta.sha256 == hashlib.sha256(content).hexdigest() and meta.size == len(content)
    with rt.uow() as uow:
        got = requests.get_attachment(uow, a["ru.officer"], req.id, meta.id)
        view = requests.get_request(uow, a["ru.officer"], req.id)
        with pytest.raises(NotFound):
            requests.get_attachment(uow, a["tr.officer"], req.id, meta.id)
        with pytest.raises(ValidationFailed, match="limit"):
            requests.add_attachment(
                uow,
                a["kz.officer"],
                req.id,
                "big.pdf",
                "application/pdf",
                b"x" * 101,
                max_bytes=100,
            )
        with pytest.raises(ValidationFailed, match="not accepted"):
            requests.add_attachment(
                uow, a["kz.officer"], req.id, "run.exe", "application/x-msdownload", b"MZ"
            )
    assert got.data == content and got.content_type == "application/pdf"
    assert [m.body for m in view.messages] == [
        "Attached: the court decision.",
        "Received, checking.",
    ]
    # The requested side's first message is its first answer.
    assert view.first_answer_at is not None and view.state == "sent"


def test_request_from_a_hit_goes_to_the_record_owner(rt: Runtime, world: World) -> None:
    from factories.requests import search

    a = world.actors
    make_person(rt, a["ru.officer"], ["Иван Петров"], birth_date="1975-05-05")
    search(rt, a["kz.officer"], ["Ivan Petrov"], birth_date="1975-05-05")
    with rt.uow() as uow:
        (hit,) = hits.list_hits(uow, a["kz.officer"], box="sent")
    req = make_request(rt, a["kz.officer"], "locate", hit_id=hit.id)
    assert req.requested.id == world.agencies["ru"] and req.hit_id == hit.id
    with rt.uow() as uow, pytest.raises(ValidationFailed):
        requests.create_request(
            uow, a["tr.officer"], requests.RequestIn(kind="locate", title="x", hit_id=hit.id)
        )
    with rt.uow() as uow, pytest.raises(ValidationFailed, match="another agency"):
        requests.create_request(
            uow,
            a["kz.officer"],
            requests.RequestIn(kind="locate", title="x", requested_agency_id=world.agencies["kz"]),
        )
