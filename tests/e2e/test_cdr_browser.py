"""Call record analysis in the browser: Astana uploads a day of call records, watches the
job reach done, finds the SIM bank's SIMs among the flags, publishes them and looks one up
in the indicator registry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from e2e.test_accessibility import PROBLEMS_JS
from factories.cdr import network_csv

pytestmark = pytest.mark.e2e


def test_upload_watch_publish_and_find_a_flagged_sim(officer: Any, tmp_path: Path) -> None:
    calls, truth = network_csv(tmp_path)
    imsi = sorted(truth["bank_imsis"])[0]
    astana = officer("astana.officer")
    page = astana.page
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Call records").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Call record analysis")
    assert page.evaluate(PROBLEMS_JS) == []

    page.get_by_label("Call record file").set_input_files(str(calls))
    page.get_by_role("button", name="Start the analysis").click()
    expect(page.get_by_role("status").filter(has_text="cdrs.csv received")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Analysis of cdrs.csv")

    # The page follows the worker (htmx polling, or a plain refresh without it) until done.
    progress = page.locator("#job-progress")
    expect(progress).to_have_attribute("value", "5", timeout=30_000)
    expect(page.locator("#job-stage")).to_contain_text("100% · step 5 of 5")
    expect(page.locator("#job-stage")).to_contain_text("6 SIMs and 2 devices flagged")
    sims = page.locator("#flagged-sims")
    expect(page.get_by_role("heading", name="Flagged SIMs (6)")).to_be_visible()
    row = sims.locator("tr", has_text=imsi)
    expect(row).to_contain_text("distinct numbers")  # a reason, in words
    expect(page.locator("#flagged-devices")).to_contain_text(truth["bank_imeis"][0])
    assert page.evaluate(PROBLEMS_JS) == []
    astana.shot("cdr-analysis")

    page.get_by_role("button", name="Publish as indicators").click()
    expect(
        page.get_by_role("status").filter(has_text="Published as indicators: 14 new")
    ).to_be_visible()
    expect(page.locator("#published")).to_contain_text("14 new, 0 already known")
    page.get_by_role("link", name="See them among the indicators").click()

    lookup = page.locator("#lookup")
    lookup.get_by_label("Kind").select_option("imsi")
    lookup.get_by_label("Value").fill(imsi)
    lookup.get_by_role("button", name="Look up").click()
    result = page.locator("#lookup-result")
    expect(result).to_contain_text("Found")
    expect(result).to_contain_text("Flagged by call detail record analysis")

    # The analysis is listed on the Call records page and among the background jobs.
    page.goto("/cdr")
    expect(page.locator("#analyses")).to_contain_text("cdrs.csv")
    page.goto("/jobs")
    expect(page.locator("#jobs").get_by_role("link", name="Call records: cdrs.csv")).to_be_visible()
