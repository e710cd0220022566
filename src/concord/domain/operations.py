"""Joint operations: many countries, one period, one kind of crime, results reported per country.

Who sees what (the rule the services apply):
- The coordinator agency and the General Secretariat see the operation, every participant's
  report and the totals, and manage the operation (participants, targets, closing it).
- A participant (an agency of a participating country) sees the operation, the totals AND the
  per-country table of results. Operations are joint work whose results the participants quote
  together, so the default is openness among participants (PARTICIPANTS_SEE_COUNTRY_RESULTS);
  a deployment that wants participants to see only totals turns it off.
- Only a participant reports, and only for its own country. The coordinator does not report on
  a country's behalf.
- Anyone else: the operation does not exist (404), as for restricted records.

Totals are never stored: they are computed from the reports every time (`aggregate`), so they
cannot drift from what the countries reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from concord.domain.access import Action, allowed_actions
from concord.domain.directory import Actor
from concord.domain.errors import InvalidTransition, PermissionDenied, ValidationFailed

PARTICIPANTS_SEE_COUNTRY_RESULTS = True


class CrimeArea(StrEnum):
    WILDLIFE = "wildlife"
    ENVIRONMENTAL = "environmental"
    TRAFFICKING_IN_HUMAN_BEINGS = "trafficking_in_human_beings"
    DRUGS = "drugs"
    TERRORISM = "terrorism"
    CYBERCRIME = "cybercrime"


class OperationStatus(StrEnum):
    OPEN = "open"  # participants report
    CLOSED = "closed"  # results final


# Units a seizure is counted in. Mass is kept in kilograms so that reports from countries that
# count in grams or tonnes add up; other units stay as given.
UNITS = ("kg", "l", "m3", "pieces", "head", "doses")
_MASS_TO_KG = {"g": Decimal("0.001"), "kg": Decimal(1), "t": Decimal(1000)}


def parse_crime_area(raw: str) -> CrimeArea:
    key = raw.strip().lower().replace(" ", "_").replace("-", "_")
    try:
        return CrimeArea(key)
    except ValueError as exc:
        allowed = ", ".join(a.value for a in CrimeArea)
        raise ValidationFailed(
            f"Unknown crime area '{raw}': use one of {allowed}.", field="crime_area"
        ) from exc


def check_period(start: date, end: date) -> None:
    if end < start:
        raise ValidationFailed(
            f"The operation ends ({end}) before it starts ({start}).", field="end_date"
        )


def plain(value: Decimal) -> Decimal:
    """Without trailing zeros and never in exponent form ('500', not '5E+2')."""
    value = value.normalize()
    exponent = value.as_tuple().exponent
    return value.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else value


@dataclass(frozen=True, slots=True)
class Seizure:
    kind: str  # e.g. "ivory", "pangolin scales", "cocaine", "firearms"
    quantity: Decimal
    unit: str

    @staticmethod
    def build(kind: str, quantity: Decimal | str | int | float, unit: str) -> Seizure:
        name = " ".join(kind.split()).lower()
        if not name:
            raise ValidationFailed("A seizure needs a kind (e.g. 'ivory').", field="seizures")
        try:
            amount = Decimal(str(quantity))
        except InvalidOperation as exc:
            raise ValidationFailed(f"'{quantity}' is not a quantity.", field="seizures") from exc
        if not amount.is_finite() or amount < 0:
            raise ValidationFailed(
                f"The quantity of {name} must be zero or more.", field="seizures"
            )
        u = unit.strip().lower()
        if u in _MASS_TO_KG:
            return Seizure(name, plain(amount * _MASS_TO_KG[u]), "kg")
        if u not in UNITS:
            allowed = ", ".join(("g", "t", *UNITS))
            raise ValidationFailed(
                f"Unknown unit '{unit}' for {name}: use one of {allowed}.", field="seizures"
            )
        return Seizure(name, plain(amount), u)


@dataclass(frozen=True, slots=True)
class CountryResults:
    """What one participating country reported."""

    country: str
    arrests: int = 0
    victims_rescued: int = 0
    new_notices: int = 0
    seizures: tuple[Seizure, ...] = ()

    def __post_init__(self) -> None:
        for name in ("arrests", "victims_rescued", "new_notices"):
            if getattr(self, name) < 0:
                raise ValidationFailed(f"{name.replace('_', ' ')} cannot be negative.", field=name)


@dataclass(frozen=True, slots=True)
class Totals:
    arrests: int = 0
    victims_rescued: int = 0
    new_notices: int = 0
    # (kind, unit) -> quantity
    seizures: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    countries_reporting: tuple[str, ...] = ()


def aggregate(reports: Iterable[CountryResults]) -> Totals:
    arrests = victims = notices = 0
    seized: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    countries: set[str] = set()
    for r in reports:
        arrests += r.arrests
        victims += r.victims_rescued
        notices += r.new_notices
        countries.add(r.country)
        for s in r.seizures:
            seized[(s.kind, s.unit)] += s.quantity
    return Totals(
        arrests=arrests,
        victims_rescued=victims,
        new_notices=notices,
        seizures={k: plain(seized[k]) for k in sorted(seized)},
        countries_reporting=tuple(sorted(countries)),
    )


# --- who may do what --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OperationAccess:
    coordinator_agency_id: int
    participants: frozenset[str]
    status: OperationStatus


class Role(StrEnum):
    COORDINATOR = "coordinator"  # the coordinator agency or the General Secretariat
    PARTICIPANT = "participant"
    NONE = "none"


def role_in(actor: Actor, op: OperationAccess) -> Role:
    if Action.READ not in allowed_actions(actor):
        return Role.NONE
    if actor.agency_id == op.coordinator_agency_id or actor.is_gs:
        return Role.COORDINATOR
    if actor.country in op.participants:
        return Role.PARTICIPANT
    return Role.NONE


def may_coordinate(actor: Actor) -> bool:
    """Start and manage operations: an agency's officers, or General Secretariat reviewers
    (the GS coordinates operations though its users do not draft police records)."""
    actions = allowed_actions(actor)
    return Action.CREATE in actions or (actor.is_gs and Action.REVIEW in actions)


def sees_country_results(actor: Actor, op: OperationAccess) -> bool:
    role = role_in(actor, op)
    return role is Role.COORDINATOR or (
        role is Role.PARTICIPANT and PARTICIPANTS_SEE_COUNTRY_RESULTS
    )


def check_may_report(actor: Actor, op: OperationAccess, country: str) -> None:
    if op.status is not OperationStatus.OPEN:
        raise InvalidTransition("The operation is closed: its results are final.")
    if Action.CREATE not in allowed_actions(actor):
        raise PermissionDenied("Only officers of a participating country report results.")
    if actor.country not in op.participants:
        raise PermissionDenied("Only participating countries report results.")
    if country != actor.country:
        raise PermissionDenied(
            f"You report for your own country ({actor.country}), not for {country}."
        )
