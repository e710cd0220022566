"""Asset recovery through the HTTP API: cases, FtM import as JSON lines, graph, statistics."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from conftest import World, auth
from factories.assets import as_jsonl, shell_structure


def _case(client: TestClient, world: World) -> dict:  # type: ignore[type-arg]
    r = client.post(
        "/api/v1/assets/cases",
        headers=auth(world, "kz.officer"),
        json={
            "title": "Embezzled pension funds",
            "requested_agency_id": world.agencies["ru"],
            "amount": "5000000",
            "currency": "usd",
            "identified_on": "2024-02-01",
        },
    )
    assert r.status_code == 201, r.text
    return r.json()


def test_import_ftm_lines_and_read_the_graph(client: TestClient, world: World) -> None:
    case = _case(client, world)
    r = client.post(
        f"/api/v1/assets/cases/{case['id']}/import.ftm",
        headers={**auth(world, "kz.officer"), "Content-Type": "application/x-ndjson"},
        content=as_jsonl(shell_structure()).encode(),
    )
    assert r.status_code == 201, r.text
    assert r.json()["imported"] == 11 and r.json()["skipped"] == {"Document": 1}
    graph = client.get(
        f"/api/v1/assets/cases/{case['id']}/graph", headers=auth(world, "ru.officer")
    )
    assert graph.status_code == 200
    body = graph.json()
    assert {n["id"]: n["schema"] for n in body["nodes"]}["acc-1"] == "BankAccount"
    assert len(body["nodes"]) == 6 and len(body["edges"]) == 5
    assert max(n["depth"] for n in body["nodes"]) == 3
    exported = client.get(
        f"/api/v1/assets/cases/{case['id']}/export.ftm", headers=auth(world, "kz.officer")
    )
    assert len(exported.json()) == 11


def test_bad_import_bodies(client: TestClient, world: World) -> None:
    case = _case(client, world)
    url = f"/api/v1/assets/cases/{case['id']}/import.ftm"
    headers = {**auth(world, "kz.officer"), "Content-Type": "application/x-ndjson"}
    r = client.post(url, headers=headers, content=b'{"id": "a", "schema": "Person"}\nnot json\n')
    assert r.status_code == 422 and "Line 2" in r.json()["detail"]
    assert client.post(url, headers=headers, content=b"").status_code == 422
    as_array = client.post(url, headers=auth(world, "kz.officer"), json=shell_structure()[:2])
    assert as_array.status_code == 201 and as_array.json()["imported"] == 2


def test_third_agency_gets_404(client: TestClient, world: World) -> None:
    case = _case(client, world)
    base = f"/api/v1/assets/cases/{case['id']}"
    tr = auth(world, "tr.officer")
    assert client.get(base, headers=tr).status_code == 404
    assert client.get(f"{base}/graph", headers=tr).status_code == 404
    step = {
        "stage": "frozen",
        "amount": "1",
        "currency": "USD",
        "on": "2024-02-02",
        "version": case["version"],
    }
    assert client.post(f"{base}/steps", headers=tr, json=step).status_code == 404
    assert client.post(f"{base}/requests", headers=tr, json={"kind": "freeze"}).status_code == 404
    assert client.post(f"{base}/import.ftm", headers=tr, json=shell_structure()).status_code == 404
    ok = client.post(f"{base}/steps", headers=auth(world, "ru.officer"), json=step)
    assert ok.status_code == 200 and ok.json()["stage"] == "frozen"


def test_request_flow_and_statistics(client: TestClient, world: World) -> None:
    case = _case(client, world)
    base = f"/api/v1/assets/cases/{case['id']}"
    sent = client.post(
        f"{base}/requests",
        headers=auth(world, "kz.officer"),
        json={"kind": "seize", "deadline": "2099-01-01"},
    )
    assert sent.status_code == 201, sent.text
    req = sent.json()["requests"][0]
    answered = client.post(
        f"{base}/requests/{req['id']}/answer",
        headers=auth(world, "ru.officer"),
        json={
            "outcome": "executed",
            "amount": "4200000",
            "currency": "EUR",
            "on": "2024-03-01",
            "version": req["version"],
        },
    )
    assert answered.status_code == 200, answered.text
    assert answered.json()["stage"] == "seized"
    v = answered.json()["version"]
    for stage, amount, on in (
        ("confiscated", "4000000", "2024-10-01"),
        ("returned", "3900000", "2025-01-20"),
    ):
        r = client.post(
            f"{base}/steps",
            headers=auth(world, "ru.officer"),
            json={"stage": stage, "amount": amount, "currency": "EUR", "on": on, "version": v},
        )
        assert r.status_code == 200, r.text
        v = r.json()["version"]
    stats = client.get(
        "/api/v1/assets/statistics",
        headers=auth(world, "tr.officer"),
    )
    assert stats.status_code == 200
    rows = {
        (s["year"], s["requesting_country"], s["requested_country"], s["stage"]): (
            s["amount"],
            s["currency"],
        )
        for s in stats.json()
    }
    assert rows == {
        (2024, "kz", "ru", "confiscated"): ("4000000", "EUR"),
        (2025, "kz", "ru", "returned"): ("3900000", "EUR"),
    }
    bad = client.post(
        f"{base}/steps",
        headers=auth(world, "ru.officer"),
        json={
            "stage": "returned",
            "amount": "1",
            "currency": "EUR",
            "on": "2025-01-21",
            "version": v,
        },
    )
    assert bad.status_code == 409


def test_imported_file_renders_as_an_svg_graph(client: TestClient, world: World) -> None:
    case = _case(client, world)
    r = client.post(
        f"/api/v1/assets/cases/{case['id']}/import.ftm",
        headers={**auth(world, "kz.officer"), "Content-Type": "application/x-ndjson"},
        content=as_jsonl(shell_structure()).encode(),
    )
    assert r.status_code == 201
    # The page takes the same credentials as the API (an officer's browser session or a key).
    page = client.get(f"/assets/cases/{case['id']}/graph", headers=auth(world, "ru.officer"))
    assert page.status_code == 200
    svg = page.text[page.text.index("<svg") : page.text.index("</svg>")]
    nodes = re.findall(r'<g class="node" data-id="([^"]+)" data-schema="([^"]+)"', svg)
    assert dict(nodes) == {
        "p-1": "Person",
        "c-holding": "Company",
        "c-shell": "Company",
        "acc-1": "BankAccount",
        "re-1": "RealEstate",
        "w-1": "CryptoWallet",
    }
    assert svg.count('<g class="edge">') == 5
    assert "Steppe Holdings Ltd" in svg and "75%" in svg
    # Layers: the person above the holding, above the shell, above the account.
    ys = {
        m.group(1): int(m.group(2))
        for m in re.finditer(r'data-id="([^"]+)"[^>]*>\s*<rect x="\d+" y="(\d+)"', svg)
    }
    assert ys["p-1"] < ys["c-holding"] < ys["c-shell"] < ys["acc-1"] == ys["re-1"]
    # A third agency sees no page either.
    third = client.get(f"/assets/cases/{case['id']}/graph", headers=auth(world, "tr.officer"))
    assert third.status_code == 404
