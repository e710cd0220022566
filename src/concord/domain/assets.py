"""Asset recovery cases: following money across borders, from identification to return.

A case is opened by one agency (usually a prosecutor's office) against assets held in another
jurisdiction, and names the requested agency. These two are the PARTIES: only they see the case,
its ownership graph and its requests, and only they move it. Any other agency, the General
Secretariat included, is told the case does not exist (404); the GS sees the aggregate
statistics only.

The assets of a case follow the stages of domain.md: identified -> frozen -> seized ->
confiscated -> returned, each step with an amount, an ISO 4217 currency and a date. A freeze is
a provisional measure that some systems skip (police seize directly), so `frozen` may be skipped;
no other stage may be, and no step goes back.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import TypeVar

import pycountry

from concord.domain.access import Action, allowed_actions
from concord.domain.directory import Actor
from concord.domain.errors import InvalidTransition, PermissionDenied, ValidationFailed

E = TypeVar("E", bound=StrEnum)


class Stage(StrEnum):
    IDENTIFIED = "identified"
    FROZEN = "frozen"
    SEIZED = "seized"
    CONFISCATED = "confiscated"
    RETURNED = "returned"


ORDER = list(Stage)
# Stages whose amounts the statistics report.
REPORTED_STAGES = (Stage.FROZEN, Stage.CONFISCATED, Stage.RETURNED)


class RequestKind(StrEnum):
    TRACE = "trace"
    FREEZE = "freeze"
    SEIZE = "seize"
    CONFISCATE = "confiscate"
    RETURN = "return"
    SHARE = "share"  # asset sharing: part of the confiscated value goes to the other state


# What executing a request does to the case. Tracing only informs.
STAGE_AFTER: dict[RequestKind, Stage | None] = {
    RequestKind.TRACE: None,
    RequestKind.FREEZE: Stage.FROZEN,
    RequestKind.SEIZE: Stage.SEIZED,
    RequestKind.CONFISCATE: Stage.CONFISCATED,
    RequestKind.RETURN: Stage.RETURNED,
    RequestKind.SHARE: Stage.RETURNED,
}


class RequestStatus(StrEnum):
    SENT = "sent"
    EXECUTED = "executed"
    REFUSED = "refused"


class AssetKind(StrEnum):
    BANK_ACCOUNT = "bank_account"
    COMPANY = "company"
    REAL_ESTATE = "real_estate"
    VEHICLE = "vehicle"
    CRYPTO_WALLET = "crypto_wallet"


# The FollowTheMoney schema each kind of asset is exchanged as.
FTM_SCHEMA: dict[AssetKind, str] = {
    AssetKind.BANK_ACCOUNT: "BankAccount",
    AssetKind.COMPANY: "Company",
    AssetKind.REAL_ESTATE: "RealEstate",
    AssetKind.VEHICLE: "Vehicle",
    AssetKind.CRYPTO_WALLET: "CryptoWallet",
}


def parse_enum(cls: type[E], raw: str, field: str) -> E:
    try:
        return cls(raw.strip().lower())
    except ValueError as exc:
        allowed = ", ".join(v.value for v in cls)
        raise ValidationFailed(
            f"Unknown {field} '{raw}': use one of {allowed}.", field=field
        ) from exc


def currency_code(raw: str) -> str:
    code = (raw or "").strip().upper()
    if len(code) != 3 or pycountry.currencies.get(alpha_3=code) is None:
        raise ValidationFailed(
            f"'{raw}' is not an ISO 4217 currency code (e.g. 'EUR', 'USD', 'KZT').",
            field="currency",
        )
    return code


def amount_of(raw: Decimal | str | int | float) -> Decimal:
    try:
        value = Decimal(str(raw))
    except InvalidOperation as exc:
        raise ValidationFailed(f"'{raw}' is not an amount.", field="amount") from exc
    if not value.is_finite() or value < 0:
        raise ValidationFailed("The amount must be zero or more.", field="amount")
    return value


def check_step(current: Stage, target: Stage) -> None:
    here, there = ORDER.index(current), ORDER.index(target)
    skips_only_freeze = current is Stage.IDENTIFIED and target is Stage.SEIZED
    if there != here + 1 and not skips_only_freeze:
        allowed = [ORDER[here + 1].value] if here + 1 < len(ORDER) else []
        if current is Stage.IDENTIFIED:
            allowed.append(Stage.SEIZED.value)
        nxt = " or ".join(allowed) if allowed else "nothing: the case is complete"
        raise InvalidTransition(
            f"A case at stage '{current.value}' cannot move to '{target.value}'; next is {nxt}."
        )


def check_step_date(on: date, previous: date | None, today: date) -> None:
    if on > today:
        raise ValidationFailed("A step cannot be dated in the future.", field="on")
    if previous is not None and on < previous:
        raise ValidationFailed(
            f"A step cannot be dated before the previous one ({previous}).", field="on"
        )


def is_overdue(deadline: date | None, status: RequestStatus, today: date) -> bool:
    return deadline is not None and status is RequestStatus.SENT and deadline < today


# --- parties ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CaseParties:
    requesting_agency_id: int
    requested_agency_id: int

    def includes(self, agency_id: int) -> bool:
        return agency_id in (self.requesting_agency_id, self.requested_agency_id)

    def other(self, agency_id: int) -> int:
        return (
            self.requested_agency_id
            if agency_id == self.requesting_agency_id
            else self.requesting_agency_id
        )


def is_party(actor: Actor, parties: CaseParties) -> bool:
    return Action.READ in allowed_actions(actor) and parties.includes(actor.agency_id)


def check_may_act(actor: Actor, parties: CaseParties) -> None:
    """The caller has already turned non-parties away with a 404."""
    if Action.CREATE not in allowed_actions(actor):
        raise PermissionDenied("Only officers of the parties to a case move it.")


# --- ownership graph --------------------------------------------------------------------------


def ownership_depth(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Layer of each node for drawing: owners nobody owns sit at 0, each owned thing one layer
    below its deepest owner. Cycles (A owns B owns A happens in layered shell structures) are
    broken by ignoring the edge that closes them."""
    ids = list(dict.fromkeys(nodes))
    owned_by: dict[str, list[str]] = {n: [] for n in ids}
    owns: dict[str, list[str]] = {n: [] for n in ids}
    for owner, asset in edges:
        if owner in owns and asset in owned_by and owner != asset:
            owns[owner].append(asset)
            owned_by[asset].append(owner)
    depth: dict[str, int] = {}
    roots = [n for n in ids if not owned_by[n]] or ids[:1]
    queue = deque((r, 0, frozenset([r])) for r in roots)
    # Longest path from a root, bounded by the node count so cycles terminate.
    while queue:
        node, d, path = queue.popleft()
        if depth.get(node, -1) >= d:
            continue
        depth[node] = d
        for nxt in owns[node]:
            if nxt not in path and d + 1 < len(ids):
                queue.append((nxt, d + 1, path | {nxt}))
    for n in ids:  # nodes only reachable through a cycle
        depth.setdefault(n, 0)
    return depth


@dataclass(frozen=True, slots=True)
class Amount:
    currency: str
    value: Decimal


def sum_by_currency(amounts: Iterable[Amount]) -> Mapping[str, Decimal]:
    out: dict[str, Decimal] = {}
    for a in amounts:
        out[a.currency] = out.get(a.currency, Decimal(0)) + a.value
    return dict(sorted(out.items()))
