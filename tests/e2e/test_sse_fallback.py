"""Behind a proxy or firewall that blocks WebSockets, people still take part in the live Q&A.

The browser client falls back by itself to Server-Sent Events for the room's
events and HTTP POST for questions and votes; the others in the room keep
their sockets.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_live_qa import join, open_room, question_item

NO_WEBSOCKET = "window.WebSocket = undefined;"
# Every socket fails before it opens, as behind a firewall that refuses the upgrade: the page
# sees a close (1006) and never an open. (A socket sent to another port would be stopped by
# the Content-Security-Policy instead, which is not what a firewall does.)
REFUSED_WEBSOCKET = """
(() => {
  class Refused extends EventTarget {
    constructor(url) {
      super();
      this.url = url;
      this.readyState = 0;
      setTimeout(() => {
        this.readyState = 3;
        this.dispatchEvent(new CloseEvent("close", { code: 1006, wasClean: false }));
      }, 50);
    }
    send() { throw new DOMException("Still in CONNECTING state.", "InvalidStateError"); }
    close() {}
  }
  Object.assign(Refused, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
  window.WebSocket = Refused;
})();
"""


@pytest.fixture
def contexts(browser):
    opened = []

    def new(locale, init_script=None):
        context = browser.new_context(locale=locale)
        context.set_default_timeout(15_000)
        if init_script:
            context.add_init_script(init_script)
        opened.append(context)
        return context.new_page()

    yield new
    for context in opened:
        context.close()


def ask(page, text, label="Your question", button="Send question"):
    # A participant asks once their page says it is live, as a person would.
    expect(page.locator("[data-qa-status]")).to_have_attribute("data-state", "live")
    page.get_by_label(label, exact=True).fill(text)
    page.get_by_role("button", name=button).click()


def test_without_websockets_a_participant_asks_votes_and_sees_others_live(portal_server, contexts):
    open_room(portal_server, "NOWS23", "Room without sockets")
    blocked, other = contexts("es-ES", NO_WEBSOCKET), contexts("en-GB")
    join(blocked, portal_server, "es", code="NOWS23", name="Dilnoza")
    join(other, portal_server, "en", code="NOWS23")
    expect(blocked.locator("[data-qa-status]")).to_have_text("En directo")
    expect(blocked.locator("[data-qa-mode]")).to_have_attribute("data-transport", "sse")
    expect(other.locator("[data-qa-mode]")).to_have_attribute("data-transport", "websocket")

    ask(blocked, "¿Cómo se evalúa el desempeño?", "Su pregunta", "Enviar pregunta")
    expect(blocked.locator("[data-qa-feedback]")).to_have_text(
        "Gracias. Su pregunta se ha enviado."
    )
    expect(question_item(blocked, "¿Cómo se evalúa el desempeño?")).to_be_visible()
    mine_elsewhere = question_item(other, "¿Cómo se evalúa el desempeño?")
    expect(mine_elsewhere).to_contain_text("Dilnoza")

    ask(other, "Who trains the trainers?")
    theirs = question_item(blocked, "Who trains the trainers?")
    expect(theirs).to_be_visible()
    vote = theirs.locator(".question__vote")
    vote.click()
    expect(vote).to_have_attribute("aria-pressed", "true")
    expect(vote.locator(".question__votes")).to_have_text("1")
    expect(
        question_item(other, "Who trains the trainers?").locator(".question__votes")
    ).to_have_text("1")
    expect(blocked.locator("[data-qa-feedback].is-error")).to_have_count(0)


def test_a_refused_socket_falls_back_and_catches_up_after_a_drop(portal_server, contexts):
    open_room(portal_server, "DROP23", "Room behind a firewall")
    blocked = contexts("en-GB", REFUSED_WEBSOCKET)
    other = contexts("en-GB")
    join(blocked, portal_server, "en", code="DROP23", name="Rustam")
    join(other, portal_server, "en", code="DROP23")
    status = blocked.locator("[data-qa-status]")
    expect(status).to_have_text("Live")
    expect(blocked.locator("[data-qa-mode]")).to_have_attribute("data-transport", "sse")

    ask(other, "Before the tunnel")
    expect(question_item(blocked, "Before the tunnel")).to_be_visible()

    # The train enters a tunnel; meanwhile a question is asked and upvoted.
    blocked.context.set_offline(True)
    expect(status).to_have_attribute("data-state", "offline")
    ask(other, "While in the tunnel")
    question_item(other, "While in the tunnel").locator(".question__vote").click()
    expect(question_item(other, "While in the tunnel").locator(".question__votes")).to_have_text(
        "1"
    )
    blocked.context.set_offline(False)

    expect(status).to_have_attribute("data-state", "live")
    missed = question_item(blocked, "While in the tunnel")
    expect(missed).to_be_visible()
    expect(missed.locator(".question__votes")).to_have_text("1")
    expect(question_item(blocked, "Before the tunnel")).to_have_count(1)
    expect(blocked.locator("[data-qa-mode]")).to_have_attribute("data-transport", "sse")

    ask(blocked, "Back out of the tunnel")
    expect(question_item(other, "Back out of the tunnel")).to_be_visible()
