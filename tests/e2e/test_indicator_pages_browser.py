"""The indicator pages in a real browser: Astana files a handset and edits it, Moscow screens
a list (one known, one unknown, one mistyped value) and downloads the FtM and MISP exports,
Moscow may not edit Astana's indicator, and Astana withdraws it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from .test_accessibility import PROBLEMS_JS

pytestmark = pytest.mark.e2e

IMEI = "356938035643809"  # 14 digits and their Luhn check digit 9
MISTYPED = "356938035643808"
UNKNOWN_PHONE = "+7 701 555 0101"


def _download(page: Any, link_name: str) -> str:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    return Path(info.value.path()).read_text(encoding="utf-8")


def test_edit_screen_export_and_withdraw_an_indicator(officer: Any) -> None:
    astana = officer("astana.officer")
    page = astana.page
    page.goto("/indicators/new")
    page.get_by_label("Kind").select_option("imei")
    page.get_by_label("Value").fill(IMEI)
    page.get_by_label("Description").fill("Handset in a SIM bank")
    page.get_by_role("button", name="File the indicator").click()
    expect(page.get_by_role("status").filter(has_text=f"{IMEI} filed")).to_be_visible()
    detail_url = page.url

    # Edit: a grade, a wider description, tags and a case reference.
    page.get_by_role("link", name="Edit the indicator").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(IMEI)
    assert page.evaluate(PROBLEMS_JS) == []
    page.get_by_label("Confidence").select_option("high")
    page.get_by_label("Description").fill("Handset in a SIM bank seized in Almaty")
    page.get_by_label("Tags").fill("sim-bank, almaty")
    page.get_by_label("Case or operation reference").fill("OP-STEPPE-7")
    page.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_role("status").filter(has_text="saved")).to_be_visible()
    assert page.url == detail_url
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("High (0.90)")
    expect(facts).to_contain_text("sim-bank, almaty")
    expect(facts).to_contain_text("OP-STEPPE-7")
    expect(page.get_by_text("Handset in a SIM bank seized in Almaty")).to_be_visible()
    astana.shot("indicator-edited")

    # Moscow screens a list: one known (by its 14 digits), one unknown, one mistyped.
    moscow = officer("moscow.officer")
    p = moscow.page
    p.goto("/indicators")
    p.get_by_role("link", name="Look up a list").click()
    p.get_by_role("button", name="Look up the list").click()  # nothing given: said so in place
    expect(p.locator("#form-error")).to_have_text("Paste at least one value, or choose a CSV file.")
    p.get_by_label("Values, one a line").fill(
        f"imei,{IMEI[:14]}\nphone,{UNKNOWN_PHONE}\nimei,{MISTYPED}"
    )
    p.get_by_role("button", name="Look up the list").click()
    expect(p.locator("#bulk-summary")).to_have_text("3 values: 1 found, 1 not found, 1 not valid.")
    rows = p.locator("#bulk-results tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text(IMEI)  # the key it was looked up as
    expect(rows.nth(0)).to_contain_text("Found")
    expect(rows.nth(0)).to_contain_text("NCB Astana")
    expect(rows.nth(1)).to_contain_text("+77015550101")
    expect(rows.nth(1)).to_contain_text("Not found")
    expect(rows.nth(2)).to_contain_text("fails its Luhn check digit (expected 9, got 8)")
    # The list stays in the box to be corrected.
    expect(p.get_by_label("Values, one a line")).to_have_value(
        f"imei,{IMEI[:14]}\nphone,{UNKNOWN_PHONE}\nimei,{MISTYPED}"
    )
    assert p.evaluate(PROBLEMS_JS) == []
    p.locator("#bulk-result").scroll_into_view_if_needed()
    moscow.shot("indicator-bulk-lookup")
    rows.nth(0).get_by_role("link", name="Full record").click()
    assert p.url == detail_url
    # Another agency's indicator: no edit, no withdraw, and the edit page is refused.
    expect(p.get_by_role("link", name="Edit the indicator")).to_have_count(0)
    expect(p.get_by_text("Withdraw this indicator")).to_have_count(0)
    p.goto(detail_url + "/edit")
    expect(p.get_by_role("heading", level=1)).to_have_text("Not allowed")
    expect(p.get_by_role("alert")).to_contain_text("Only the agency that owns an indicator")

    # Downloads of the IMEIs Moscow may see, in both formats.
    p.goto("/indicators")
    p.locator("#f-kind").select_option("imei")
    p.get_by_role("button", name="Filter").click()
    ftm = [json.loads(line) for line in _download(p, "FollowTheMoney (JSON lines)").splitlines()]
    assert {e["schema"] for e in ftm} == {"Note"}  # FtM has no handset schema
    mine = [e for e in ftm if e["properties"]["name"] == [IMEI]]
    assert len(mine) == 1
    assert "Handset in a SIM bank seized in Almaty" in mine[0]["properties"]["description"][0]
    event = json.loads(_download(p, "MISP event (JSON)"))["Event"]
    attribute = next(a for a in event["Attribute"] if a["value"] == IMEI)
    assert attribute["to_ids"] is True  # high confidence
    assert {"name": 'concord:kind="imei"'} in attribute["Tag"]

    # Astana withdraws it: a disclosure, a reason, a clear button.
    page.goto(detail_url)
    page.get_by_text("Withdraw this indicator…").click()
    page.get_by_label("Reason").fill("Handset returned to its lawful owner")
    page.get_by_role("button", name="Withdraw the indicator").click()
    expect(page.get_by_role("status").filter(has_text="withdrawn")).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text("Withdrawn")
    expect(page.get_by_role("button", name="Withdraw the indicator")).to_have_count(0)
    assert page.evaluate(PROBLEMS_JS) == []

    # The same list again: the handset is no longer found.
    p.goto("/indicators/bulk")
    p.get_by_label("Kind of every line").select_option("imei")
    p.get_by_label("Values, one a line").fill(IMEI)
    p.get_by_role("button", name="Look up the list").click()
    expect(p.locator("#bulk-summary")).to_have_text("1 value: 0 found, 1 not found, 0 not valid.")


def test_a_mixed_case_ethereum_address_with_a_wrong_case_is_refused(officer: Any) -> None:
    page = officer("astana.officer").page
    page.goto("/indicators/new")
    page.get_by_label("Kind").select_option("eth_wallet")
    # The EIP-55 test vector 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359 with its first B lowered.
    page.get_by_label("Value").fill("0xfb6916095ca1df60bB79Ce92cE3Ea74c37c5d359")
    page.get_by_role("button", name="File the indicator").click()
    expect(page.locator("#form-error")).to_contain_text("fails its EIP-55 checksum")
    expect(page.locator("#form-error")).to_contain_text("character 2 ('b') should be 'B'")
    page.get_by_label("Value").fill("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")
    page.get_by_role("button", name="File the indicator").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359"
    )
