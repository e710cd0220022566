"""The access policy on its own: roles, stages, restrictions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concord.domain.access import (
    Action,
    ItemAccess,
    Sight,
    Stage,
    allowed_actions,
    can_change,
    require,
    sight,
)
from concord.domain.directory import Actor, AgencyKind, Role
from concord.domain.errors import PermissionDenied, ValidationFailed
from concord.domain.restrictions import HandlingCode, Restrictions, Visibility


def actor(agency: int, country: str, *roles: Role, gs: bool = False) -> Actor:
    kind = AgencyKind.GENERAL_SECRETARIAT if gs else AgencyKind.NCB
    return Actor(agency * 10, f"u{agency}", agency, f"A{agency}", country, kind, frozenset(roles))


OWNER = actor(1, "kz", Role.OFFICER)
OTHER = actor(2, "ru", Role.OFFICER)
GS = actor(9, "fr", Role.GS_REVIEWER, gs=True)


def item(
    vis: Visibility = Visibility.ALL_MEMBERS,
    stage: Stage = Stage.LIVE,
    countries: frozenset[str] = frozenset(),
) -> ItemAccess:
    return ItemAccess(1, Restrictions(vis, countries), stage)


def test_drafts_are_the_owners_alone() -> None:
    assert sight(OWNER, item(stage=Stage.DRAFT)) is Sight.FULL
    assert sight(OTHER, item(stage=Stage.DRAFT)) is Sight.NONE
    assert sight(GS, item(stage=Stage.DRAFT)) is Sight.NONE


def test_under_review_is_owner_and_gs() -> None:
    assert sight(GS, item(stage=Stage.UNDER_REVIEW)) is Sight.FULL
    assert sight(OTHER, item(stage=Stage.UNDER_REVIEW)) is Sight.NONE


def test_gs_only_and_hit_no_hit() -> None:
    assert sight(OTHER, item(Visibility.GS_ONLY)) is Sight.NONE
    assert sight(GS, item(Visibility.GS_ONLY)) is Sight.FULL
    assert sight(OTHER, item(Visibility.HIT_NO_HIT)) is Sight.HIT_ONLY


def test_review_role_outside_the_gs_grants_nothing() -> None:
    rogue = actor(3, "tr", Role.GS_REVIEWER)
    assert Action.REVIEW not in allowed_actions(rogue)
    assert not can_change(rogue, item())


def test_auditor_and_admin_see_no_police_data() -> None:
    for role in (Role.AUDITOR, Role.ADMIN):
        assert sight(actor(1, "kz", role), item()) is Sight.NONE  # even in their own agency
    with pytest.raises(PermissionDenied, match="may not read"):
        require(actor(1, "kz", Role.AUDITOR), Action.READ, "")


@given(
    st.sampled_from(list(Visibility)),
    st.sampled_from(list(Stage)),
    st.sampled_from(["kz", "ru", "tr"]),
)
def test_owner_always_sees_and_strangers_never_see_more_than_members(
    vis: Visibility, stage: Stage, country: str
) -> None:
    countries = frozenset({"ru"}) if vis is Visibility.LISTED_COUNTRIES else frozenset()
    it = item(vis, stage, countries)
    assert sight(OWNER, it) is Sight.FULL
    stranger = actor(5, country, Role.OFFICER)
    open_item = item(Visibility.ALL_MEMBERS, stage)
    assert sight(stranger, it).value <= sight(stranger, open_item).value


def test_restrictions_validation_and_narrowing() -> None:
    with pytest.raises(ValidationFailed):
        Restrictions.build("listed_countries", [])
    with pytest.raises(ValidationFailed):
        Restrictions.build("all_members", ["kz"])
    with pytest.raises(ValidationFailed):
        Restrictions.build("everyone")
    listed = Restrictions.build("listed_countries", ["KZ", "ru"], "H2")
    assert listed.countries == frozenset({"kz", "ru"})
    assert Restrictions.build("gs_only", handling="H3").narrows(listed)
    assert not Restrictions.build("all_members").narrows(listed)
    assert not Restrictions.build("listed_countries", ["kz", "tr"], "H2").narrows(listed)
    assert not Restrictions(
        Visibility.LISTED_COUNTRIES, frozenset({"kz"}), HandlingCode.H0
    ).narrows(listed)
