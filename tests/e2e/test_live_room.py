"""The live room as a participant sees it, on a phone and on a desktop."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_browse import serious_violations
from tests.e2e.test_live_qa import (
    DESKTOP,
    PHONE,
    SIZES,
    ask,
    join,
    log_in,
    open_ask_form,
    opened_pages,
    question_item,
    seed_room,
)

KOREAN = "성과평가 결과는 어떻게 보수에 반영되나요? 데이터 기준이 궁금합니다."


@pytest.fixture
def contexts(browser):
    yield from opened_pages(browser)


@pytest.fixture(scope="module")
def room(portal_server):
    """An open, unmoderated room with a few questions, one of them Korean."""
    seed_room(
        portal_server,
        "LIVE31",
        "Performance management in the public service",
        [
            (KOREAN, "ko"),
            ("How long did the e-Saram rollout take?", "en"),
            ("¿Quién forma a los formadores?", "es"),
        ],
    )
    return "LIVE31"


def box(locator):
    return locator.bounding_box()


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_live_list_is_on_the_first_screen(portal_server, contexts, room, lang, size):
    viewport = SIZES[size]
    page = contexts(lang, viewport)
    join(page, portal_server, lang, code=room, name="Lucía")
    first = page.locator("[data-qa-questions] .question").first
    expect(first).to_be_visible()
    # Title, state, sort bar and the first question (with its vote button) before any scrolling.
    for part in [
        page.get_by_role("heading", level=1),
        page.locator("[data-qa-status]"),
        page.locator("[data-qa-sort]").first,
        first.locator(".question__vote"),
    ]:
        assert box(part)["y"] >= 0 and box(part)["y"] + box(part)["height"] <= viewport["height"]
    assert page.evaluate("window.scrollY") == 0

    # The ask form is one tap away on a phone, and right beside the list on a desktop.
    form = page.locator("[data-qa-ask]")
    if size == "phone":
        expect(form).to_be_hidden()
        toggle = page.locator("[data-qa-sheet-toggle]")
        assert box(toggle)["y"] + box(toggle)["height"] <= viewport["height"]
        toggle.click()
    expect(form.locator("textarea")).to_be_visible()
    if size == "phone":
        expect(form.locator("textarea")).to_be_focused()
    textarea = box(form.locator("textarea"))
    assert textarea["y"] + textarea["height"] <= viewport["height"]
    # 16 px or more: phones do not zoom in when the field takes focus.
    assert (
        page.locator("#qa-question").evaluate("n => parseFloat(getComputedStyle(n).fontSize)") >= 16
    )

    # The state stays in sight while the list scrolls.
    if size == "phone":
        page.locator("[data-qa-sheet-close]").click()
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    status = box(page.locator("[data-qa-status]"))
    assert status["y"] >= 0 and status["y"] + status["height"] <= viewport["height"]


def test_korean_wraps_between_words_and_each_question_carries_its_language(
    portal_server, contexts, room
):
    page = contexts("ko-KR", PHONE)
    page.goto(f"{portal_server.url}/ko/live/{room}/")
    korean = question_item(page, KOREAN).locator(".question__text")
    expect(korean).to_have_attribute("lang", "ko")
    assert korean.evaluate("n => getComputedStyle(n).wordBreak") == "keep-all"
    expect(
        question_item(page, "How long did the e-Saram").locator(".question__text")
    ).to_have_attribute("lang", "en")
    # Each line of the Korean question ends at a word boundary.
    lines = korean.evaluate(
        """n => {
            const range = document.createRange();
            const text = n.firstChild;
            const ends = [];
            let top = null;
            for (let i = 0; i < text.length; i++) {
                range.setStart(text, i); range.setEnd(text, i + 1);
                const rect = range.getClientRects()[0];
                if (!rect) continue;
                if (top !== null && rect.top > top + 2) ends.push(text.data[i - 1]);
                top = rect.top;
            }
            return ends;
        }"""
    )
    assert lines, "the question should wrap on a phone"
    assert all(char in " ?" for char in lines), lines


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_offline_the_buttons_wait_and_say_why_then_work_again(portal_server, contexts, room, size):
    page = contexts("en-GB", SIZES[size])
    join(page, portal_server, "en", code=room, name="Rustam")
    status = page.locator("[data-qa-status]")
    expect(status).to_have_text("Live")
    vote = question_item(page, "How long did the e-Saram").locator(".question__vote")
    asked = f"What does the HR record keep? ({size})"
    open_ask_form(page).locator("textarea").fill(asked)
    send = page.locator("[data-qa-ask] button[type=submit]")

    page.context.set_offline(True)
    expect(status).to_have_text("Offline")
    expect(send).to_be_disabled()
    expect(vote).to_be_disabled()
    paused = page.locator("[data-qa-paused]")
    expect(paused).to_be_visible()
    expect(paused).to_contain_text("You are offline")
    expect(vote).to_have_attribute("aria-describedby", "qa-paused")
    # The typed question is kept.
    expect(page.locator("[data-qa-ask] textarea")).to_have_value(asked)

    page.context.set_offline(False)
    expect(status).to_have_text("Live")
    expect(paused).to_be_hidden()
    expect(vote).to_be_enabled()
    vote.click()
    expect(vote).to_have_attribute("aria-pressed", "true")
    open_ask_form(page)
    send.click()
    feedback = page.locator("[data-qa-feedback]")
    expect(feedback).to_have_text("Thank you. Your question was sent.")
    expect(question_item(page, asked)).to_be_visible()
    expect(page.locator("[data-qa-feedback].is-error")).to_have_count(0)


def test_a_closed_room_never_says_live(portal_server, contexts):
    seed_room(
        portal_server, "SHUT31", "A closed room", [("Asked before closing", "en")], is_open=False
    )
    page = contexts("en-GB", PHONE)
    join(page, portal_server, "en", code="SHUT31", name="Dilnoza")
    status = page.locator("[data-qa-status]")
    expect(status).to_have_attribute("data-state", "closed")
    expect(status).to_have_text("Room closed")
    expect(question_item(page, "Asked before closing").locator(".question__vote")).to_be_disabled()
    expect(page.locator("[data-qa-paused]")).to_have_text(
        "This room is closed. Questions and votes are paused."
    )


def test_the_author_is_told_what_the_moderator_did(portal_server, contexts):
    seed_room(portal_server, "TELL31", "Moderated room", moderated=True)
    author, moderator = contexts("en-GB", PHONE), contexts("en-GB", DESKTOP)
    join(author, portal_server, "en", code="TELL31", name="Aigerim")
    log_in(moderator, portal_server)
    moderator.goto(f"{portal_server.url}/en/live/TELL31/moderate/")
    notices = author.locator("[data-qa-notices]")

    ask(author, "how do you train new officials")
    expect(author.locator("[data-qa-feedback]")).to_have_text(
        "Thank you. Your question awaits moderation."
    )
    pending = moderator.locator("[data-qa-pending] .question", has_text="how do you train")
    pending.get_by_role("button", name="Edit and approve").click()
    pending.locator("textarea").fill("How do you train new officials?")
    pending.get_by_role("button", name="Save and approve").click()

    expect(notices).to_contain_text("Your question was published with edits by the moderator.")
    assert author.locator(".qa__notices").get_attribute("aria-live") == "polite"
    mine = question_item(author, "How do you train new officials?")
    expect(mine.locator(".badge--edited")).to_have_text("Edited by the moderator")
    expect(mine.locator(".badge--yours")).to_be_visible()

    published = moderator.locator("[data-qa-questions] .question", has_text="new officials")
    published.get_by_role("button", name="Write an answer").click()
    published.locator("textarea").fill("Through the online training platform, in six weeks.")
    published.get_by_role("button", name="Save the answer").click()
    expect(notices).to_contain_text("The moderator wrote an answer to your question.")
    expect(mine.locator(".question__answer")).to_contain_text("in six weeks")

    published.get_by_role("button", name="Mark answered").click()
    expect(notices).to_contain_text("Your question was marked as answered.")
    expect(mine.locator(".badge--answered")).to_be_visible()

    ask(author, "Off-topic question")
    moderator.locator("[data-qa-pending] .question", has_text="Off-topic").get_by_role(
        "button", name="Reject"
    ).click()
    expect(notices).to_contain_text("The moderator did not publish your question.")
    expect(author.locator("[data-qa-mine] .question", has_text="Off-topic")).to_have_count(0)
    # The newest notice comes first and the notice is on the author's screen.
    first = notices.locator(".qa__notice").first
    expect(first).to_contain_text("did not publish")
    expect(first).to_be_in_viewport()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_join_by_code_page_marks_a_wrong_code(portal_server, contexts, room, size):
    page = contexts("ko-KR", SIZES[size])
    page.goto(f"{portal_server.url}/ko/live/?code=NOPE22")
    code = page.locator("input[name=code]")
    expect(code).to_have_attribute("aria-invalid", "true")
    error = page.locator("#id_code_error")
    expect(error).to_be_visible()
    assert "id_code_error" in code.get_attribute("aria-describedby").split()
    assert code.evaluate("n => parseFloat(getComputedStyle(n).fontSize)") >= 16
    assert code.evaluate("n => getComputedStyle(n).borderTopColor") == "rgb(179, 38, 30)"
    assert serious_violations(page) == []
    code.fill(room.lower())
    page.locator(".qa--join form button[type=submit]").click()
    expect(page).to_have_url(f"{portal_server.url}/ko/live/{room}/")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_join_form_chooses_a_country_and_says_what_is_kept(portal_server, contexts, room, size):
    page = contexts("ko-KR", SIZES[size])
    page.goto(f"{portal_server.url}/ko/live/{room}/")
    toggle = page.locator("[data-qa-sheet-toggle]")
    if size == "phone":
        toggle.click()
    country = page.locator("select[name=country]")
    expect(country).to_be_visible()
    expect(country.locator("option[value=KR]")).to_have_text("대한민국")
    privacy = page.locator(".qa__privacy")
    expect(privacy).to_be_visible()
    expect(privacy).to_contain_text("90")
    assert serious_violations(page) == []

    page.locator("input[name=display_name]").fill("Nguyen Van An")
    country.select_option("VN")
    page.locator(".qa__compose button[type=submit]").click()
    expect(page.locator("[data-qa-status]")).to_have_text("실시간")
    ask(page, f"Xin chào ({size})")
    expect(question_item(page, f"Xin chào ({size})")).to_contain_text("베트남")


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("lang", ["ko", "ru"])
def test_the_live_room_has_no_serious_accessibility_violations(
    portal_server, contexts, room, lang, size
):
    page = contexts(lang, SIZES[size])
    join(page, portal_server, lang, code=room, name="Amaru")
    # Checked once the socket has rendered the room: live, with questions on screen.
    expect(page.locator("[data-qa-questions] .question").first).to_be_visible()
    expect(page.locator("[data-qa-status]")).to_have_attribute("data-state", "live")
    assert serious_violations(page) == []
    open_ask_form(page)
    assert serious_violations(page) == []
