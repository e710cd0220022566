"""Drafting a notice with its subject filed inline, sending it, and General Secretariat review."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_draft_submit_and_publish_a_red_notice(officer: Any) -> None:
    kz = officer("astana.supervisor")
    page = kz.page
    page.goto("/notices/new")
    page.get_by_label("Kind").select_option("red")
    page.get_by_label("Title").fill("Fraud on a large scale — Сейткали Нурлан")
    page.get_by_label("Offence").fill("Fraud on a large scale")
    page.get_by_label("Legal basis").fill("Criminal Code of Kazakhstan, art. 190(4)")
    page.get_by_label("Warrant or court decision").fill("W-4711/2026")
    page.get_by_label("Person's status").select_option("accused")
    page.get_by_label("Maximum penalty").fill("120")
    page.get_by_label("Names").fill("Сейткали Нурлан\nSeitkali Nurlan")
    page.get_by_label("Birth date (YYYY-MM-DD or YYYY)").fill("1979-04-12")
    page.get_by_label("Nationality (country codes)").fill("kz")
    kz.shot("notice-form")
    page.get_by_role("button", name="Save draft").click()

    expect(page.get_by_role("status").filter(has_text="saved")).to_be_visible()
    expect(page.get_by_role("link", name="Сейткали Нурлан")).to_be_visible()
    expect(page.locator(".status-draft")).to_be_visible()
    reference = page.locator("h1").inner_text().split()[1]
    page.get_by_role("button", name="Submit to General Secretariat").click()
    expect(page.get_by_text("sent to the General Secretariat for review")).to_be_visible()
    expect(page.locator(".status-under_review").first).to_be_visible()
    kz.shot("notice")

    gs = officer("gs.reviewer")
    gpage = gs.page
    gpage.goto("/review")
    card = gpage.locator("article", has_text=reference)
    expect(card).to_be_visible()
    card.scroll_into_view_if_needed()
    gs.shot("review-queue")
    # Refusing without a reason is refused, with the reason why.
    card.get_by_role("button", name="Refuse").click()
    expect(gpage.get_by_text("Give the reason for refusing or returning")).to_be_visible()
    gpage.goto("/review")
    card = gpage.locator("article", has_text=reference)
    card.get_by_role("button", name="Publish").click()
    expect(gpage.get_by_text(f"{reference} published.")).to_be_visible()
    expect(gpage.locator("article", has_text=reference)).to_have_count(0)

    page.goto("/notices?status=published")
    expect(page.get_by_role("link", name=reference)).to_be_visible()
    kz.shot("notices")


def test_forms_without_the_session_token_are_refused(officer: Any) -> None:
    kz = officer("astana.officer")
    page = kz.page
    page.goto("/notices/new")
    page.locator("#main input[name=csrf_token]").evaluate("el => el.value = 'forged'")
    page.get_by_label("Title").fill("Forged")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", name="Not allowed")).to_be_visible()
    expect(page.get_by_text("did not come from this site")).to_be_visible()


def test_edit_a_draft_then_neutrality_hold_and_refusal(officer: Any) -> None:
    kz = officer("astana.supervisor")
    page = kz.page
    page.goto("/notices/new")
    page.get_by_label("Kind").select_option("blue")
    page.get_by_label("Title").fill("Whereabouts of a blogger")
    page.get_by_label("Names").fill("Ахметов Ерлан\nAkhmetov Yerlan")
    page.get_by_label("Birth date (YYYY-MM-DD or YYYY)").fill("1988")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status").filter(has_text="saved")).to_be_visible()

    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Offence").fill("Insulting the President of the Republic")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Insulting the President of the Republic")).to_be_visible()
    reference = page.locator("h1").inner_text().split()[1]
    page.get_by_role("button", name="Submit to General Secretariat").click()
    expect(page.get_by_role("status")).to_contain_text("neutrality check found concerns")
    expect(page.get_by_role("region", name="Neutrality check")).to_contain_text("head of state")

    gs = officer("gs.reviewer")
    gpage = gs.page
    gpage.goto("/review")
    card = gpage.locator("article", has_text=reference)
    expect(card.get_by_role("region", name="Neutrality check")).to_contain_text("Political")
    card.scroll_into_view_if_needed()
    gs.shot("review-neutrality")
    card.get_by_label("Reason").fill(
        "Article 3: a political offence; the notice cannot be published."
    )
    card.get_by_role("button", name="Refuse").click()
    expect(gpage.get_by_role("status")).to_contain_text(f"{reference} refused")

    page.reload()
    expect(page.locator(".status-refused")).to_be_visible()
    expect(page.get_by_text("Article 3: a political offence")).to_be_visible()
