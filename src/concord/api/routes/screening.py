from __future__ import annotations

from fastapi import APIRouter

from concord.api.deps import CurrentActor, RuntimeDep, UoW
from concord.services import screening
from concord.services.screening import MatchQuery, MatchResult

router = APIRouter(tags=["screening"])


@router.post("/match", response_model=list[MatchResult])
def match(body: MatchQuery, actor: CurrentActor, uow: UoW, rt: RuntimeDep) -> list[MatchResult]:
    """Screen a person (names in any script) against every record you may see, best first,
    each with a score in 0..1 and the per-feature reasons behind it."""
    results = screening.match(
        uow, actor, rt.index, body, hit_answer_hours=rt.settings.hit_answer_hours
    )
    uow.commit()
    return results
