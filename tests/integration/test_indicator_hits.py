"""A lookup or a sighting that meets another agency's indicator tells its owner."""

from __future__ import annotations

from concord.services import hits, indicators
from concord.services.indicators import SightingIn
from concord.services.runtime import Runtime
from conftest import World
from factories.indicators import IMEI, make_indicator


def _inbox(rt: Runtime, world: World, username: str) -> list[hits.HitView]:
    with rt.uow() as uow:
        return hits.list_hits(uow, world.actors[username])


def test_lookup_of_a_foreign_indicator_is_a_hit_for_its_owner(rt: Runtime, world: World) -> None:
    indicator = make_indicator(
        rt, world.actors["ru.officer"], "imei", IMEI, restrictions={"visibility": "hit_no_hit"}
    )
    with rt.uow() as uow:
        result = indicators.lookup(uow, world.actors["kz.officer"], "imei", "49015420323751")
        uow.commit()
    assert [m.id for m in result.matches] == [indicator.id]
    inbox = _inbox(rt, world, "ru.officer")
    assert [(h.record_id, h.hit_only) for h in inbox] == [(indicator.id, True)]
    assert inbox[0].searcher_country == "kz"


def test_own_lookups_and_misses_make_no_hit(rt: Runtime, world: World) -> None:
    make_indicator(rt, world.actors["ru.officer"], "imei", IMEI)
    with rt.uow() as uow:
        indicators.lookup(uow, world.actors["ru.officer"], "imei", IMEI)
        indicators.lookup(uow, world.actors["kz.officer"], "imei", "356938035643809")
        uow.commit()
    assert _inbox(rt, world, "ru.officer") == []


def test_sighting_notifies_the_owner(rt: Runtime, world: World) -> None:
    indicator = make_indicator(rt, world.actors["ru.officer"], "imei", IMEI)
    with rt.uow() as uow:
        indicators.report_sighting(
            uow,
            world.actors["tr.officer"],
            indicator.id,
            SightingIn(country="tr", place="Istanbul airport"),
        )
        uow.commit()
    inbox = _inbox(rt, world, "ru.officer")
    assert len(inbox) == 1 and inbox[0].searcher_country == "tr"
