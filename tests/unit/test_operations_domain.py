from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concord.domain.directory import Actor, AgencyKind, Role
from concord.domain.errors import InvalidTransition, PermissionDenied, ValidationFailed
from concord.domain.operations import (
    CountryResults,
    OperationAccess,
    OperationStatus,
    Seizure,
    aggregate,
    check_may_report,
    check_period,
    parse_crime_area,
    role_in,
    sees_country_results,
)
from concord.domain.operations import Role as OpRole


def actor(agency_id: int, country: str, *roles: Role, kind: AgencyKind = AgencyKind.NCB) -> Actor:
    return Actor(agency_id, f"u{agency_id}", agency_id, "A", country, kind, frozenset(roles))


OP = OperationAccess(1, frozenset({"kz", "ru"}), OperationStatus.OPEN)


def test_crime_areas_accept_spoken_forms() -> None:
    assert parse_crime_area("Trafficking in human beings").value == "trafficking_in_human_beings"
    with pytest.raises(ValidationFailed, match="use one of"):
        parse_crime_area("piracy")


def test_period_must_not_end_before_it_starts() -> None:
    check_period(date(2021, 1, 1), date(2021, 1, 1))
    with pytest.raises(ValidationFailed):
        check_period(date(2021, 2, 1), date(2021, 1, 31))


def test_mass_units_are_converted_to_kilograms() -> None:
    assert Seizure.build("Ivory", "2.5", "t") == Seizure("ivory", Decimal("2500"), "kg")
    assert Seizure.build("cocaine", 750, "g").quantity == Decimal("0.75")
    assert Seizure.build("Pangolin  scales", 3, "kg").kind == "pangolin scales"
    with pytest.raises(ValidationFailed, match="Unknown unit"):
        Seizure.build("ivory", 1, "bushels")
    with pytest.raises(ValidationFailed):
        Seizure.build("ivory", -1, "kg")
    with pytest.raises(ValidationFailed):
        Seizure.build("ivory", "lots", "kg")


def test_quantities_are_written_plainly() -> None:
    assert str(Seizure.build("ivory", "0.5", "t").quantity) == "500"
    assert str(Seizure.build("timber", "1.50", "m3").quantity) == "1.5"
    total = aggregate(
        [CountryResults("kz", seizures=(Seizure.build("ivory", "0.5", "t"),))] * 2
    ).seizures[("ivory", "kg")]
    assert str(total) == "1000"


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValidationFailed):
        CountryResults("kz", arrests=-1)


def test_roles_in_an_operation() -> None:
    assert role_in(actor(1, "fr", Role.OFFICER), OP) is OpRole.COORDINATOR
    assert (
        role_in(actor(9, "fr", Role.GS_REVIEWER, kind=AgencyKind.GENERAL_SECRETARIAT), OP)
        is OpRole.COORDINATOR
    )
    assert role_in(actor(2, "kz", Role.VIEWER), OP) is OpRole.PARTICIPANT
    assert role_in(actor(3, "tr", Role.OFFICER), OP) is OpRole.NONE
    # An auditor reads the audit log, not police data.
    assert role_in(actor(1, "fr", Role.AUDITOR), OP) is OpRole.NONE
    assert sees_country_results(actor(2, "kz", Role.VIEWER), OP)
    assert not sees_country_results(actor(3, "tr", Role.OFFICER), OP)


def test_only_participants_report_and_only_for_their_country() -> None:
    check_may_report(actor(2, "kz", Role.OFFICER), OP, "kz")
    with pytest.raises(PermissionDenied, match="own country"):
        check_may_report(actor(2, "kz", Role.OFFICER), OP, "ru")
    with pytest.raises(PermissionDenied, match="participating"):
        check_may_report(actor(3, "tr", Role.OFFICER), OP, "tr")
    with pytest.raises(PermissionDenied):
        check_may_report(actor(2, "kz", Role.VIEWER), OP, "kz")
    # The coordinator does not report for a country it is not.
    with pytest.raises(PermissionDenied):
        check_may_report(actor(1, "fr", Role.OFFICER), OP, "fr")
    closed = OperationAccess(1, OP.participants, OperationStatus.CLOSED)
    with pytest.raises(InvalidTransition):
        check_may_report(actor(2, "kz", Role.OFFICER), closed, "kz")


def test_aggregate_of_nothing_is_zero() -> None:
    t = aggregate([])
    assert (t.arrests, t.victims_rescued, t.new_notices, t.seizures) == (0, 0, 0, {})


KINDS = st.sampled_from(["ivory", "pangolin scales", "timber", "cocaine"])
UNITS = st.sampled_from(["g", "kg", "t", "m3", "pieces", "head"])
SEIZURES = st.lists(
    st.tuples(KINDS, st.decimals(min_value=0, max_value=10**6, places=3), UNITS), max_size=5
)
REPORTS = st.lists(
    st.tuples(
        st.sampled_from(["kz", "ru", "tr", "rw", "ke", "ng"]),
        st.integers(0, 10_000),
        st.integers(0, 10_000),
        st.integers(0, 500),
        SEIZURES,
    ),
    max_size=12,
)


@given(REPORTS)
def test_totals_are_the_sum_of_the_reports(raw: list) -> None:  # type: ignore[type-arg]
    reports = [
        CountryResults(c, a, v, n, tuple(Seizure.build(k, q, u) for k, q, u in s))
        for c, a, v, n, s in raw
    ]
    totals = aggregate(reports)
    assert totals.arrests == sum(r[1] for r in raw)
    assert totals.victims_rescued == sum(r[2] for r in raw)
    assert totals.new_notices == sum(r[3] for r in raw)
    assert totals.countries_reporting == tuple(sorted({r[0] for r in raw}))
    # Seizures summed independently, converting mass by hand.
    factor = {"g": Decimal("0.001"), "kg": Decimal(1), "t": Decimal(1000)}
    expected: dict[tuple[str, str], Decimal] = {}
    for *_, seizures in raw:
        for kind, qty, unit in seizures:
            key = (kind, "kg" if unit in factor else unit)
            expected[key] = expected.get(key, Decimal(0)) + qty * factor.get(unit, Decimal(1))
    assert totals.seizures == expected
    # Splitting the reports in two and adding the parts gives the same totals.
    half = len(reports) // 2
    a, b = aggregate(reports[:half]), aggregate(reports[half:])
    assert totals.arrests == a.arrests + b.arrests
