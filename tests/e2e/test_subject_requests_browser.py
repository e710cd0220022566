"""The files commission registers a deletion request for Kim Jong-young and finds NCB Moscow's
Cyrillic record; Moscow, told by an alert, gives its opinion; the commission weighs it, keeps
the record and closes the request."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from e2e.test_accessibility import PROBLEMS_JS

pytestmark = pytest.mark.e2e


def test_the_commission_examines_a_request_and_the_owner_answers(officer: Any) -> None:
    ccf = officer("ccf.member")
    page = ccf.page
    expect(page).to_have_url(ccf.server.url + "/subject-requests")
    # The commission reads police data only through its requests: no search in its menu.
    expect(page.get_by_role("navigation", name="Main")).to_have_text("Data subjects")
    assert page.evaluate(PROBLEMS_JS) == []
    page.get_by_role("link", name="Register a request").click()
    assert page.evaluate(PROBLEMS_JS) == []
    page.get_by_label("Kind").select_option("deletion")
    page.get_by_label("Applicant's file reference").fill("CCF/2026/0042")
    page.get_by_label("The applicant's names").fill("Kim Jong-young")
    page.get_by_label("Birth date").fill("1961-10-30")
    page.get_by_label("Grounds").fill("The applicant contests the red notice.")
    page.get_by_role("button", name="Register and find the records").click()
    expect(page.get_by_role("status").filter(has_text="Request registered")).to_be_visible()
    record = page.get_by_role("region", name="Record 1")
    expect(record).to_contain_text("Ким Чен Ян")
    expect(record).to_contain_text("NCB Moscow")
    assert page.evaluate(PROBLEMS_JS) == []
    ccf.shot("subject-request")

    moscow = officer("moscow.officer")
    mpage = moscow.page
    mpage.goto("/hits")
    alerts = mpage.locator("details.alerts")
    if alerts.get_attribute("open") is None:  # folded when there are many
        alerts.locator("summary").click()
    mpage.get_by_role("link", name="The files commission examines a deletion request").click()
    expect(mpage.get_by_role("heading", level=1)).to_contain_text("CCF/2026/0042")
    mine = mpage.get_by_role("region", name="Record 1")
    expect(mine).to_contain_text("Ким Чен Ян")
    assert mpage.evaluate(PROBLEMS_JS) == []
    mine.get_by_label("Your opinion for the commission").fill(
        "The red notice is valid: the warrant of 2019 stands."
    )
    mine.get_by_role("button", name="Send to the commission").click()
    expect(mpage.get_by_role("status").filter(has_text="opinion is with")).to_be_visible()

    page.reload()
    expect(page.get_by_role("region", name="Record 1")).to_contain_text("the warrant of 2019")
    # Closing waits for a decision on every record.
    page.get_by_label("Answer to the applicant").fill("No data to delete.")
    page.get_by_role("button", name="Close the request").click()
    expect(page.get_by_role("alert")).to_contain_text("still need")
    # The error page leads where this user works, not to a search it may not use.
    error = page.locator("section.error")
    expect(error.get_by_role("link", name="Data subjects' requests")).to_be_visible()
    expect(error.get_by_role("link", name="Back to search")).to_have_count(0)
    page.get_by_role("link", name="Back to the form").click()
    record = page.get_by_role("region", name="Record 1")
    record.get_by_label("Decision").select_option("keep")
    record.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("status").filter(has_text="Decision recorded")).to_be_visible()
    expect(page.get_by_role("region", name="Record 1")).to_contain_text("Keep")
    page.get_by_label("Answer to the applicant").fill(
        "The data is kept: the notice meets the rules."
    )
    page.get_by_role("button", name="Close the request").click()
    expect(page.get_by_role("status").filter(has_text="Request closed")).to_be_visible()
    expect(page.locator(".facts").first).to_contain_text("the notice meets the rules")
