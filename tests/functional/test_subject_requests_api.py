"""Data subjects' requests through the API: the files commission finds every record that may be
the applicant's, restricted ones included; owners see their own findings only; a deletion is
enforced at once (record erased, out of the index, notices cancelled); a correction is owed
by the owner; the request closes only once every record is decided."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from concord.services import directory, subject_requests
from concord.services.runtime import Runtime
from concord.storage.base import utcnow
from concord.storage.tables import SubjectRequest
from conftest import World, auth, csrf_of, web_login

PROBLEM = "application/problem+json"


@dataclass
class Commission:
    key: dict[str, str]


@pytest.fixture
def ccf(rt: Runtime) -> Commission:
    with rt.uow() as uow:
        directory.join_country(uow, None, "mc")
        agency = directory.create_agency(
            uow, None, "Commission for the Control of Files", "mc", "files_commission"
        )
        user = directory.create_user(uow, None, "ccf.member", agency.id, "ccf")
        key = directory.create_api_key(uow, None, user.id)
        uow.commit()
    return Commission({"X-API-Key": key})


def _person(client: TestClient, world: World, user: str, **body: object) -> str:
    r = client.post("/api/v1/persons", json=body, headers=auth(world, user))
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def _records(client: TestClient, world: World) -> dict[str, str]:
    return {
        # Kazakhstan's record is hidden from every other member: only the GS sees it.
        "kz": _person(
            client,
            world,
            "kz.officer",
            names=["Ерлан Ахметов"],
            birth_date="1980-01-02",
            restrictions={"visibility": "gs_only"},
        ),
        "ru": _person(
            client, world, "ru.officer", names=["Erlan Akhmetov"], birth_date="1980-01-02"
        ),
        "other": _person(
            client, world, "tr.officer", names=["Mehmet Yılmaz"], birth_date="1975-05-05"
        ),
    }


def _open(client: TestClient, ccf: Commission, kind: str = "deletion") -> dict:
    r = client.post(
        "/api/v1/subject-requests",
        json={
            "kind": kind,
            "subject": {"names": ["Akhmetov Yerlan"], "birth_date": "1980-01-02"},
            "applicant": "CCF/2026/0117",
            "grounds": "The applicant says the case against him was dropped in 2024.",
        },
        headers=ccf.key,
    )
    assert r.status_code == 201, r.text
    return r.json()


def test_the_commission_finds_restricted_records_and_owners_see_only_theirs(
    client: TestClient, world: World, ccf: Commission
) -> None:
    ids = _records(client, world)
    opened = _open(client, ccf)
    found = {f["person_id"]: f for f in opened["findings"]}
    assert set(found) == {ids["kz"], ids["ru"]}
    assert opened["status"] == "examining" and opened["answer_due_at"] > opened["opened_at"]
    # Each owner is told, and sees its own record only.
    for user, short in (("kz.officer", "kz"), ("ru.officer", "ru")):
        alerts = client.get("/api/v1/alerts", headers=auth(world, user)).json()
        assert any(a["kind"] == "subject_request" for a in alerts)
        mine = client.get(f"/api/v1/subject-requests/{opened['id']}", headers=auth(world, user))
        assert mine.status_code == 200
        assert [f["person_id"] for f in mine.json()["findings"]] == [ids[short]]
    # An agency with no record in it does not learn that the request exists.
    other = client.get(
        f"/api/v1/subject-requests/{opened['id']}", headers=auth(world, "tr.officer")
    )
    assert other.status_code == 404 and other.headers["content-type"].startswith(PROBLEM)
    assert client.get("/api/v1/subject-requests", headers=auth(world, "tr.officer")).json() == []
    # The commission sees no police data otherwise: its role reads nothing else.
    denied = client.get(f"/api/v1/persons/{ids['ru']}", headers=ccf.key)
    assert denied.status_code == 403


def test_only_the_commission_opens_and_decides(
    client: TestClient, world: World, ccf: Commission
) -> None:
    _records(client, world)
    # GS staff, even an administrator, are not the commission.
    for user in ("gs.admin", "gs.reviewer", "kz.supervisor"):
        r = client.post(
            "/api/v1/subject-requests",
            json={"kind": "access", "subject": {"names": ["X Y"]}, "applicant": "A"},
            headers=auth(world, user),
        )
        assert r.status_code == 403, user
    opened = _open(client, ccf)
    finding = opened["findings"][0]
    path = f"/api/v1/subject-requests/{opened['id']}/findings/{finding['id']}/decision"
    owner = client.post(path, json={"decision": "keep"}, headers=auth(world, "kz.supervisor"))
    assert owner.status_code in (403, 404)
    bad = client.post(path, json={"decision": "delete"}, headers=ccf.key)
    assert bad.status_code == 422 and "why" in bad.json()["detail"]
    unknown = client.post(path, json={"decision": "shred", "note": "x"}, headers=ccf.key)
    assert unknown.status_code == 422 and "keep" in unknown.json()["detail"]
    for kind, names, message in (
        ("erasure", ["X Y"], "access, correction, deletion"),
        ("access", ["  "], "at least one"),
    ):
        refused = client.post(
            "/api/v1/subject-requests",
            json={"kind": kind, "subject": {"names": names}, "applicant": "CCF/1"},
            headers=ccf.key,
        )
        assert refused.status_code == 422 and message in refused.json()["detail"]


def test_a_deletion_is_enforced_and_a_correction_is_owed(
    client: TestClient, world: World, ccf: Commission
) -> None:
    ids = _records(client, world)
    notice = client.post(
        "/api/v1/notices",
        json={"kind": "blue", "title": "Whereabouts", "person_id": ids["ru"]},
        headers=auth(world, "ru.officer"),
    )
    assert notice.status_code == 201, notice.text
    opened = _open(client, ccf)
    by_person = {f["person_id"]: f for f in opened["findings"]}
    base = f"/api/v1/subject-requests/{opened['id']}"
    early = client.post(f"{base}/close", json={"answer": "Done."}, headers=ccf.key)
    assert early.status_code == 409 and "2 records still need" in early.json()["detail"]

    deleted = client.post(
        f"{base}/findings/{by_person[ids['ru']]['id']}/decision",
        json={"decision": "delete", "note": "Proceedings closed; no basis to keep the data."},
        headers=ccf.key,
    )
    assert deleted.status_code == 200, deleted.text
    # Erased: no longer found by anyone, its data gone, its notice cancelled.
    search = client.post(
        "/api/v1/match",
        json={"names": ["Erlan Akhmetov"], "birth_date": "1980-01-02"},
        headers=auth(world, "tr.officer"),
    )
    assert ids["ru"] not in [m["record"]["id"] for m in search.json()]
    record = client.get(f"/api/v1/persons/{ids['ru']}", headers=auth(world, "ru.officer")).json()
    assert record["status"] == "erased" and record["birth_date"] is None
    assert "Akhmetov" not in str(record["names"])
    cancelled = client.get(
        f"/api/v1/notices/{notice.json()['id']}", headers=auth(world, "ru.officer")
    ).json()
    assert cancelled["status"] == "cancelled"
    edit = client.patch(
        f"/api/v1/persons/{ids['ru']}",
        json={"names": ["Erlan Akhmetov"], "version": record["version"]},
        headers=auth(world, "ru.officer"),
    )
    assert edit.status_code == 409 and "erased" in edit.json()["detail"]
    again = client.post(
        f"{base}/findings/{by_person[ids['ru']]['id']}/decision",
        json={"decision": "keep"},
        headers=ccf.key,
    )
    assert again.status_code == 409 and "final" in again.json()["detail"]

    corrected = client.post(
        f"{base}/findings/{by_person[ids['kz']]['id']}/decision",
        json={"decision": "correct", "note": "Add that the 2019 charge was dropped."},
        headers=ccf.key,
    )
    assert corrected.status_code == 200
    owed = {f["person_id"]: f for f in corrected.json()["findings"]}[ids["kz"]]
    assert owed["correct_by"] is not None and owed["enforced_at"] is None
    alerts = client.get("/api/v1/alerts", headers=auth(world, "kz.officer")).json()
    assert any(a["kind"] == "subject_correction" and "dropped" in a["message"] for a in alerts)
    kz_record = client.get(f"/api/v1/persons/{ids['kz']}", headers=auth(world, "kz.officer")).json()
    fixed = client.patch(
        f"/api/v1/persons/{ids['kz']}",
        json={"note": "2019 charge dropped (CCF).", "version": kz_record["version"]},
        headers=auth(world, "kz.officer"),
    )
    assert fixed.status_code == 200, fixed.text
    after = client.get(base, headers=ccf.key).json()
    assert {f["person_id"]: f for f in after["findings"]}[ids["kz"]]["enforced_at"] is not None

    closed = client.post(
        f"{base}/close",
        json={"answer": "One record deleted, one corrected."},
        headers=ccf.key,
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    log = client.get(
        "/api/v1/audit", headers=auth(world, "gs.auditor"), params={"limit": 100}
    ).json()
    actions = {e["action"] for e in log}
    assert {
        "subject_request.open",
        "subject_request.delete",
        "subject_request.correct",
        "subject_request.corrected",
        "subject_request.close",
        "notice.cancelled",
    } <= actions


def test_late_answers_and_owed_corrections_raise_alerts(
    client: TestClient, world: World, ccf: Commission, rt: Runtime
) -> None:
    ids = _records(client, world)
    opened = _open(client, ccf, kind="correction")
    finding = {f["person_id"]: f for f in opened["findings"]}[ids["kz"]]
    decided = client.post(
        f"/api/v1/subject-requests/{opened['id']}/findings/{finding['id']}/decision",
        json={"decision": "correct", "note": "Record the acquittal of 2021."},
        headers=ccf.key,
    )
    assert decided.status_code == 200
    with rt.uow() as uow:
        assert subject_requests.raise_overdue_alerts(uow, now=utcnow()) == 0
        later = utcnow() + timedelta(days=300)
        # The request (answer due in 9 months) and the correction (30 days), to both sides.
        assert subject_requests.raise_overdue_alerts(uow, now=later) == 3
        assert subject_requests.raise_overdue_alerts(uow, now=later) == 0  # once each
        uow.commit()
    kz = client.get("/api/v1/alerts", headers=auth(world, "kz.officer")).json()
    assert any(a["kind"] == "subject_correction_overdue" for a in kz)
    # The commission reads its own alerts, though it reads no police data.
    mine = client.get("/api/v1/alerts", headers=ccf.key)
    assert mine.status_code == 200
    kinds = sorted(a["kind"] for a in mine.json())
    assert kinds == ["subject_correction_overdue", "subject_request_overdue"]
    read = client.post(f"/api/v1/alerts/{mine.json()[0]['id']}/read", headers=ccf.key)
    assert read.status_code == 200 and read.json()["read_at"] is not None


def test_an_archived_record_is_found_for_the_commission_only(
    client: TestClient, world: World, ccf: Commission
) -> None:
    ids = _records(client, world)
    record = client.get(f"/api/v1/persons/{ids['ru']}", headers=auth(world, "ru.officer")).json()
    archived = client.post(
        f"/api/v1/persons/{ids['ru']}/archive",
        json={"version": record["version"]},
        headers=auth(world, "ru.officer"),
    )
    assert archived.status_code == 200, archived.text
    search = client.post(
        "/api/v1/match",
        json={"names": ["Erlan Akhmetov"], "birth_date": "1980-01-02"},
        headers=auth(world, "ru.officer"),
    )
    assert ids["ru"] not in [m["record"]["id"] for m in search.json()]  # stops matching
    opened = _open(client, ccf, kind="access")
    found = {f["person_id"]: f for f in opened["findings"]}
    assert set(found) == {ids["kz"], ids["ru"]}
    assert found[ids["ru"]]["record"]["status"] == "archived"
    # Erasing it takes it out of the commission's archive too.
    erased = client.post(
        f"/api/v1/subject-requests/{opened['id']}/findings/{found[ids['ru']]['id']}/decision",
        json={"decision": "delete", "note": "Kept past its review date without reason."},
        headers=ccf.key,
    )
    assert erased.status_code == 200
    again = _open(client, ccf, kind="access")
    assert [f["person_id"] for f in again["findings"]] == [ids["kz"]]


def test_the_commission_reads_its_alerts_on_its_page(
    client: TestClient, world: World, ccf: Commission, rt: Runtime
) -> None:
    _records(client, world)
    opened = _open(client, ccf, kind="access")
    with rt.uow() as uow:
        subject_requests.raise_overdue_alerts(uow, now=utcnow() + timedelta(days=200))
        agency_id = uow.session.get(SubjectRequest, opened["id"]).commission_agency_id
        directory.create_user(uow, None, "ccf.web", agency_id, "ccf", password="password-123")
        uow.commit()
    assert web_login(client, "ccf.web", "password-123") in (302, 303)
    page = client.get("/subject-requests")
    assert page.status_code == 200 and "1 unread alert" in page.text
    assert f'href="/subject-requests/{opened["id"]}">Overdue: the access request' in page.text
    alert_id = re.search(r'action="/alerts/(\d+)/read"', page.text)
    assert alert_id
    read = client.post(
        f"/alerts/{alert_id.group(1)}/read",
        data={"csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert read.status_code in (302, 303) and read.headers["location"] == "/subject-requests"
    assert "unread alert" not in client.get("/subject-requests").text


def test_an_owner_gives_its_opinion_before_the_decision(
    client: TestClient, world: World, ccf: Commission
) -> None:
    ids = _records(client, world)
    opened = _open(client, ccf)
    by_person = {f["person_id"]: f for f in opened["findings"]}
    path = f"/api/v1/subject-requests/{opened['id']}/findings/{by_person[ids['kz']]['id']}"
    body = {"opinion": "Investigation open until 2027: do not disclose."}
    # Only the record's owner, and only someone who may act for it.
    assert (
        client.post(f"{path}/opinion", json=body, headers=auth(world, "ru.officer")).status_code
        == 404
    )
    assert (
        client.post(f"{path}/opinion", json=body, headers=auth(world, "kz.viewer")).status_code
        == 403
    )
    given = client.post(f"{path}/opinion", json=body, headers=auth(world, "kz.officer"))
    assert given.status_code == 200, given.text
    (mine,) = given.json()["findings"]
    assert mine["owner_opinion"] == body["opinion"] and mine["opinion_by"] == "kz.officer"
    seen = client.get(f"/api/v1/subject-requests/{opened['id']}", headers=ccf.key).json()
    assert {f["person_id"]: f for f in seen["findings"]}[ids["kz"]]["owner_opinion"] == body[
        "opinion"
    ]
    decided = client.post(f"{path}/decision", json={"decision": "keep"}, headers=ccf.key)
    assert decided.status_code == 200
    late = client.post(f"{path}/opinion", json=body, headers=auth(world, "kz.officer"))
    assert late.status_code == 409 and "decided" in late.json()["detail"]
