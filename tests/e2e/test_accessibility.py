"""Every page is usable with assistive technology: a language, one main landmark and one h1,
a label for every field, and names for every button and link. The login page shows a wrong
password as an error, not a crash."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from concord.services.demo import DEMO_PASSWORD
from concord.web.ui import HTMX

pytestmark = pytest.mark.e2e

# Fields without a label, buttons and links without an accessible name, and landmarks.
PROBLEMS_JS = """() => {
  const problems = [];
  if (!document.documentElement.lang) problems.push('html has no lang');
  if (document.querySelectorAll('main').length !== 1) problems.push('not exactly one main');
  if (document.querySelectorAll('h1').length !== 1) problems.push('not exactly one h1');
  for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
    if (!(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
      problems.push('unlabelled ' + el.outerHTML.slice(0, 80));
  }
  for (const el of document.querySelectorAll('button, a[href]')) {
    if (!(el.textContent || el.getAttribute('aria-label') || '').trim())
      problems.push('nameless ' + el.outerHTML.slice(0, 80));
  }
  return problems;
}"""


def test_login_page_and_wrong_password(browser: Any, server: Any, screenshot: Any) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=server.url)
    page = context.new_page()
    page.goto("/notices")  # not logged in: sent to the login page, and back afterwards
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    assert page.evaluate(PROBLEMS_JS) == []
    page.get_by_label("Username").fill("astana.officer")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("Wrong username or password")
    screenshot(page, "login")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Notices and diffusions")).to_be_visible()
    context.close()


def test_pages_have_labels_landmarks_and_names(officer: Any, server: Any) -> None:
    kz = officer("astana.supervisor")
    page = kz.page
    pages = [
        "/search?name=Kim+Jong-young&birth_date=1961-10-30",
        f"/persons/{server.data.kim_id}",
        "/notices",
        "/notices/new",
        "/hits",
        "/hits?box=sent",
        "/requests",
        f"/requests/new?person_id={server.data.kim_id}",
        "/statistics",
        "/jobs",
    ]
    for path in pages:
        page.goto(path)
        assert page.evaluate(PROBLEMS_JS) == [], path
    page.goto("/notices")
    page.locator("tbody a").first.click()
    page.wait_for_url("**/notices/*")
    expect(page.locator("dl.facts")).to_be_visible()
    assert page.evaluate(PROBLEMS_JS) == [], page.url
    if HTMX.is_file():  # served from the git-ignored copy scripts/fetch-htmx.sh makes
        assert page.evaluate("typeof window.htmx") == "object"
    gs = officer("gs.reviewer")
    gs.page.goto("/review")
    assert gs.page.evaluate(PROBLEMS_JS) == []
    # A browser that asks for a page that does not exist gets a page, not JSON.
    response = kz.page.goto("/nowhere")
    assert response is not None
    assert response.status == 404
    expect(kz.page.get_by_role("alert")).to_contain_text("There is no page at /nowhere")
