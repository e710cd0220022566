"""Restrictions the owner of an item sets: who may see it and how it may be used onward."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from concord.domain.directory import country_code
from concord.domain.errors import ValidationFailed


class Visibility(StrEnum):
    ALL_MEMBERS = "all_members"
    LISTED_COUNTRIES = "listed_countries"
    GS_ONLY = "gs_only"
    # Others learn only that a record exists and whom to ask.
    HIT_NO_HIT = "hit_no_hit"


class HandlingCode(StrEnum):
    """Europol-style handling codes limiting onward use."""

    H0 = "H0"  # no restriction beyond the visibility
    H1 = "H1"  # not to be used as evidence in court without the source's consent
    H2 = "H2"  # not to be passed on without the source's permission
    H3 = "H3"  # other restrictions stated in the note


@dataclass(frozen=True, slots=True)
class Restrictions:
    visibility: Visibility = Visibility.ALL_MEMBERS
    countries: frozenset[str] = field(default_factory=frozenset)
    handling: HandlingCode = HandlingCode.H0

    @classmethod
    def build(
        cls,
        visibility: str | Visibility = Visibility.ALL_MEMBERS,
        countries: list[str] | tuple[str, ...] | frozenset[str] = (),
        handling: str | HandlingCode = HandlingCode.H0,
    ) -> Restrictions:
        try:
            vis = Visibility(visibility)
        except ValueError as exc:
            allowed = ", ".join(v.value for v in Visibility)
            raise ValidationFailed(
                f"Unknown visibility '{visibility}'. Use one of: {allowed}.", field="visibility"
            ) from exc
        try:
            code = HandlingCode(handling)
        except ValueError as exc:
            raise ValidationFailed(
                f"Unknown handling code '{handling}'. Use H0, H1, H2 or H3.", field="handling"
            ) from exc
        listed = frozenset(country_code(c) for c in countries)
        if vis is Visibility.LISTED_COUNTRIES and not listed:
            raise ValidationFailed(
                "Visibility 'listed_countries' needs at least one country in 'countries'.",
                field="countries",
            )
        if vis is not Visibility.LISTED_COUNTRIES and listed:
            raise ValidationFailed(
                "'countries' only applies with visibility 'listed_countries'.", field="countries"
            )
        return cls(vis, listed, code)

    def narrows(self, other: Restrictions) -> bool:
        """True when `self` is at least as strict as `other` (data pulled from another node
        keeps its owner's restrictions and may not be widened)."""
        order = {
            Visibility.ALL_MEMBERS: 0,
            Visibility.LISTED_COUNTRIES: 1,
            Visibility.HIT_NO_HIT: 2,
            Visibility.GS_ONLY: 3,
        }
        if order[self.visibility] < order[other.visibility]:
            return False
        if (
            self.visibility is other.visibility is Visibility.LISTED_COUNTRIES
            and not self.countries <= other.countries
        ):
            return False
        return int(self.handling.value[1]) >= int(other.handling.value[1])
