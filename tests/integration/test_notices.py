"""Notice lifecycle: draft -> GS review -> published; diffusions; what red notices must carry."""

from __future__ import annotations

import pytest

from concord.domain.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from concord.services import notices
from concord.services.common import RestrictionsIn
from concord.services.runtime import Runtime
from conftest import World
from factories.persons import make_notice, make_person, red_notice_in


def _subject(rt: Runtime, world: World) -> str:
    return make_person(
        rt, world.actors["kz.officer"], ["Бауыржан Жумабаев"], birth_date="1983-06-01"
    ).id


def test_red_notice_goes_through_review_to_publication(rt: Runtime, world: World) -> None:
    draft = make_notice(rt, world.actors["kz.officer"], _subject(rt, world))
    assert draft.status == "draft"
    with rt.uow() as uow:
        with pytest.raises(NotFound):  # another country does not see a draft at all
            notices.get_notice(uow, world.actors["ru.officer"], draft.id)
        with pytest.raises(PermissionDenied):  # an officer cannot let it leave the agency
            notices.submit_notice(uow, world.actors["kz.officer"], draft.id, draft.version)
        sent = notices.submit_notice(uow, world.actors["kz.supervisor"], draft.id, draft.version)
        uow.commit()
    assert sent.status == "under_review"
    with rt.uow() as uow:
        with pytest.raises(PermissionDenied):  # only the GS publishes
            notices.review_notice(
                uow, world.actors["kz.supervisor"], draft.id, sent.version, "publish"
            )
        published = notices.review_notice(
            uow, world.actors["gs.reviewer"], draft.id, sent.version, "publish"
        )
        uow.commit()
    assert published.status == "published" and published.published_at is not None
    with rt.uow() as uow:
        seen = notices.get_notice(uow, world.actors["ru.viewer"], draft.id)
    assert seen.person is not None and seen.person.names[0].full == "Бауыржан Жумабаев"  # type: ignore[union-attr]


def test_red_notice_needs_warrant_offence_basis_and_penalty(rt: Runtime, world: World) -> None:
    person_id = _subject(rt, world)
    with rt.uow() as uow:
        draft = notices.create_notice(
            uow,
            world.actors["kz.officer"],
            red_notice_in(
                person_id, warrant_reference=None, legal_basis=None, max_penalty_months=12
            ),
        )
        with pytest.raises(ValidationFailed) as err:
            notices.submit_notice(uow, world.actors["kz.supervisor"], draft.id, draft.version)
    message = err.value.detail
    assert "arrest warrant" in message and "legal basis" in message and "two years" in message


def test_convicted_person_needs_six_months_left(rt: Runtime, world: World) -> None:
    person_id = _subject(rt, world)
    with rt.uow() as uow:
        draft = notices.create_notice(
            uow,
            world.actors["kz.officer"],
            red_notice_in(person_id, subject_status="convicted", remaining_sentence_months=3),
        )
        with pytest.raises(ValidationFailed, match="6 months"):
            notices.submit_notice(uow, world.actors["kz.supervisor"], draft.id, draft.version)


def test_diffusion_goes_straight_to_listed_countries(rt: Runtime, world: World) -> None:
    person_id = _subject(rt, world)
    with rt.uow() as uow:
        draft = notices.create_notice(
            uow,
            world.actors["kz.officer"],
            red_notice_in(
                person_id,
                channel="diffusion",
                restrictions=RestrictionsIn(visibility="listed_countries", countries=["ru"]),
            ),
        )
        sent = notices.submit_notice(uow, world.actors["kz.supervisor"], draft.id, draft.version)
        uow.commit()
    assert sent.status == "published"
    with rt.uow() as uow:
        assert notices.get_notice(uow, world.actors["ru.officer"], draft.id).id == draft.id
        with pytest.raises(NotFound):
            notices.get_notice(uow, world.actors["tr.officer"], draft.id)


def test_diffusion_without_recipients_is_refused(rt: Runtime, world: World) -> None:
    person_id = _subject(rt, world)
    with rt.uow() as uow:
        draft = notices.create_notice(
            uow, world.actors["kz.officer"], red_notice_in(person_id, channel="diffusion")
        )
        with pytest.raises(ValidationFailed, match="recipient countries"):
            notices.submit_notice(uow, world.actors["kz.supervisor"], draft.id, draft.version)


def test_refusal_needs_a_reason_and_cancelled_is_final(rt: Runtime, world: World) -> None:
    draft = make_notice(rt, world.actors["kz.officer"], _subject(rt, world))
    with rt.uow() as uow:
        sent = notices.submit_notice(uow, world.actors["kz.supervisor"], draft.id, draft.version)
        with pytest.raises(ValidationFailed, match="reason"):
            notices.review_notice(
                uow, world.actors["gs.reviewer"], draft.id, sent.version, "refuse"
            )
        refused = notices.review_notice(
            uow,
            world.actors["gs.reviewer"],
            draft.id,
            sent.version,
            "refuse",
            "Insufficient identifiers",
        )
        cancelled = notices.cancel_notice(
            uow, world.actors["kz.supervisor"], draft.id, refused.version, "withdrawn"
        )
        with pytest.raises(InvalidTransition):
            notices.submit_notice(uow, world.actors["kz.supervisor"], draft.id, cancelled.version)
        uow.commit()
    assert refused.review_notes[-1]["note"] == "Insufficient identifiers"
