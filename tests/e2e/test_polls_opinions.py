"""Polls, the opinion board, reactions and questions across languages, in real browsers."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_browse import serious_violations
from tests.e2e.test_live_qa import DESKTOP, PHONE, SIZES, join, log_in, opened_pages

SPANISH = "¿Cómo se calcula la evaluación del desempeño de los funcionarios públicos?"
KOREAN_TRANSLATION = "공무원의 성과평가는 어떻게 계산하나요?"
ENGLISH = "How long did the e-Saram rollout take in the ministries?"
KOREAN = "교육 훈련 플랫폼은 누가 운영하나요? 민간 위탁인가요?"

SEED = """
from django.contrib.auth import get_user_model
from qa import opinions, polls, services
from qa.models import Room
admin = get_user_model().objects.get(username="admin")
room, _ = Room.objects.get_or_create(code={code!r}, defaults={{"title": "Civil service HR"}})
Room.objects.filter(pk=room.pk).update(
    moderated=False, opinions_moderated=True, reactions=["thanks", "clap"]
)
for index, (text, language, translations) in enumerate({questions!r}):
    asker = services.join_room(
        room, display_name="Delegate %d" % index, organisation="Civil Service Hub", country="PE"
    )
    question = services.ask_question(room.pk, asker.pk, text, False, language)
    for target, translation in translations.items():
        services.translate_question(room.pk, admin, question.pk, target, translation)
poll = polls.create_poll(
    room.pk,
    admin,
    {{"en": "Which system would you adopt first?", "es": "¿Qué sistema adoptaría primero?",
      "ko": "어떤 시스템을 먼저 도입하시겠습니까?"}},
    [
        {{"en": "HR records", "es": "Registros de personal", "ko": "인사 기록"}},
        {{"en": "Payroll", "es": "Nómina", "ko": "보수"}},
        {{"en": "Training platform", "es": "Plataforma de formación", "ko": "교육 플랫폼"}},
    ],
)
polls.open_poll(room.pk, admin, poll.pk)
from django.contrib.auth.models import Permission
interpreter = get_user_model().objects.create_user(
    "interpreter-{code}", password="portal-demo-2026", is_staff=True
)
interpreter.user_permissions.add(Permission.objects.get(codename="access_admin"))
room.interpreters.add(interpreter)
opinions.open_prompt(
    room.pk,
    admin,
    {{"en": "What would you adopt first in your country?",
      "es": "¿Qué adoptaría primero en su país?",
      "ko": "귀국에서는 무엇을 먼저 도입하시겠습니까?"}},
)
"""

QUESTIONS = [
    (SPANISH, "es", {"ko": KOREAN_TRANSLATION}),
    (ENGLISH, "en", {}),
    (KOREAN, "ko", {}),
]


def seed(server, code):
    server.manage("shell", "-c", SEED.format(code=code, questions=QUESTIONS))
    return code


@pytest.fixture(scope="module")
def room(portal_server):
    """An open room: three questions (Spanish with a Korean translation), an open poll of
    three options and an open opinion prompt whose opinions wait for a moderator."""
    return seed(portal_server, "POLL51")


@pytest.fixture
def contexts(browser):
    yield from opened_pages(browser)


def poll_card(page):
    return page.locator("[data-qa-polls] .poll").first


def option_result(card, text):
    return card.locator(".poll__option", has_text=text).locator(".poll__figure")


def moderation(page, server, code):
    log_in(page, server)
    return moderation_view(page, server, code)


def moderation_view(page, server, code):
    page.goto(f"{server.url}/en/live/{code}/moderate/")
    expect(page.locator("[data-qa-status]")).to_have_attribute("data-state", "live")
    return page


def test_a_spanish_participant_answers_the_poll_and_shares_an_opinion(
    portal_server, contexts, room
):
    lucia = contexts("es-ES", PHONE)
    join(lucia, portal_server, "es", code=room, name="Lucía", country="UY")
    card = poll_card(lucia)
    expect(card.locator("legend")).to_contain_text("¿Qué sistema adoptaría primero?")
    expect(card.locator("legend .poll__prompt")).to_have_attribute("lang", "es")
    card.get_by_label("Nómina").check()
    card.locator("button[type=submit]").click()
    # The bars show counts and shares as text; her answer is remembered.
    expect(option_result(card, "Nómina")).to_have_text(re.compile(r"^1 \(100\s?%\)$"))
    expect(option_result(card, "Registros de personal")).to_have_text(re.compile(r"^0 \(0\s?%\)$"))
    expect(card.locator(".badge--yours")).to_contain_text("Nómina")

    # Someone else answers: her bars follow, live.
    other = contexts("en-GB", DESKTOP)
    join(other, portal_server, "en", code=room, name="Aigerim", country="KZ")
    other_card = poll_card(other)
    expect(other_card.get_by_label("Payroll")).not_to_be_checked()
    other_card.get_by_label("HR records").check()
    other_card.get_by_role("button", name="Send answer").click()
    expect(option_result(card, "Nómina")).to_have_text(re.compile(r"^1 \(50\s?%\)$"))
    expect(option_result(card, "Registros de personal")).to_have_text(re.compile(r"^1 \(50\s?%\)$"))
    # After a reload the answer is still hers, and she may change it.
    lucia.reload()
    expect(poll_card(lucia).get_by_label("Nómina")).to_be_checked()

    # The opinion board: she shares an opinion, which waits for the moderator.
    board = lucia.locator("[data-qa-board-section]")
    expect(board.locator("[data-qa-prompt]")).to_have_text("¿Qué adoptaría primero en su país?")
    opinion = "La nómina electrónica y los registros de personal, porque ahorran tiempo."
    board.locator("textarea").fill(opinion)
    expect(board.locator("[data-qa-opinion-count]")).to_have_text(str(len(opinion)))
    board.locator("[data-qa-opinion] button[type=submit]").click()
    waiting = board.locator("[data-qa-my-opinions] .opinion", has_text="nómina electrónica")
    expect(waiting.locator(".badge--pending")).to_be_visible()
    expect(other.locator("[data-qa-opinions] .opinion")).to_have_count(0)

    moderator = moderation(contexts("en-GB", DESKTOP), portal_server, room)
    pending = moderator.locator("[data-qa-pending-opinions] .opinion", has_text="nómina")
    pending.get_by_role("button", name="Approve").click()

    # Published for everyone, with the word cloud; the author is told.
    seen = other.locator("[data-qa-opinions] .opinion", has_text="nómina electrónica")
    expect(seen).to_be_visible()
    expect(seen.locator(".question__text")).to_have_attribute("lang", "es")
    words = other.locator("[data-qa-cloud] .cloud__word")
    expect(words.first).to_be_visible()
    assert any("nómina" in word.lower() for word in words.all_inner_texts())
    expect(lucia.locator("[data-qa-notices]")).to_contain_text("Su opinión se ha publicado")
    expect(waiting).to_have_count(0)
    expect(board.locator("[data-qa-opinions] .opinion", has_text="nómina")).to_be_visible()


def test_a_korean_participant_reads_the_translation_and_switches_to_the_original(
    portal_server, contexts, room
):
    page = contexts("ko-KR", PHONE)
    join(page, portal_server, "ko", code=room, name="김지현")
    found = page.locator("[data-qa-questions] .question", has_text=KOREAN_TRANSLATION)
    expect(found).to_be_visible()
    question_id = found.get_attribute("data-question-id")
    item = page.locator(f"[data-qa-questions] [data-question-id='{question_id}']")
    text = item.locator(".question__text")
    expect(text).to_have_text(KOREAN_TRANSLATION)
    expect(text).to_have_attribute("lang", "ko")
    toggle = item.locator(".translation-note__toggle")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    # "Translated from Spanish", the language named in the page language.
    expect(item.locator(".translation-note")).to_contain_text("스페인어")

    toggle.focus()
    page.keyboard.press("Enter")
    expect(text).to_have_text(SPANISH)
    expect(text).to_have_attribute("lang", "es")
    expect(text).to_be_visible()
    toggle = item.locator(".translation-note__toggle")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    # The focus stays on the toggle, so the keyboard can switch back at once.
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    expect(text).to_have_text(KOREAN_TRANSLATION)


def test_questions_in_my_language(portal_server, contexts, room):
    page = contexts("ko-KR", DESKTOP)
    page.goto(f"{portal_server.url}/ko/live/{room}/")
    questions = page.locator("[data-qa-questions] .question")
    expect(questions).to_have_count(3)
    only_mine = page.locator("[data-qa-my-language]")
    expect(only_mine).to_have_attribute("aria-pressed", "false")
    only_mine.click()
    expect(only_mine).to_have_attribute("aria-pressed", "true")
    # The Korean question and the Spanish one translated into Korean; not the English one.
    expect(questions).to_have_count(2)
    expect(page.locator("[data-qa-questions]")).not_to_contain_text("e-Saram")
    expect(page.locator("[data-qa-questions]")).to_contain_text(KOREAN_TRANSLATION)
    only_mine.click()
    expect(questions).to_have_count(3)


def test_a_moderator_translates_and_participants_react(portal_server, contexts, room):
    moderator = moderation(contexts("en-GB", DESKTOP), portal_server, room)
    reader = contexts("es-ES", PHONE)
    join(reader, portal_server, "es", code=room, name="Amaru", country="PE")

    english = moderator.locator("[data-qa-questions] .question", has_text="e-Saram rollout")
    english.get_by_role("button", name="Translate").click()
    english.get_by_label("Into").select_option("es")
    english.get_by_label("Translation", exact=True).fill(
        "¿Cuánto duró el despliegue de e-Saram en los ministerios?"
    )
    english.get_by_role("button", name="Save the translation").click()
    expect(english.locator(".badge--translated")).to_be_visible()

    seen = reader.locator("[data-qa-questions] .question", has_text="despliegue de e-Saram")
    expect(seen.locator(".question__text")).to_have_attribute("lang", "es")

    # Reactions the room allows, each a toggle with its count.
    thanks = seen.locator(".question__reaction").first
    expect(seen.locator(".question__reaction")).to_have_count(2)
    expect(thanks).to_have_attribute("aria-pressed", "false")
    thanks.click()
    expect(thanks).to_have_attribute("aria-pressed", "true")
    expect(thanks.locator(".question__reaction-count")).to_have_text("1")
    expect(english.locator(".question__reaction-summary")).to_contain_text("1")


def test_a_moderator_prepares_opens_and_closes_a_poll(portal_server, contexts, room):
    moderator = moderation(contexts("en-GB", DESKTOP), portal_server, room)
    watcher = contexts("ko-KR", PHONE)
    join(watcher, portal_server, "ko", code=room, name="박서준")

    panel = moderator.locator("[data-qa-polls-panel]")
    panel.locator("summary", has_text="Prepare a poll").click()
    form = panel.locator("[data-qa-poll-form]")
    form.get_by_label("English").first.fill("Which training format works best?")
    rows = form.locator("[data-qa-poll-options] > li")
    expect(rows).to_have_count(2)
    rows.nth(0).get_by_label("English").fill("Online")
    rows.nth(1).get_by_label("English").fill("In person")
    form.get_by_role("button", name="Add an option").click()
    expect(rows.nth(2).get_by_label("English")).to_be_focused()
    rows.nth(2).get_by_label("English").fill("Blended")
    form.get_by_label("Several choices").check()
    form.get_by_label("Hide the results").check()
    form.get_by_role("button", name="Prepare the poll").click()

    prepared = panel.locator(".poll", has_text="Which training format")
    expect(prepared.locator(".badge--poll-draft")).to_be_visible()
    expect(watcher.locator("[data-qa-polls]")).not_to_contain_text("Which training format")
    prepared.get_by_role("button", name="Open", exact=True).click()
    expect(prepared.locator(".badge--poll-open")).to_be_visible()

    card = watcher.locator("[data-qa-polls] .poll", has_text="Which training format")
    expect(card.locator("input[type=checkbox]")).to_have_count(3)
    card.get_by_label("Online").check()
    card.get_by_label("Blended").check()
    card.locator("button[type=submit]").click()
    # Hidden until the poll closes, for participants; the moderator sees them all along.
    expect(card.locator(".poll__meta")).to_have_text("결과는 투표가 종료되면 공개됩니다.")
    expect(card.locator(".poll__result").first).to_be_hidden()
    expect(
        prepared.locator(".poll__option", has_text="Online").locator(".poll__figure")
    ).to_have_text(re.compile(r"^1 \(100%\)$"))
    expect(prepared.locator(".poll__meta")).to_contain_text("1 answer")

    prepared.get_by_role("button", name="Close", exact=True).click()
    expect(prepared.locator(".badge--poll-closed")).to_be_visible()
    past = watcher.locator("[data-qa-past-polls-section]")
    expect(past).to_be_visible()
    past.locator("summary").click()
    closed = past.locator(".poll", has_text="Which training format")
    expect(
        closed.locator(".poll__option", has_text="Online").locator(".poll__figure")
    ).to_have_text(re.compile(r"^1 \(100\s?%\)$"))
    expect(
        closed.locator(".poll__option", has_text="Online").locator(".badge--yours")
    ).to_be_visible()


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("lang", ["ko", "es"])
def test_the_room_with_a_poll_and_the_board_is_accessible(
    portal_server, contexts, room, lang, size
):
    page = contexts(lang, SIZES[size])
    join(page, portal_server, lang, code=room, name="Nguyen Van An", country="VN")
    expect(poll_card(page)).to_be_visible()
    expect(page.locator("[data-qa-board-section]")).to_be_visible()
    expect(page.locator("[data-qa-questions] .question").first).to_be_visible()
    assert serious_violations(page) == []
    # Phones: the poll card and the board fit the width; nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for part in ("[data-qa-polls] .poll", "[data-qa-board-section]"):
        box = page.locator(part).first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= SIZES[size]["width"]


def test_the_moderation_page_is_accessible(portal_server, contexts, room):
    page = moderation(contexts("en-GB", DESKTOP), portal_server, room)
    expect(page.locator("[data-qa-polls] .poll").first).to_be_visible()
    page.locator("[data-qa-polls-panel] summary", has_text="Prepare a poll").click()
    expect(page.locator("[data-qa-poll-form]")).to_be_visible()
    assert serious_violations(page) == []


def test_an_interpreter_sees_only_the_translation_tools(portal_server, contexts, room):
    page = contexts("en-GB", DESKTOP)
    page.goto(f"{portal_server.url}/admin/login/")
    page.locator("input[name=username]").fill(f"interpreter-{room}")
    page.locator("input[name=password]").fill("portal-demo-2026")
    page.locator("form button[type=submit], form input[type=submit]").first.click()
    expect(page).to_have_url(f"{portal_server.url}/admin/")
    moderation_view(page, portal_server, room)

    found = page.locator("[data-qa-questions] .question", has_text="교육 훈련 플랫폼")
    # Once translated, the English page shows the English text: follow the item by its id.
    korean = page.locator(
        f"[data-qa-questions] [data-question-id='{found.get_attribute('data-question-id')}']"
    )
    expect(korean.get_by_role("button", name="Translate")).to_be_visible()
    for name in ("Archive", "Mark answered", "Pin", "Write an answer"):
        expect(korean.get_by_role("button", name=name)).to_have_count(0)
    expect(page.locator("[data-qa-poll-form]")).to_be_hidden()
    expect(page.locator("[data-qa-pending]")).to_be_hidden()
    expect(page.locator("[data-qa-room='room.close']")).to_be_hidden()

    korean.get_by_role("button", name="Translate").click()
    korean.get_by_label("Into").select_option("en")
    korean.get_by_label("Translation", exact=True).fill(
        "Who runs the training platform? Is it outsourced?"
    )
    korean.get_by_role("button", name="Save the translation").click()
    expect(korean.locator(".badge--translated")).to_contain_text("English")
    expect(korean.locator(".question__text")).to_have_text(
        "Who runs the training platform? Is it outsourced?"
    )
    expect(korean.locator(".question__text")).to_have_attribute("lang", "en")
