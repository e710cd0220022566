"""Hits: a match on another agency's record is recorded with the search, in the same
transaction, and lands in the owner's inbox with a 12-hour answer deadline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from concord.domain.errors import NotFound, PermissionDenied, ValidationFailed
from concord.matching import DEFAULT_THRESHOLD
from concord.services import hits, screening
from concord.services.runtime import Runtime
from concord.services.screening import MatchQuery
from concord.storage.tables import Hit
from conftest import World
from factories.persons import make_person
from factories.requests import search


def test_a_match_on_another_agencys_record_is_a_hit_in_its_inbox(rt: Runtime, world: World) -> None:
    a = world.actors
    person = make_person(rt, a["kz.officer"], ["Ерлан Ахметов"], birth_date="1980-01-02")
    results = search(
        rt, a["ru.officer"], ["Erlan Akhmetov"], birth_date="1980-01-02", nationalities=["KZ"]
    )
    assert [r.record.id for r in results] == [person.id]
    with rt.uow() as uow:
        (hit,) = hits.list_hits(uow, a["kz.viewer"])
        assert hits.list_hits(uow, a["ru.officer"]) == []
        (sent,) = hits.list_hits(uow, a["ru.officer"], box="sent")
    assert hit.id == sent.id and hit.record_id == person.id
    assert hit.owner.id == world.agencies["kz"] and hit.searcher.id == world.agencies["ru"]
    assert (hit.searcher_username, hit.searcher_country) == ("ru.officer", "ru")
    assert hit.score == results[0].score >= DEFAULT_THRESHOLD
    assert hit.query_summary["names"] == ["Erlan Akhmetov"]
    assert hit.query_summary["nationalities"] == ["kz"]
    assert hit.answer_due_at - hit.searched_at == timedelta(hours=12)
    assert hit.state == "new" and not hit.overdue and hit.mine
    assert hit.record_label == "Ерлан Ахметов" and sent.record_label is None


def test_own_records_and_weak_candidates_make_no_hit(rt: Runtime, world: World) -> None:
    a = world.actors
    make_person(rt, a["kz.officer"], ["Ерлан Ахметов"], birth_date="1980-01-02")
    search(rt, a["kz.viewer"], ["Erlan Akhmetov"], birth_date="1980-01-02")
    weak = search(
        rt,
        a["ru.officer"],
        ["Erlan Akhmetov"],
        birth_date="1951-07-30",
        gender="female",
        threshold=0.0,
    )
    with rt.uow() as uow:
        rows = uow.session.execute(select(Hit)).scalars().all()
    # Only the other agency's strong match counts; a result below the default threshold does not.
    assert all(r.searcher_agency_id == world.agencies["ru"] for r in rows)
    strong = [r for r in weak if r.score >= DEFAULT_THRESHOLD]
    assert len(rows) == len(strong)
    assert any(r.score < DEFAULT_THRESHOLD for r in weak), [r.score for r in weak]


def test_hit_only_records_still_hit_and_show_only_existence(rt: Runtime, world: World) -> None:
    a = world.actors
    person = make_person(
        rt,
        a["ru.officer"],
        ["Иван Петров"],
        birth_date="1975-05-05",
        restrictions={"visibility": "hit_no_hit"},
    )
    results = search(rt, a["kz.officer"], ["Ivan Petrov"], birth_date="1975-05-05")
    assert len(results) == 1
    seen = results[0].record
    assert seen.object_type == "person" and getattr(seen, "hit_only", False) is True
    assert seen.owner.id == world.agencies["ru"] and results[0].explanation == []
    with rt.uow() as uow:
        (hit,) = hits.list_hits(uow, a["ru.officer"])
    assert hit.hit_only and hit.record_id == person.id


def test_no_hit_survives_a_rolled_back_search(rt: Runtime, world: World) -> None:
    a = world.actors
    make_person(rt, a["kz.officer"], ["Ерлан Ахметов"], birth_date="1980-01-02")
    with rt.uow() as uow:
        found = screening.match(
            uow, a["ru.officer"], rt.index, MatchQuery(names=["Erlan Akhmetov"])
        )
        assert found and uow.session.scalar(select(func.count()).select_from(Hit)) == 1
        uow.rollback()
    with rt.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Hit)) == 0


def test_owner_acknowledges_and_answers_others_cannot(rt: Runtime, world: World) -> None:
    a = world.actors
    make_person(rt, a["kz.officer"], ["Ерлан Ахметов"], birth_date="1980-01-02")
    search(rt, a["ru.officer"], ["Erlan Akhmetov"], birth_date="1980-01-02")
    with rt.uow() as uow:
        (hit,) = hits.list_hits(uow, a["kz.officer"])
        for outsider in ("tr.officer", "ru.officer"):
            with pytest.raises(NotFound):
                hits.acknowledge_hit(uow, a[outsider], hit.id)
        with pytest.raises(NotFound):
            hits.get_hit(uow, a["tr.officer"], hit.id)
        with pytest.raises(PermissionDenied):
            hits.acknowledge_hit(uow, a["kz.viewer"], hit.id)
        ack = hits.acknowledge_hit(uow, a["kz.officer"], hit.id)
        assert ack.state == "acknowledged" and ack.acknowledged_by == "kz.officer"
        assert [h.id for h in hits.list_hits(uow, a["kz.officer"], state="acknowledged")] == [
            hit.id
        ]
        with pytest.raises(ValidationFailed):
            hits.answer_hit(uow, a["kz.officer"], hit.id, "  ")
        done = hits.answer_hit(uow, a["kz.officer"], hit.id, "Wanted by us: send a locate request.")
        uow.commit()
    assert done.state == "answered" and done.answered_by == "kz.officer"
    with rt.uow() as uow:
        seen_by_searcher = hits.get_hit(uow, a["ru.officer"], hit.id)
        assert seen_by_searcher.answer == "Wanted by us: send a locate request."
        assert hits.list_hits(uow, a["kz.officer"], state="open") == []
        assert hits.count_open(uow, a["kz.officer"]) == {"open_hits": 0, "unread_alerts": 0}


def test_an_unanswered_hit_past_its_deadline_raises_an_alert(rt: Runtime, world: World) -> None:
    from concord.services.requests import raise_overdue_alerts
    from concord.storage.base import utcnow

    a = world.actors
    make_person(rt, a["kz.officer"], ["Ерлан Ахметов"], birth_date="1980-01-02")
    search(rt, a["ru.officer"], ["Erlan Akhmetov"], birth_date="1980-01-02")
    with rt.uow() as uow:
        assert raise_overdue_alerts(uow) == 0
        assert raise_overdue_alerts(uow, now=utcnow() + timedelta(hours=13)) == 1
        assert raise_overdue_alerts(uow, now=utcnow() + timedelta(hours=14)) == 0
        uow.commit()
    with rt.uow() as uow:
        (alert,) = hits.list_alerts(uow, a["kz.officer"])
        assert alert.kind == "hit_overdue" and "ru.officer" in alert.message
        assert hits.list_hits(uow, a["kz.officer"], state="overdue") == []  # not yet, really
