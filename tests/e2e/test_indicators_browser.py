"""The indicator registry in the browser: Moscow files a handset's IMEI, Astana finds it by
its 14 digits (without the check digit), and a mistyped IMEI is refused with the reason."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

IMEI = "490154203237518"  # a valid IMEI: its 15th digit is the Luhn check digit of the 14


def test_file_an_imei_then_another_country_finds_it_by_14_digits(officer: Any) -> None:
    moscow = officer("moscow.officer")
    page = moscow.page
    page.goto("/indicators")
    page.get_by_role("link", name="File an indicator").click()
    page.get_by_label("Kind").select_option("imei")
    page.get_by_label("Value").fill(IMEI)
    page.get_by_label("Confidence").select_option("high")
    page.get_by_label("Description").fill("Handset used by a call-centre fraud ring")
    page.get_by_role("button", name="File the indicator").click()
    expect(page.get_by_role("status").filter(has_text=f"{IMEI} filed")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text(IMEI)
    url = page.url

    astana = officer("astana.officer")
    p = astana.page
    p.goto("/indicators")
    lookup = p.locator("#lookup")
    lookup.get_by_label("Kind").select_option("imei")
    lookup.get_by_label("Value").fill(IMEI[:14])
    lookup.get_by_role("button", name="Look up").click()
    result = p.locator("#lookup-result")
    expect(result).to_contain_text(f"Looked up as {IMEI}")
    expect(result).to_contain_text("Found")
    expect(result).to_contain_text("call-centre fraud ring")
    result.get_by_role("link", name=IMEI).click()
    assert p.url == url
    p.get_by_label("Place").fill("Almaty, Abay avenue")
    p.get_by_role("button", name="Report the sighting").click()
    expect(p.get_by_role("status").filter(has_text="Sighting reported")).to_be_visible()
    expect(p.locator("#sightings")).to_contain_text("Almaty, Abay avenue")
    astana.shot("indicator")

    # A wrong check digit: the form comes back with the reason, nothing filed.
    p.goto("/indicators/new")
    p.get_by_label("Kind").select_option("imei")
    p.get_by_label("Value").fill("490154203237519")
    p.get_by_role("button", name="File the indicator").click()
    expect(p.locator("#form-error")).to_contain_text("fails its Luhn check digit")
    expect(p.get_by_label("Value")).to_have_value("490154203237519")
