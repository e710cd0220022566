"""A joint operation in the browser: the General Secretariat starts it, two countries report,
everyone sees the totals; and an asset recovery case's ownership graph drawn as SVG."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_start_an_operation_report_as_two_countries_and_see_the_totals(officer: Any) -> None:
    gs = officer("gs.reviewer")
    page = gs.page
    page.goto("/operations")
    page.get_by_role("link", name="Start an operation").click()
    page.get_by_label("Name").fill("Operation Steppe Falcon")
    page.get_by_label("Crime area").select_option("wildlife")
    page.get_by_label("Participating countries").fill("kz, ru")
    page.get_by_label("Start date").fill("2026-03-01")
    page.get_by_label("End date").fill("2026-03-31")
    page.get_by_label("Target indicators").fill("phone:+77011234567")
    page.get_by_role("button", name="Start the operation").click()
    expect(page.get_by_text("Operation Steppe Falcon started.")).to_be_visible()
    url = page.url
    expect(page.locator("#totals")).to_contain_text("0 of 2 countries have reported")

    reports = {
        "astana.officer": ("12", "3", "1", "saker falcons; 14; head\nivory; 0.5; t"),
        "moscow.officer": ("7", "0", "2", "ivory; 250; kg"),
    }
    for username, (arrests, victims, notices, seizures) in reports.items():
        session = officer(username)
        p = session.page
        p.goto(url)
        p.get_by_label("Arrests").fill(arrests)
        p.get_by_label("Victims rescued").fill(victims)
        p.get_by_label("New notices").fill(notices)
        p.get_by_label("Seizures").fill(seizures)
        p.get_by_role("button", name="Report results").click()
        expect(p.get_by_role("status").filter(has_text="recorded")).to_be_visible()

    # The second reporter sees both countries' rows and the totals (participants' default).
    expect(p.locator("#country-results tbody tr")).to_have_count(2)
    page.goto(url)
    totals = page.locator("#totals")
    expect(totals).to_contain_text("2 of 2 countries have reported")
    expect(totals.locator('[data-total="arrests"]')).to_have_text("19")
    expect(totals.locator('[data-total="victims_rescued"]')).to_have_text("3")
    expect(totals.locator('[data-total="new_notices"]')).to_have_text("3")
    expect(totals).to_contain_text("ivory: 750 kg")
    expect(totals).to_contain_text("saker falcons: 14 head")
    gs.shot("operation")

    # A country outside the operation does not find it.
    outsider = officer("ankara.officer")
    response = outsider.page.goto(url)
    assert response is not None and response.status == 404


def test_the_ownership_graph_of_a_case_is_drawn(officer: Any) -> None:
    kz = officer("prosecutor.officer")
    page = kz.page
    page.goto("/assets")
    # The demo case whose owners came in as an FtM structure (Kazakhstan -> UAE).
    page.locator("tr", has_text="proceeds in the UAE").get_by_role("link").click()
    nodes = page.locator("svg g.node")
    expect(nodes.first).to_be_visible()
    assert nodes.count() >= 6
    expect(page.locator("svg g.node[data-schema='BankAccount']")).to_have_count(1)
    expect(page.locator("svg g.edge").first).to_be_attached()
    expect(page.locator("svg g.node", has_text="Caspian Trade Holdings")).to_be_visible()
    kz.shot("asset-case")
