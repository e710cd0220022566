"""Review dates: owners are reminded, may extend with a reason, and expired items are archived
and stop matching."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from concord.domain.errors import NotFound, ValidationFailed
from concord.services import hits, notices, retention
from concord.services.retention import ExtensionIn
from concord.services.runtime import Runtime
from concord.storage.tables import AuditLog, Person
from conftest import World
from factories.persons import make_notice, make_person
from factories.requests import search


def _review_on(rt: Runtime, person_id: str, day: date) -> None:
    # Stands in for the years passing since the record was created.
    with rt.uow() as uow:
        row = uow.session.get(Person, person_id)
        assert row is not None
        row.review_date = day
        uow.commit()


def test_expired_records_are_archived_and_stop_matching(rt: Runtime, world: World) -> None:
    a = world.actors
    old = make_person(rt, a["kz.officer"], ["Ерлан Ахметов"], birth_date="1980-01-02")
    kept = make_person(rt, a["kz.officer"], ["Ерлан Ахметов"], birth_date="1980-01-02")
    _review_on(rt, old.id, date.today() - timedelta(days=1))
    assert {
        r.record.id
        for r in search(rt, a["ru.officer"], ["Erlan Akhmetov"], birth_date="1980-01-02")
    } == {old.id, kept.id}
    with rt.uow() as uow:
        report = retention.archive_expired(uow, rt.index)
        # The index changes only once the archiving commits.
        assert old.id in {r.record.id for r in search(rt, a["ru.officer"], ["Erlan Akhmetov"])}
        uow.commit()
    assert report.counts["person"] == 1 and report.total == 1
    found = search(rt, a["ru.officer"], ["Erlan Akhmetov"], birth_date="1980-01-02")
    assert [r.record.id for r in found] == [kept.id]
    with rt.uow() as uow:
        row = uow.session.get(Person, old.id)
        assert row is not None and row.status == "archived"
        assert retention.archive_expired(uow, rt.index).total == 0


def test_owners_are_reminded_six_months_ahead_once(rt: Runtime, world: World) -> None:
    a = world.actors
    soon = make_person(rt, a["kz.officer"], ["Ерлан Ахметов"])
    later = make_person(rt, a["kz.officer"], ["Иван Петров"])
    _review_on(rt, soon.id, date.today() + timedelta(days=100))
    _review_on(rt, later.id, date.today() + timedelta(days=400))
    with rt.uow() as uow:
        assert retention.send_review_reminders(uow) == 1
        assert retention.send_review_reminders(uow) == 0
        uow.commit()
    with rt.uow() as uow:
        (alert,) = hits.list_alerts(uow, a["kz.officer"])
        due = retention.list_review_due(uow, a["kz.officer"])
        assert hits.list_alerts(uow, a["ru.officer"]) == []
    assert alert.kind == "review_due" and "Ерлан Ахметов" in alert.message
    assert [d.id for d in due] == [soon.id]


def test_the_owner_extends_with_a_reason_that_is_audited(rt: Runtime, world: World) -> None:
    a = world.actors
    person = make_person(rt, a["kz.officer"], ["Ерлан Ахметов"])
    _review_on(rt, person.id, date.today() + timedelta(days=30))
    with rt.uow() as uow:
        version = uow.session.get(Person, person.id).version  # type: ignore[union-attr]
    new_date = date.today() + timedelta(days=3 * 365)
    with rt.uow() as uow:
        with pytest.raises(NotFound):
            retention.extend_review(
                uow,
                a["ru.officer"],
                "person",
                person.id,
                ExtensionIn(review_date=new_date, reason="still wanted", version=version),
            )
        with pytest.raises(ValidationFailed, match="at most 5 years"):
            retention.extend_review(
                uow,
                a["kz.officer"],
                "person",
                person.id,
                ExtensionIn(
                    review_date=date.today() + timedelta(days=6 * 366), reason="x", version=version
                ),
            )
        view = retention.extend_review(
            uow,
            a["kz.officer"],
            "person",
            person.id,
            ExtensionIn(review_date=new_date, reason="Trial set for next year", version=version),
        )
        uow.commit()
    assert view.review_date == new_date
    with rt.uow() as uow:
        entry = uow.session.execute(
            select(AuditLog).where(
                AuditLog.action == "retention.extend", AuditLog.object_id == person.id
            )
        ).scalar_one()
    assert entry.details["reason"] == "Trial set for next year" and entry.username == "kz.officer"


def test_a_diffusion_that_looks_political_is_held_for_review_with_the_reason(
    rt: Runtime, world: World
) -> None:
    from concord.services import notices
    from factories.persons import make_notice

    a = world.actors
    person = make_person(rt, a["kz.officer"], ["Ерлан Ахметов"], birth_date="1980-01-02")
    political = make_notice(
        rt,
        a["kz.officer"],
        person.id,
        channel="diffusion",
        offence="Оскорбление Президента",
        title="Оскорбление Президента",
        restrictions={"visibility": "listed_countries", "countries": ["ru"]},
    )
    ordinary = make_notice(
        rt,
        a["kz.officer"],
        person.id,
        channel="diffusion",
        restrictions={"visibility": "listed_countries", "countries": ["ru"]},
    )
    with rt.uow() as uow:
        held = notices.submit_notice(uow, a["kz.supervisor"], political.id, political.version)
        sent = notices.submit_notice(uow, a["kz.supervisor"], ordinary.id, ordinary.version)
        uow.commit()
    assert sent.status == "published"
    assert held.status == "under_review"
    assert held.review_notes and all(n["by"] == "neutrality check" for n in held.review_notes)
    assert any("head of state" in n["note"] and "offence" in n["note"] for n in held.review_notes)
    # The GS reviews it like any notice: here it refuses.
    with rt.uow() as uow:
        refused = notices.review_notice(
            uow, a["gs.reviewer"], held.id, held.version, "refuse", "Article 3: political."
        )
        uow.commit()
    assert refused.status == "refused"


def test_a_notice_about_a_journalist_is_held_too(rt: Runtime, world: World) -> None:
    a = world.actors
    person = make_person(
        rt,
        a["kz.officer"],
        ["Ерлан Ахметов"],
        birth_date="1980-01-02",
        note="Журналист независимой газеты",
    )
    notice = make_notice(rt, a["kz.officer"], person.id)
    with rt.uow() as uow:
        held = notices.submit_notice(uow, a["kz.supervisor"], notice.id, notice.version)
        uow.commit()
    assert held.status == "under_review"
    assert any("journalist" in n["note"] and "subject note" in n["note"] for n in held.review_notes)
