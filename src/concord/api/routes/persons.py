from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Query

from concord.api.deps import CurrentActor, RuntimeDep, UoW
from concord.domain.errors import ValidationFailed
from concord.services import persons
from concord.services.persons import PersonIn, PersonPatch
from concord.services.views import HitOnlyView, PersonView

router = APIRouter(prefix="/persons", tags=["persons"])


@router.post("", response_model=PersonView, status_code=201)
def create(body: PersonIn, actor: CurrentActor, uow: UoW, rt: RuntimeDep) -> PersonView:
    view = persons.create_person(uow, actor, body, rt.index)
    uow.commit()
    return view


@router.get("", response_model=list[PersonView | HitOnlyView])
def list_(
    actor: CurrentActor,
    uow: UoW,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
    owned_only: bool = False,
) -> list[PersonView | HitOnlyView]:
    out = persons.list_persons(uow, actor, limit=limit, offset=offset, owned_only=owned_only)
    uow.commit()
    return out


@router.get("/by-identifier", response_model=list[PersonView | HitOnlyView])
def by_identifier(
    actor: CurrentActor, uow: UoW, type: str, value: str, country: str | None = None
) -> list[PersonView | HitOnlyView]:
    out = persons.find_by_identifier(uow, actor, type, value, country)
    uow.commit()
    return out


@router.get("/export.ftm")
def export_ftm(actor: CurrentActor, uow: UoW) -> list[dict[str, Any]]:
    """Visible persons as FollowTheMoney entities (the format of OpenSanctions and Aleph)."""
    out = persons.export_ftm(uow, actor)
    uow.commit()
    return out


@router.post("/import.ftm", status_code=201)
def import_ftm(
    actor: CurrentActor,
    uow: UoW,
    rt: RuntimeDep,
    entities: list[dict[str, Any]] = Body(..., max_length=5000),
) -> dict[str, Any]:
    """Import FtM Person entities; all or nothing."""
    items = []
    for n, entity in enumerate(entities, start=1):
        try:
            items.append((f"Item {n}", persons.from_ftm(entity)))
        except ValidationFailed as exc:
            raise ValidationFailed(f"Entity {n}: {exc.detail}") from exc
    ids = persons.import_people(uow, actor, items, rt.index, source="ftm")
    uow.commit()
    return {"imported": len(ids), "ids": ids}


@router.get("/{person_id}", response_model=PersonView | HitOnlyView)
def get(person_id: str, actor: CurrentActor, uow: UoW) -> PersonView | HitOnlyView:
    view = persons.get_person(uow, actor, person_id)
    uow.commit()
    return view


@router.patch("/{person_id}", response_model=PersonView)
def update(
    person_id: str, body: PersonPatch, actor: CurrentActor, uow: UoW, rt: RuntimeDep
) -> PersonView:
    view = persons.update_person(uow, actor, person_id, body, rt.index)
    uow.commit()
    return view


@router.post("/{person_id}/archive", response_model=PersonView)
def archive(
    person_id: str,
    actor: CurrentActor,
    uow: UoW,
    rt: RuntimeDep,
    version: int = Body(..., embed=True),
) -> PersonView:
    view = persons.archive_person(uow, actor, person_id, version, rt.index)
    uow.commit()
    return view
