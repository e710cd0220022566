"""Indicator factories for tests."""

from __future__ import annotations

from typing import Any

from concord.domain.directory import Actor
from concord.services import indicators
from concord.services.common import RestrictionsIn
from concord.services.indicators import IndicatorIn, IndicatorView
from concord.services.runtime import Runtime

# Valid sample values of every kind (checked by the unit tests of domain.identifiers' rules).
PHONE_KZ = "+7 701 123 4567"  # E.164 +77011234567
IMEI = "490154203237518"  # 14 digits + Luhn check digit 8
IBAN_DE = "DE89 3704 0044 0532 0130 00"
BTC = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"


def indicator_in(kind: str = "phone", value: str = PHONE_KZ, **kw: Any) -> IndicatorIn:
    restrictions = kw.pop("restrictions", None)
    if isinstance(restrictions, dict):
        restrictions = RestrictionsIn(**restrictions)
    return IndicatorIn(kind=kind, value=value, restrictions=restrictions or RestrictionsIn(), **kw)


def make_indicator(
    rt: Runtime, actor: Actor, kind: str = "phone", value: str = PHONE_KZ, **kw: Any
) -> IndicatorView:
    with rt.uow() as uow:
        view = indicators.create_indicator(uow, actor, indicator_in(kind, value, **kw))
        uow.commit()
    return view
