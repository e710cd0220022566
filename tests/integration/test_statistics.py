"""Statistics from SQL aggregates agree with the same figures computed in Python over the raw
rows, and with what the test itself created."""

from __future__ import annotations

import statistics as pystats
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from concord.domain.errors import PermissionDenied
from concord.domain.requests import OUTCOMES, RequestKind
from concord.services import statistics
from concord.services.runtime import Runtime
from concord.storage.tables import CooperationRequest, Hit, Notice, RequestEvent
from conftest import World
from factories.persons import make_notice, make_person
from factories.requests import move, search, sent_request

FLOWS = {
    "locate": ["acknowledged", "in_progress", "located"],
    "provisional_arrest": ["arrested"],
    "extradition": ["under_judicial_review", "granted", "surrendered"],
    "information": ["answered"],
}


def _case(
    rt: Runtime,
    world: World,
    asking: str,
    asked: str,
    kind: str,
    start: datetime,
    answer_after_h: float,
    steps: int | None = None,
) -> None:
    a = world.actors
    req = sent_request(
        rt,
        a[f"{asking}.officer"],
        a[f"{asking}.supervisor"],
        kind,
        requested_agency_id=world.agencies[asked],
        at=start,
    )
    at = start + timedelta(hours=answer_after_h)
    for step in FLOWS[kind][: steps if steps is not None else None]:
        move(rt, a[f"{asked}.officer"], req.id, step, at=at)
        at += timedelta(days=3)


@pytest.fixture
def cases(rt: Runtime, world: World) -> None:
    def when(year: int, month: int) -> datetime:
        return datetime(year, month, 10, 9, 0, tzinfo=UTC)

    for n in range(3):
        _case(rt, world, "kz", "ru", "locate", when(2023, 2 + n), 5 + n)
    _case(rt, world, "kz", "ru", "locate", when(2024, 1), 30)
    _case(rt, world, "kz", "ru", "locate", when(2024, 3), 2, steps=2)  # still in progress
    _case(rt, world, "ru", "kz", "locate", when(2023, 5), 12)
    _case(rt, world, "kz", "tr", "provisional_arrest", when(2022, 6), 1.5)
    _case(rt, world, "kz", "tr", "provisional_arrest", when(2022, 7), 3.5)
    for n in range(2):
        _case(rt, world, "kz", "ru", "extradition", when(2021, 3 + n), 48 + 24 * n)
    _case(
        rt, world, "kz", "ru", "extradition", datetime(2024, 12, 28, 9, tzinfo=UTC), 20
    )  # surrendered 2025
    _case(rt, world, "ru", "tr", "information", when(2025, 1), 0.5)
    # A locate request that ended "not found" counts as nobody located.
    a = world.actors
    req = sent_request(
        rt,
        a["tr.officer"],
        a["tr.supervisor"],
        requested_agency_id=world.agencies["kz"],
        at=when(2023, 9),
    )
    for step in ("acknowledged", "in_progress"):
        move(rt, a["kz.officer"], req.id, step, at=when(2023, 10))
    move(rt, a["kz.officer"], req.id, "not_found", "no trace", at=when(2023, 11))
    # Notices and hits.
    person = make_person(rt, a["kz.officer"], ["Ерлан Ахметов"], birth_date="1980-01-02")
    make_notice(rt, a["kz.officer"], person.id)
    make_notice(rt, a["kz.officer"], person.id, kind="yellow", title="Missing")
    search(rt, a["ru.officer"], ["Erlan Akhmetov"], birth_date="1980-01-02")
    search(rt, a["tr.officer"], ["Erlan Akhmetov"], birth_date="1980-01-02")
    search(rt, a["tr.officer"], ["Ерлан Ахметов"], birth_date="1980-01-02")


def _python_outcomes(rt: Runtime) -> list[tuple[int, str, str, int, int, int]]:
    column = {RequestKind.LOCATE: 0, RequestKind.PROVISIONAL_ARREST: 1, RequestKind.EXTRADITION: 2}
    table: dict[tuple[int, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    with rt.uow() as uow:
        reqs = {r.id: r for r in uow.session.execute(select(CooperationRequest)).scalars()}
        for e in uow.session.execute(select(RequestEvent)).scalars():
            r = reqs[e.request_id]
            kind = RequestKind(r.kind)
            if (
                kind in OUTCOMES
                and e.to_state == OUTCOMES[kind].value
                and e.from_state != e.to_state
            ):
                table[(e.at.year, r.requesting_country, r.requested_country)][column[kind]] += 1
    return sorted((y, a, b, *v) for (y, a, b), v in table.items())


@pytest.mark.usefixtures("cases")
def test_outcomes_agree_computed_both_ways(rt: Runtime, world: World) -> None:
    with rt.uow() as uow:
        rows = statistics.outcomes(uow, world.actors["kz.viewer"])
    sql = [
        (r.year, r.requesting_country, r.requested_country, r.located, r.arrested, r.extradited)
        for r in rows
    ]
    assert sql == _python_outcomes(rt)
    # ... and with the cases created above.
    assert sql == [
        (2021, "kz", "ru", 0, 0, 2),
        (2022, "kz", "tr", 0, 2, 0),
        (2023, "kz", "ru", 3, 0, 0),
        (2023, "ru", "kz", 1, 0, 0),
        (2024, "kz", "ru", 1, 0, 0),
        (2025, "kz", "ru", 0, 0, 1),
    ]
    with rt.uow() as uow:
        since = statistics.outcomes(
            uow,
            world.actors["kz.viewer"],
            requesting_country="KZ",
            requested_country="ru",
            since_year=2023,
        )
    assert [(r.year, r.located, r.extradited) for r in since] == [
        (2023, 3, 0),
        (2024, 1, 0),
        (2025, 0, 1),
    ]
    assert statistics.totals(since).located == 4


@pytest.mark.usefixtures("cases")
def test_response_times_agree_computed_both_ways(rt: Runtime, world: World) -> None:
    with rt.uow() as uow:
        sql = {
            (r.requested_country, r.kind): (r.answered, r.median_hours)
            for r in statistics.response_times(uow, world.actors["kz.viewer"])
        }
        groups: dict[tuple[str, str], list[float]] = defaultdict(list)
        for r in uow.session.execute(select(CooperationRequest)).scalars():
            if r.first_answer_at is not None and r.sent_at is not None:
                groups[(r.requested_country, r.kind)].append(
                    (r.first_answer_at - r.sent_at).total_seconds() / 3600
                )
    python = {k: (len(v), round(pystats.median(v), 2)) for k, v in groups.items()}
    assert sql == python
    assert sql[("ru", "locate")] == (5, 6.0)  # 2, 5, 6, 7 and 30 hours
    assert sql[("tr", "provisional_arrest")] == (2, 2.5)  # 1.5 and 3.5: the mean of the two
    assert sql[("ru", "extradition")] == (3, 48.0)  # 20, 48, 72


@pytest.mark.usefixtures("cases")
def test_notices_and_hits_agree_computed_both_ways(rt: Runtime, world: World) -> None:
    actor = world.actors["ru.viewer"]
    with rt.uow() as uow:
        view = statistics.summary(uow, actor)
        notices = Counter((n.kind, n.status) for n in uow.session.execute(select(Notice)).scalars())
        hits_rows = list(uow.session.execute(select(Hit)).scalars())
        hit_pairs = Counter((h.searcher_country, h.owner_country) for h in hits_rows)
    assert {(n.kind, n.status): n.count for n in view.notices} == dict(notices)
    assert {(h.searcher_country, h.owner_country): h.count for h in view.hits} == dict(hit_pairs)
    # Turkey searched twice while its hit was open: one hit, its search counted on it.
    assert dict(hit_pairs) == {("ru", "kz"): 1, ("tr", "kz"): 1}
    assert sorted(h.repeats for h in hits_rows) == [0, 1]
    assert view.totals.located == 5 and view.totals.arrested == 2 and view.totals.extradited == 3


def test_statistics_need_the_right_to_read(rt: Runtime, world: World) -> None:
    with rt.uow() as uow, pytest.raises(PermissionDenied):
        statistics.summary(uow, world.actors["gs.auditor"])


def test_demo_histories_follow_the_state_machine_and_feed_the_statistics(
    rt: Runtime, world: World
) -> None:
    from concord.services import demo_requests
    from concord.services.demo import DemoData
    from concord.services.demo_requests import Plan

    since = datetime(2022, 1, 1, tzinfo=UTC)
    plans = [
        Plan("kz", "ru", "locate", 30, 0.8, since),
        Plan("kz", "tr", "extradition", 20, 0.9, since),
        Plan("ru", "kz", "provisional_arrest", 10, 0.7, since),
    ]
    report = demo_requests.seed_requests(
        rt, DemoData(actors=dict(world.actors)), plans=plans, live=("kz", "ru")
    )
    assert report.created == 60
    with rt.uow() as uow:
        rows = statistics.outcomes(uow, world.actors["kz.viewer"])
        reached = Counter(
            (r.kind, r.state) for r in uow.session.execute(select(CooperationRequest)).scalars()
        )
        events = uow.session.execute(select(RequestEvent.request_id)).all()
    sql = [
        (x.year, x.requesting_country, x.requested_country, x.located, x.arrested, x.extradited)
        for x in rows
    ]
    assert sql == _python_outcomes(rt)
    totals = statistics.totals(rows)
    assert totals.located == reached[("locate", "located")] > 0
    assert totals.extradited == reached[("extradition", "surrendered")] > 0
    assert totals.arrested == reached[("provisional_arrest", "arrested")] > 0
    assert len(events) > 60 * 3  # every request has its drafted, submitted and sent steps
    # The live part went through the use cases: a draft awaiting approval and an overdue one.
    assert reached[("locate", "awaiting_approval")] == 1
    with rt.uow() as uow:
        from concord.services import hits

        assert any(
            a.kind == "request_overdue" for a in hits.list_alerts(uow, world.actors["ru.officer"])
        )
