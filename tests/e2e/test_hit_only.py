"""A record shared as hit/no-hit: the searcher learns that it exists and whom to ask, nothing
else, and can ask its owner from the result."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from concord.storage.tables import Agency, Person

pytestmark = pytest.mark.e2e


def test_hit_only_record_shows_whom_to_ask(officer: Any, server: Any) -> None:
    with server.runtime.uow() as uow:
        row = uow.session.execute(
            select(Person, Agency)
            .join(Agency, Agency.id == Person.owner_agency_id)
            .where(Person.visibility == "hit_no_hit", Agency.country_code != "kz")
            .order_by(Person.created_at)
        ).first()
    assert row is not None, "the demo seeds hit/no-hit records"
    person, agency = row
    name, birth = person.names[0]["full"], person.birth_date

    kz = officer("astana.officer")
    page = kz.page
    page.goto("/search")
    page.get_by_label("Name (any script)").fill(name)
    page.get_by_label("Birth date (optional)").fill(birth or "")
    page.get_by_role("button", name="Search").click()
    result = page.locator("li.result", has_text="A record exists").first
    expect(result).to_contain_text(f"Ask {agency.name}")
    # Neither the name nor the birth date of the record is shown.
    expect(result).not_to_contain_text(name)
    kz.shot("search-hit-only")
    page.goto(f"/persons/{person.id}")
    expect(page.locator("#main")).to_contain_text(f"Ask {agency.name}")
    expect(page.locator("#main")).not_to_contain_text(name)
    page.go_back()
    result = page.locator("li.result", has_text="A record exists").first
    result.get_by_role("link", name=f"Ask {agency.name}").click()
    expect(page.get_by_label("To")).to_have_value(str(agency.id))
    expect(page.get_by_text("follows up the hit")).to_be_visible()
