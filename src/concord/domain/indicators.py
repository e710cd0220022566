"""Cyber-fraud indicators: the phones, SIMs, devices, accounts, wallets and web addresses that
bureaus share so that a fraud seen in one country is recognised in the next.

Pure rules: which identifier kinds are indicators, how confidence is read, and how an indicator
maps onto MISP, the exchange format CERTs and financial-crime units already run. Validation and
normalisation of the values themselves is ``domain.identifiers`` (one implementation for the
whole platform).
"""

from __future__ import annotations

from enum import StrEnum

from concord.domain.errors import ValidationFailed
from concord.domain.identifiers import (
    Identifier,
    IdentifierKind,
    InvalidIdentifier,
    lookup_key,
    normalise_identifier,
)
from concord.domain.restrictions import HandlingCode, Restrictions, Visibility


class IndicatorKind(StrEnum):
    PHONE = IdentifierKind.PHONE.value
    IMSI = IdentifierKind.IMSI.value
    ICCID = IdentifierKind.ICCID.value
    IMEI = IdentifierKind.IMEI.value
    IBAN = IdentifierKind.IBAN.value
    BTC_WALLET = IdentifierKind.BTC_WALLET.value
    ETH_WALLET = IdentifierKind.ETH_WALLET.value
    CRYPTO_WALLET = IdentifierKind.CRYPTO_WALLET.value
    DOMAIN = IdentifierKind.DOMAIN.value
    URL = IdentifierKind.URL.value
    EMAIL = IdentifierKind.EMAIL.value


class IndicatorStatus(StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"


MAX_VALUE_LENGTH = 1024  # long phishing URLs exist; anything longer is not an indicator to share
_ACCEPTED = ", ".join(k.value for k in IndicatorKind)


def parse_kind(kind: str | IndicatorKind) -> IndicatorKind:
    if isinstance(kind, IndicatorKind):
        return kind
    try:
        return IndicatorKind((kind or "").strip().lower())
    except ValueError:
        raise ValidationFailed(
            f"'{kind}' is not an indicator kind; use one of: {_ACCEPTED}.", field="kind"
        ) from None


def normalise_indicator(
    kind: str | IndicatorKind, raw: str, country: str | None = None
) -> Identifier:
    """The canonical form of an indicator value, or ValidationFailed with the reason."""
    parsed = parse_kind(kind)
    try:
        ident = normalise_identifier(parsed.value, raw, country)
    except InvalidIdentifier as exc:
        raise ValidationFailed(exc.reason, field="value") from exc
    if len(ident.value) > MAX_VALUE_LENGTH:
        raise ValidationFailed(
            f"The {parsed.value} has {len(ident.value)} characters; at most "
            f"{MAX_VALUE_LENGTH} are accepted.",
            field="value",
        )
    return ident


def indicator_key(kind: str | IndicatorKind, raw: str, country: str | None = None) -> str:
    """Lookup key: the canonical value when ``raw`` is valid, a lenient form otherwise, so a
    lookup with a mistyped value still runs (and finds nothing rather than failing)."""
    return lookup_key(parse_kind(kind).value, raw, country)


# --- confidence ------------------------------------------------------------------------------

# Officers speak in three grades, detectors in scores: a grade stands for the middle of its band.
CONFIDENCE_GRADES: dict[str, float] = {"low": 0.3, "medium": 0.6, "high": 0.9}
_MEDIUM_FROM = 0.45
_HIGH_FROM = 0.75


def parse_confidence(value: str | float | int) -> float:
    if isinstance(value, str):
        grade = value.strip().lower()
        if grade in CONFIDENCE_GRADES:
            return CONFIDENCE_GRADES[grade]
        try:
            value = float(grade)
        except ValueError:
            raise ValidationFailed(
                f"Confidence '{value}' is neither low, medium, high nor a number from 0 to 1.",
                field="confidence",
            ) from None
    number = float(value)
    if not 0.0 <= number <= 1.0:
        raise ValidationFailed(f"Confidence {number} is outside 0 to 1.", field="confidence")
    return round(number, 4)


def confidence_label(score: float) -> str:
    if score >= _HIGH_FROM:
        return "high"
    if score >= _MEDIUM_FROM:
        return "medium"
    return "low"


def is_high_confidence(score: float) -> bool:
    return score >= _HIGH_FROM


# --- MISP ------------------------------------------------------------------------------------

# MISP core attribute types and categories (MISP's AttributesTable definitions). MISP has no
# attribute type for IMEI, IMSI, ICCID or Ethereum addresses: they go as "text", with the
# kind named in the comment and in a tag, so a MISP instance accepts the event unchanged.
MISP_TYPES: dict[IndicatorKind, str] = {
    IndicatorKind.PHONE: "phone-number",
    IndicatorKind.IMSI: "text",
    IndicatorKind.ICCID: "text",
    IndicatorKind.IMEI: "text",
    IndicatorKind.IBAN: "iban",
    IndicatorKind.BTC_WALLET: "btc",
    IndicatorKind.ETH_WALLET: "text",
    IndicatorKind.CRYPTO_WALLET: "text",
    IndicatorKind.DOMAIN: "domain",
    IndicatorKind.URL: "url",
    IndicatorKind.EMAIL: "email-src",
}
MISP_CATEGORIES: dict[IndicatorKind, str] = {
    IndicatorKind.PHONE: "Financial fraud",
    IndicatorKind.IMSI: "Other",
    IndicatorKind.ICCID: "Other",
    IndicatorKind.IMEI: "Other",
    IndicatorKind.IBAN: "Financial fraud",
    IndicatorKind.BTC_WALLET: "Financial fraud",
    IndicatorKind.ETH_WALLET: "Financial fraud",
    IndicatorKind.CRYPTO_WALLET: "Financial fraud",
    IndicatorKind.DOMAIN: "Network activity",
    IndicatorKind.URL: "Network activity",
    IndicatorKind.EMAIL: "Network activity",
}


class MispDistribution:
    """MISP distribution levels (the integers MISP stores)."""

    ORGANISATION_ONLY = 0
    THIS_COMMUNITY = 1
    CONNECTED_COMMUNITIES = 2
    ALL_COMMUNITIES = 3
    SHARING_GROUP = 4


# From narrowest to widest, to pick the event's level (MISP caps attributes at the event's).
_DISTRIBUTION_ORDER = (
    MispDistribution.ORGANISATION_ONLY,
    MispDistribution.SHARING_GROUP,
    MispDistribution.THIS_COMMUNITY,
    MispDistribution.CONNECTED_COMMUNITIES,
    MispDistribution.ALL_COMMUNITIES,
)


def misp_distribution(restrictions: Restrictions) -> int:
    """The MISP distribution that does not widen the owner's restrictions.

    All members with no onward-use limit -> connected communities (the member bureaus' own
    MISP instances); H2/H3 (not to be passed on) keeps it to this community. Listed countries
    -> a sharing group of those countries. GS only and hit/no-hit -> the organisation only:
    the contents are not to reach anyone else.
    """
    vis = restrictions.visibility
    if vis is Visibility.LISTED_COUNTRIES:
        return MispDistribution.SHARING_GROUP
    if vis is Visibility.ALL_MEMBERS:
        if restrictions.handling in (HandlingCode.H2, HandlingCode.H3):
            return MispDistribution.THIS_COMMUNITY
        return MispDistribution.CONNECTED_COMMUNITIES
    return MispDistribution.ORGANISATION_ONLY


def widest_distribution(levels: list[int]) -> int:
    if not levels:
        return MispDistribution.ORGANISATION_ONLY
    return max(levels, key=_DISTRIBUTION_ORDER.index)


__all__ = [
    "CONFIDENCE_GRADES",
    "MISP_CATEGORIES",
    "MISP_TYPES",
    "IndicatorKind",
    "IndicatorStatus",
    "MispDistribution",
    "confidence_label",
    "indicator_key",
    "is_high_confidence",
    "misp_distribution",
    "normalise_indicator",
    "parse_confidence",
    "parse_kind",
    "widest_distribution",
]
