"""The Content-Security-Policy holds in a real browser: nothing on the public site is blocked."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_live_qa import ask, join

# Runs before any page script; Playwright's own scripts are not subject to the page's policy.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
        + ` at ${event.sourceFile}:${event.lineNumber}`
    );
});
"""


@pytest.fixture
def watched_page(page):
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.console_violations = console
    return page


def violations(page):
    return page.evaluate("window.__cspViolations") + page.console_violations


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_home_page_runs_under_the_policy(portal_server, watched_page, lang):
    page = watched_page
    response = page.goto(f"{portal_server.url}/{lang}/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator("main")).to_be_visible()
    page.wait_for_load_state("load")
    assert violations(page) == []


def test_live_room_runs_under_the_policy(portal_server, watched_page):
    page = watched_page
    join(page, portal_server, "en")  # waits until the socket says the room is live
    ask(page, "Does the policy let the live room work?")
    expect(page.get_by_text("Does the policy let the live room work?").first).to_be_visible()
    assert violations(page) == []
