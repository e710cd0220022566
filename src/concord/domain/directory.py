"""Who takes part: member countries, agencies, users and their roles."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pycountry

from concord.domain.errors import ValidationFailed


class AgencyKind(StrEnum):
    NCB = "ncb"
    POLICE = "police"
    MINISTRY = "ministry"
    PROSECUTOR = "prosecutor"
    CUSTOMS = "customs"
    FIU = "fiu"
    REGIONAL_BODY = "regional_body"
    GENERAL_SECRETARIAT = "general_secretariat"
    # An independent body that examines data subjects' requests (INTERPOL's CCF).
    FILES_COMMISSION = "files_commission"


class Role(StrEnum):
    VIEWER = "viewer"
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    GS_REVIEWER = "gs_reviewer"
    AUDITOR = "auditor"
    ADMIN = "admin"
    CCF = "ccf"  # a member of the files commission


def country_code(raw: str) -> str:
    """Normalise an ISO 3166-1 alpha-2 code (lower case) or raise a clear error."""
    code = (raw or "").strip().lower()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code.upper()) is None:
        raise ValidationFailed(
            f"'{raw}' is not an ISO 3166-1 alpha-2 country code (e.g. 'kz', 'ru', 'tr').",
            field="country",
        )
    return code


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code.upper())
    return country.name if country is not None else code.upper()


def parse_roles(raw: str | list[str] | tuple[str, ...]) -> frozenset[Role]:
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    roles: set[Role] = set()
    for item in items:
        name = item.strip()
        if not name:
            continue
        try:
            roles.add(Role(name))
        except ValueError as exc:
            allowed = ", ".join(r.value for r in Role)
            raise ValidationFailed(f"Unknown role '{name}'. Roles are: {allowed}.") from exc
    if not roles:
        raise ValidationFailed("A user needs at least one role.")
    return frozenset(roles)


@dataclass(frozen=True, slots=True)
class Actor:
    """The authenticated user on whose behalf a use case runs."""

    user_id: int
    username: str
    agency_id: int
    agency_name: str
    country: str
    agency_kind: AgencyKind
    roles: frozenset[Role]

    @property
    def is_gs(self) -> bool:
        return self.agency_kind is AgencyKind.GENERAL_SECRETARIAT

    @property
    def is_files_commission(self) -> bool:
        return self.agency_kind is AgencyKind.FILES_COMMISSION

    def has(self, *roles: Role) -> bool:
        return any(r in self.roles for r in roles)
