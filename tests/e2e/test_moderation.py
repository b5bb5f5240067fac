"""A moderator's page: nothing typed is lost, nothing destructive happens by one stray click."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_browse import serious_violations
from tests.e2e.test_live_qa import (
    PHONE,
    SIZES,
    ask,
    join,
    log_in,
    opened_pages,
    question_item,
    seed_room,
)


@pytest.fixture
def contexts(browser):
    yield from opened_pages(browser)


EDIT = "How does the ministry evaluate, in detail, the trainers of new officials?"


def moderation_page(page, server, code):
    log_in(page, server)
    page.goto(f"{server.url}/en/live/{code}/moderate/")
    expect(page.locator("[data-qa-status]")).to_have_attribute("data-state", "live")
    return page


def pending_item(page, text):
    return page.locator("[data-qa-pending] .question", has_text=text)


def published_item(page, text):
    return page.locator("[data-qa-questions] .question", has_text=text)


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_an_unsent_edit_survives_what_arrives_meanwhile(portal_server, contexts, size):
    code = f"EDIT{size[:2].upper()}"
    seed_room(portal_server, code, "Edits", [("how are trainers evaluated", "en")], moderated=True)
    moderator = moderation_page(contexts("en-GB", SIZES[size]), portal_server, code)
    asker = contexts("en-GB", PHONE)
    join(asker, portal_server, "en", code=code, name="Tupac")

    item = pending_item(moderator, "how are trainers evaluated")
    item.get_by_role("button", name="Edit and approve").click()
    editor = item.locator("textarea")
    expect(editor).to_be_focused()
    editor.fill(EDIT)
    editor.press("Home")  # the caret somewhere in the middle of the work

    # A question arrives while the moderator is typing...
    ask(asker, "What does the HR record keep?")
    expect(pending_item(moderator, "What does the HR record keep?")).to_be_visible()
    expect(editor).to_have_value(EDIT)
    expect(editor).to_be_focused()

    # ...and another while the text box is not focused.
    moderator.get_by_role("heading", level=1).click()
    ask(asker, "Is payroll part of e-Saram?")
    expect(pending_item(moderator, "Is payroll part of e-Saram?")).to_be_visible()
    expect(editor).to_have_value(EDIT)

    item.get_by_role("button", name="Save and approve").click()
    expect(published_item(moderator, EDIT)).to_be_visible()
    expect(question_item(asker, EDIT).locator(".badge--edited")).to_be_visible()


def test_closing_the_room_asks_first(portal_server, contexts):
    seed_room(portal_server, "SHUT41", "Closing", [("Before closing", "en")])
    moderator = moderation_page(contexts("en-GB"), portal_server, "SHUT41")
    participant = contexts("en-GB", PHONE)
    join(participant, portal_server, "en", code="SHUT41", name="Aigerim")
    close = moderator.locator("[data-qa-room='room.close']")
    dialog = moderator.get_by_role("dialog", name="Close the room?")

    close.click()
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Keep it open").click()
    expect(dialog).to_be_hidden()
    expect(participant.locator("[data-qa-status]")).to_have_text("Live")
    expect(moderator.locator("[data-qa-status]")).to_have_text("Live")

    close.click()
    dialog.get_by_role("button", name="Close the room").click()
    expect(moderator.locator("[data-qa-status]")).to_have_text("Room closed")
    expect(participant.locator("[data-qa-status]")).to_have_text("Room closed")
    expect(question_item(participant, "Before closing").locator(".question__vote")).to_be_disabled()
    moderator.get_by_role("button", name="Open the room").click()
    expect(participant.locator("[data-qa-status]")).to_have_text("Live")


def test_answer_archive_and_reject_can_be_undone_and_restored(portal_server, contexts):
    seed_room(
        portal_server,
        "UNDO41",
        "Undo",
        [("Published one", "en"), ("Published two", "en")],
    )
    moderator = moderation_page(contexts("en-GB"), portal_server, "UNDO41")
    notices = moderator.locator("[data-qa-notices]")

    one = published_item(moderator, "Published one")
    one.get_by_role("button", name="Mark answered").click()
    expect(one.locator(".badge--answered")).to_be_visible()
    notices.locator(".qa__notice", has_text="Marked as answered.").get_by_role(
        "button", name="Undo"
    ).click()
    expect(one.locator(".badge--answered")).to_have_count(0)
    expect(one.get_by_role("button", name="Mark answered")).to_be_visible()

    published_item(moderator, "Published two").get_by_role("button", name="Archive").click()
    expect(published_item(moderator, "Published two")).to_have_count(0)
    notices.locator(".qa__notice", has_text="Question archived.").get_by_role(
        "button", name="Undo"
    ).click()
    expect(published_item(moderator, "Published two")).to_be_visible()

    # Rejected from moderation, then restored from the "Removed" list.
    participant = contexts("en-GB", PHONE)
    moderator_room = "UNDO42"
    seed_room(portal_server, moderator_room, "Undo moderated", moderated=True)
    moderator.goto(f"{portal_server.url}/en/live/{moderator_room}/moderate/")
    join(participant, portal_server, "en", code=moderator_room, name="Lucía")
    ask(participant, "Please reconsider me")
    pending_item(moderator, "Please reconsider me").get_by_role("button", name="Reject").click()
    expect(pending_item(moderator, "Please reconsider me")).to_have_count(0)
    removed = moderator.locator("details.qa__removed")
    removed.locator("summary").click()
    gone = removed.locator(".question", has_text="Please reconsider me")
    expect(gone.locator(".badge--removed")).to_have_text("Rejected")
    gone.get_by_role("button", name="Restore").click()
    expect(pending_item(moderator, "Please reconsider me")).to_be_visible()
    expect(gone).to_have_count(0)
    # The author sees it awaiting moderation again.
    expect(participant.locator("[data-qa-mine] .question", has_text="reconsider")).to_be_visible()


def test_one_question_is_featured_on_screen_at_a_time(portal_server, contexts):
    seed_room(portal_server, "STAR41", "Featured", [("First star", "en"), ("Second star", "en")])
    moderator = moderation_page(contexts("en-GB"), portal_server, "STAR41")
    presenter = contexts("en-GB", {"width": 1920, "height": 1080})
    log_in(presenter, portal_server)
    presenter.goto(f"{portal_server.url}/en/live/STAR41/present/")
    featured = presenter.locator("[data-qa-featured] .question")

    first = published_item(moderator, "First star").get_by_role("button", name="Feature on screen")
    second = published_item(moderator, "Second star").get_by_role(
        "button", name="Feature on screen"
    )
    expect(first).to_have_attribute("aria-pressed", "false")
    first.click()
    expect(first).to_have_attribute("aria-pressed", "true")
    expect(featured).to_contain_text("First star")
    second.click()
    expect(second).to_have_attribute("aria-pressed", "true")
    expect(first).to_have_attribute("aria-pressed", "false")
    expect(
        moderator.locator("[data-qa-questions] [aria-pressed=true].button--toggle")
    ).to_have_count(1)
    expect(featured).to_have_count(1)
    expect(featured).to_contain_text("Second star")
    # The on state is visible, not only announced.
    assert first.evaluate("n => getComputedStyle(n).backgroundColor") != second.evaluate(
        "n => getComputedStyle(n).backgroundColor"
    )
    second.click()
    expect(second).to_have_attribute("aria-pressed", "false")
    expect(presenter.locator("[data-qa-featured-section]")).to_be_hidden()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_destructive_buttons_look_different_from_approve(portal_server, contexts, size):
    code = f"LOOK4{size[0].upper()}"
    seed_room(
        portal_server,
        code,
        "Looks",
        [("Budget question", "en"), ("Payroll question", "en")],
        moderated=True,
    )
    page = moderation_page(contexts("en-GB", SIZES[size]), portal_server, code)
    pending_item(page, "Payroll question").get_by_role("button", name="Approve", exact=True).click()
    approve = pending_item(page, "Budget question").get_by_role(
        "button", name="Approve", exact=True
    )
    reject = pending_item(page, "Budget question").get_by_role("button", name="Reject")
    archive = published_item(page, "Payroll question").get_by_role("button", name="Archive")
    close = page.locator("[data-qa-room='room.close']")

    def look(button):
        return button.evaluate(
            "n => [getComputedStyle(n).backgroundColor, getComputedStyle(n).color]"
        )

    for danger in (reject, archive, close):
        expect(danger).to_be_visible()
        assert look(danger) != look(approve)
        assert look(danger) == look(reject)
    assert serious_violations(page) == []


def test_a_moderator_writes_edits_and_removes_an_answer(portal_server, contexts):
    seed_room(portal_server, "REPL41", "Answers", [("Can we visit the ministry?", "en")])
    moderator = moderation_page(contexts("en-GB"), portal_server, "REPL41")
    watcher = contexts("ko-KR", PHONE)
    watcher.goto(f"{portal_server.url}/ko/live/REPL41/")
    item = published_item(moderator, "Can we visit the ministry?")

    item.get_by_role("button", name="Write an answer").click()
    item.get_by_label("Answer shown under the question").fill("Yes: write to the cooperation desk.")
    item.get_by_role("button", name="Save the answer").click()
    seen = question_item(watcher, "Can we visit the ministry?").locator(".question__answer")
    expect(seen).to_contain_text("Yes: write to the cooperation desk.")

    item.get_by_role("button", name="Edit the answer").click()
    editor = item.get_by_label("Answer shown under the question")
    expect(editor).to_have_value("Yes: write to the cooperation desk.")
    editor.fill("Yes: write to the cooperation desk a month ahead.")
    item.get_by_role("button", name="Save the answer").click()
    expect(seen).to_contain_text("a month ahead")

    item.get_by_role("button", name="Edit the answer").click()
    item.get_by_role("button", name="Remove the answer").click()
    expect(seen).to_have_count(0)
    expect(item.get_by_role("button", name="Write an answer")).to_be_visible()
