"""Demo requests and outcomes, so that the inbox, the alerts and the statistics have life.

Volumes follow the seed reports quoted in the domain doc: about 80 persons located in Russia
for Kazakhstan since early 2023, 130+ sought by Russia searched for by Kazakhstan, 130+ persons
extradited to Kazakhstan over five years. Histories are back-dated through the same use cases
the interfaces call, so every step is in the audit trail.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from concord.domain.directory import Actor
from concord.domain.requests import FIRST_STATE, RequestKind, RequestState, Side, check_step
from concord.services import audit, requests
from concord.services.requests import RequestIn, record_step
from concord.services.runtime import Runtime
from concord.storage.base import new_id, utcnow
from concord.storage.tables import Agency, CooperationRequest, Person, RequestEvent

if TYPE_CHECKING:
    from concord.services.demo import DemoData

FLOW = {
    "locate": ["acknowledged", "in_progress", "located"],
    "provisional_arrest": ["arrested"],
    "extradition": ["under_judicial_review", "granted", "surrendered"],
    "information": ["answered"],
}
NOT_FOUND = ["acknowledged", "in_progress", "not_found"]


@dataclass
class Plan:
    """`count` requests of `kind` from `asking` to `asked` (demo bureau slugs), sent between
    `since` and now; `done` of them reach the outcome, the rest stop at a random earlier step."""

    asking: str
    asked: str
    kind: str
    count: int
    done: float
    since: datetime


@dataclass
class SeedReport:
    created: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


def _plans(today: datetime) -> list[Plan]:
    five_years = today - timedelta(days=5 * 365)
    since_2023 = datetime(2023, 1, 15, tzinfo=UTC)
    return [
        Plan("astana", "moscow", "locate", 88, 0.92, since_2023),  # ~80 located in Russia
        Plan("moscow", "astana", "locate", 140, 0.7, since_2023),  # 130+ searched for Russia
        Plan("astana", "moscow", "extradition", 76, 0.92, five_years),
        Plan("astana", "ankara", "extradition", 32, 0.9, five_years),
        Plan("astana", "abu", "extradition", 24, 0.88, five_years),
        Plan("astana", "tbilisi", "extradition", 16, 0.88, five_years),
        Plan("astana", "moscow", "provisional_arrest", 40, 0.8, five_years),
        Plan("moscow", "astana", "extradition", 25, 0.8, five_years),
        Plan("ankara", "tbilisi", "locate", 18, 0.6, five_years),
        Plan("kigali", "abu", "information", 12, 0.75, five_years),
        Plan("seoul", "moscow", "locate", 10, 0.5, five_years),
    ]


def _answer_hours(rng: random.Random, kind: str) -> float:
    # Most answers within a working day, a long tail of slow ones.
    base = {"locate": 10.0, "provisional_arrest": 4.0, "extradition": 72.0, "information": 30.0}
    return round(rng.lognormvariate(0, 0.8) * base[kind], 2)


def _steps(
    rng: random.Random, plan: Plan, sent: datetime, now: datetime
) -> list[tuple[RequestState, str, datetime]]:
    """The history of one request: (state, which bureau's user, when)."""
    first = FIRST_STATE[RequestKind(plan.kind)]
    out = [
        (RequestState.AWAITING_APPROVAL, "officer", sent - timedelta(hours=1)),
        (first, "supervisor", sent),
    ]
    flow = FLOW[plan.kind]
    if rng.random() >= plan.done:
        flow = (
            NOT_FOUND
            if plan.kind == "locate" and rng.random() < 0.4
            else flow[: rng.randrange(len(flow))]
        )
    at = sent + timedelta(hours=_answer_hours(rng, plan.kind))
    for step in flow:
        if at >= now:
            break
        out.append((RequestState(step), "answer", at))
        at += timedelta(days=rng.uniform(1, 40 if plan.kind == "extradition" else 10))
    return out


def seed_requests(
    rt: Runtime,
    data: DemoData,
    *,
    rng_seed: int = 11,
    progress: Callable[[str], None] | None = None,
    plans: list[Plan] | None = None,
    live: tuple[str, str] = ("astana", "moscow"),
) -> SeedReport:
    """Historical requests, written in bulk: each step is checked by the domain state machine
    and booked as the use case books it, and one audit entry per batch records the import
    (thousands of back-dated steps through the one-by-one use case took over 20 s)."""
    rng = random.Random(rng_seed)
    say = progress or (lambda _msg: None)
    now = utcnow()
    report = SeedReport()
    actors: dict[str, Actor] = data.actors
    say("requests between agencies")
    with rt.uow() as uow:
        session = uow.session
        owned: dict[int, list[str]] = {}
        for pid, agency_id in session.execute(select(Person.id, Person.owner_agency_id)):
            owned.setdefault(agency_id, []).append(pid)
        countries: dict[int, str] = {
            aid: code for aid, code in session.execute(select(Agency.id, Agency.country_code))
        }
        for plan in plans if plans is not None else _plans(now):
            who = {
                "officer": actors[f"{plan.asking}.officer"],
                "supervisor": actors[f"{plan.asking}.supervisor"],
                "answer": actors[f"{plan.asked}.officer"],
            }
            asking, asked = who["officer"].agency_id, who["answer"].agency_id
            persons = owned.get(asking, [])
            kind = RequestKind(plan.kind)
            span = (now - plan.since).total_seconds()
            for n in range(plan.count):
                sent = plan.since + timedelta(seconds=rng.uniform(0, span * 0.97))
                drafted = sent - timedelta(hours=2)
                rid = new_id()
                row = CooperationRequest(
                    id=rid,
                    reference=f"RQ-{drafted.year}-{rid[:8].upper()}",
                    kind=kind.value,
                    state=RequestState.DRAFT.value,
                    urgency="urgent" if kind is RequestKind.PROVISIONAL_ARREST else "normal",
                    title=f"{kind.value.replace('_', ' ').capitalize()} request {n + 1}",
                    body="",
                    requesting_agency_id=asking,
                    requested_agency_id=asked,
                    requesting_country=countries[asking],
                    requested_country=countries[asked],
                    person_id=persons[n % len(persons)] if persons else None,
                    drafted_by=who["officer"].username,
                    created_at=drafted,
                    updated_at=drafted,
                    version=1,
                )
                events = [_event(who["officer"], None, RequestState.DRAFT, drafted)]
                current = RequestState.DRAFT
                for goal, role, at in _steps(rng, plan, sent, now):
                    actor = who[role]
                    side = Side.REQUESTED if role == "answer" else Side.REQUESTING
                    check_step(kind, current, goal, side)
                    record_step(row, current, goal, side, actor.username, at)
                    note = "No trace of the person." if goal is RequestState.NOT_FOUND else ""
                    events.append(_event(actor, current, goal, at, note))
                    current = goal
                row.events = events
                session.add(row)
            audit.record(
                session,
                None,
                "request.import",
                "request",
                None,
                {
                    "source": "demo",
                    "kind": plan.kind,
                    "requesting_agency": asking,
                    "requested_agency": asked,
                    "count": plan.count,
                },
            )
            report.created += plan.count
            report.by_kind[plan.kind] = report.by_kind.get(plan.kind, 0) + plan.count
        session.flush()
        uow.commit()
    _live(rt, actors, now, *live)
    return report


def _event(
    actor: Actor, before: RequestState | None, after: RequestState, at: datetime, note: str = ""
) -> RequestEvent:
    return RequestEvent(
        at=at,
        user_id=actor.user_id,
        username=actor.username,
        agency_id=actor.agency_id,
        from_state=before.value if before else None,
        to_state=after.value,
        note=note,
    )


def _live(rt: Runtime, actors: dict[str, Actor], now: datetime, first: str, second: str) -> None:
    """A few current requests through the use cases: a draft awaiting approval, fresh requests
    in Moscow's and Astana's inboxes, one overdue (so an alert shows), one with messages."""
    astana, moscow = actors[f"{first}.officer"], actors[f"{second}.officer"]
    with rt.uow() as uow:
        draft = requests.create_request(
            uow,
            astana,
            RequestIn(
                kind="locate",
                requested_agency_id=moscow.agency_id,
                title="Locate and confirm identity",
            ),
        )
        requests.submit_request(uow, astana, draft.id, "Hit in Moscow this morning.")
        fresh = requests.create_request(
            uow,
            moscow,
            RequestIn(
                kind="information",
                requested_agency_id=astana.agency_id,
                title="Bank accounts of a suspect",
                urgency="urgent",
            ),
        )
        requests.advance(uow, actors[f"{second}.supervisor"], fresh.id, "sent")
        requests.post_message(uow, moscow, fresh.id, "Urgent: funds are being moved abroad.")
        late = requests.create_request(
            uow,
            astana,
            RequestIn(
                kind="locate", requested_agency_id=moscow.agency_id, title="Locate a witness"
            ),
            at=now - timedelta(days=12),
        )
        requests.advance(
            uow, actors[f"{first}.supervisor"], late.id, "sent", at=now - timedelta(days=12)
        )
        requests.raise_overdue_alerts(uow, now=now)
        uow.commit()
