"""Value objects of the matching engine: the person to match and the answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class IdentifierRef:
    """A document or other number carried by a person (passport, national id, ...)."""

    type: str
    value: str
    country: str | None = None


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """One person as the matcher sees it: names in any script plus a few attributes."""

    id: str
    names: tuple[str, ...]
    birth_date: str | None = None  # "1961-10-30", "1961-10" or "1961"
    nationalities: tuple[str, ...] = ()  # ISO 3166-1 alpha-2, lower case
    gender: str | None = None  # "male" | "female" | None
    identifiers: tuple[IdentifierRef, ...] = ()

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> PersonRecord:
        """Build from the screening interchange format (see bench/README.md).

        Accepts both `nationality` (the interchange key) and `nationalities`, each either a
        string or a list.
        """
        names = obj.get("names") or ()
        if isinstance(names, str):
            names = (names,)
        nats = obj.get("nationality", obj.get("nationalities")) or ()
        if isinstance(nats, str):
            nats = (nats,)
        idents = tuple(
            IdentifierRef(
                type=str(i.get("type") or "other"),
                value=str(i["value"]),
                country=(str(i["country"]).lower() if i.get("country") else None),
            )
            for i in (obj.get("identifiers") or ())
            if i.get("value")
        )
        gender = obj.get("gender")
        birth = obj.get("birth_date")
        return cls(
            id=str(obj["id"]),
            names=tuple(str(n) for n in names if n),
            birth_date=str(birth) if birth else None,
            nationalities=tuple(str(n).lower() for n in nats if n),
            gender=str(gender).lower() if gender else None,
            identifiers=idents,
        )


@dataclass(frozen=True, slots=True)
class FeatureScore:
    """How one feature contributed to a match.

    `score` is the feature's own similarity in 0..1; `weight` is the signed amount it added
    to (or took from) the final score; `detail` is a sentence a reviewer can read.
    """

    feature: str
    score: float
    weight: float
    detail: str


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate record with its final score in 0..1 and the reasons for it."""

    record_id: str
    score: float
    explanation: tuple[FeatureScore, ...]
