"""The auditor lands on the audit log, finds an officer's searches, and proves the chain."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_auditor_reads_the_log_and_verifies_the_chain(officer: Any) -> None:
    kz = officer("astana.officer")
    kz.page.goto("/search?name=Ivan+Petrov")
    expect(kz.page.get_by_role("heading", level=2)).to_contain_text("for “Ivan Petrov”")

    auditor = officer("gs.auditor")
    page = auditor.page
    expect(page).to_have_url(auditor.server.url + "/audit")
    # The auditor reads the log and nothing else: no police data in the menu.
    expect(page.get_by_role("navigation", name="Main")).to_have_text("Audit log")
    page.get_by_label("User").fill("astana.officer")
    page.get_by_label("Action").fill("person.match")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("tbody")).to_contain_text("Ivan Petrov")
    auditor.shot("audit")
    page.get_by_role("button", name="Verify the whole chain").click()
    expect(page.get_by_role("status")).to_contain_text("is intact")

    admin = officer("gs.admin")
    expect(admin.page.get_by_role("heading", level=1)).to_have_text("Welcome, gs.admin")
