"""Asset recovery factories: a case between two bureaus and an FtM ownership file."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from concord.domain.directory import Actor
from concord.services import assets
from concord.services.assets import CaseIn, CaseView
from concord.services.runtime import Runtime


def make_case(rt: Runtime, actor: Actor, requested_agency_id: int, **kw: Any) -> CaseView:
    base: dict[str, Any] = {
        "title": "Proceeds of a large-scale fraud moved abroad",
        "requested_agency_id": requested_agency_id,
        "amount": Decimal("2500000"),
        "currency": "USD",
        "identified_on": date(2024, 3, 1),
    }
    base.update(kw)
    with rt.uow() as uow:
        view = assets.open_case(uow, actor, CaseIn(**base))
        uow.commit()
    return view


def entity(eid: str, schema: str, **props: str | list[str]) -> dict[str, Any]:
    return {
        "id": eid,
        "schema": schema,
        "properties": {k: v if isinstance(v, list) else [v] for k, v in props.items()},
    }


def shell_structure() -> list[dict[str, Any]]:
    """A person owns a Cypriot holding, which owns a BVI company, which holds a Swiss account,
    a London flat and a wallet: three jurisdictions deep. Also a document Concord skips."""
    return [
        entity("p-1", "Person", name="Ерлан Ахметов", birthDate="1975-04-12", nationality="kz"),
        entity("c-holding", "Company", name="Steppe Holdings Ltd", jurisdiction="cy"),
        entity("c-shell", "Company", name="Blue Lagoon Ventures Inc", jurisdiction="vg"),
        entity(
            "acc-1",
            "BankAccount",
            name="Account at Banque Exemple",
            iban="CH9300762011623852957",
            country="ch",
        ),
        entity("re-1", "RealEstate", name="Flat, 12 Example Street, London", country="gb"),
        entity(
            "w-1",
            "CryptoWallet",
            name="Wallet bc1q",
            publicKey="bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        ),
        entity("own-1", "Ownership", owner="p-1", asset="c-holding", percentage="100"),
        entity("own-2", "Ownership", owner="c-holding", asset="c-shell", percentage="75"),
        entity("own-3", "Ownership", owner="c-shell", asset="acc-1"),
        entity("own-4", "Ownership", owner="c-shell", asset="re-1"),
        entity("own-5", "Ownership", owner="p-1", asset="w-1"),
        entity("doc-1", "Document", title="Scanned registry extract"),
    ]


def as_jsonl(entities: list[dict[str, Any]]) -> str:
    return "\n".join(json.dumps(e, ensure_ascii=False) for e in entities) + "\n"
