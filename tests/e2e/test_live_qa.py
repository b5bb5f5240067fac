"""Live Q&A in real browsers: ask in Korean, moderate, watch it appear, vote, drop and return."""

import os
import signal
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from tests.e2e.test_browse import serious_violations
from tests.server import PortalCluster

QUESTION = "e-사람 시스템을 구축하는 데 비용이 얼마나 들었나요?"
XSS_CORPUS = [
    "<script>window.__xss = 1</script>",
    '<img src=x onerror="window.__xss = 1">',
    '"><svg onload="window.__xss = 1">',
    "javascript:window.__xss=1",
    "{{ 7*7 }} ${7*7} <b>bold</b>",
]


def log_in(page, server):
    page.goto(f"{server.url}/admin/login/")
    page.locator("input[name=username]").fill("admin")
    page.locator("input[name=password]").fill("portal-demo-2026")
    page.locator("form button[type=submit], form input[type=submit]").first.click()
    expect(page).to_have_url(f"{server.url}/admin/")


def join(page, server, lang, code="DEMO", name=None, country="KR"):
    page.goto(f"{server.url}/{lang}/live/{code}/")
    # On a phone the join form is a sheet behind the "Join to ask and vote" button.
    toggle = page.locator("[data-qa-sheet-toggle]")
    if toggle.is_visible():
        toggle.click()
    if name:
        page.locator("input[name=display_name]").fill(name)
        page.locator("input[name=organisation]").fill("Civil Service Hub")
        page.locator("select[name=country]").select_option(country)
    else:
        page.locator("input[name=anonymous]").check()
    page.locator(".qa__compose button[type=submit]").click()
    # Connected and rendered (a closed room says so instead of "Live").
    expect(page.locator("[data-qa-mode]")).to_have_attribute("data-connection", "live")


def open_ask_form(page):
    """The ask form, opened from its button where it is a sheet (phones)."""
    toggle = page.locator("[data-qa-sheet-toggle]")
    if toggle.is_visible():
        toggle.click()
    return page.locator("[data-qa-ask]")


def ask(page, text):
    open_ask_form(page).locator("textarea").fill(text)
    page.locator("[data-qa-ask] button[type=submit]").click()


def open_room(server, code, title):
    """An unmoderated room in the server's database, made as staff would in the admin."""
    server.manage(
        "shell",
        "-c",
        "from qa.models import Room; Room.objects.get_or_create("
        f"code={code!r}, defaults={{'title': {title!r}, 'moderated': False}})",
    )


SEED = """
from qa import services
from qa.models import Room
room, _ = Room.objects.get_or_create(code={code!r}, defaults={{'title': {title!r}}})
Room.objects.filter(pk=room.pk).update(moderated={moderated!r})
for index, (text, language) in enumerate({questions!r}):
    asker = services.join_room(
        room, display_name='Delegate %d' % index, organisation='Civil Service Hub', country='PE'
    )
    services.ask_question(room.pk, asker.pk, text, False, language)
Room.objects.filter(pk=room.pk).update(is_open={is_open!r})
"""


def seed_room(server, code, title, questions=(), moderated=False, is_open=True):
    """A room with questions already asked (through the services, events and all)."""
    script = SEED.format(
        code=code, title=title, questions=list(questions), moderated=moderated, is_open=is_open
    )
    server.manage("shell", "-c", script)


def question_item(page, text):
    return page.locator("[data-qa-questions] .question", has_text=text)


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SIZES = {"phone": PHONE, "desktop": DESKTOP}


def opened_pages(browser):
    """Yields new(locale, viewport) making a page in a fresh context; closes them all after."""
    opened = []

    def new(locale, viewport=DESKTOP):
        phone = viewport == PHONE
        context = browser.new_context(
            locale=locale, viewport=viewport, is_mobile=phone, has_touch=phone
        )
        context.set_default_timeout(15_000)
        opened.append(context)
        return context.new_page()

    yield new
    for context in opened:
        context.close()


@pytest.fixture
def contexts(browser):
    yield from opened_pages(browser)


def test_ask_moderate_vote_and_come_back(portal_server, contexts):
    asker, moderator, voter = contexts("ko-KR"), contexts("en-GB"), contexts("es-ES")

    join(asker, portal_server, "ko", name="김지현")
    asker.get_by_label("질문 내용", exact=True).fill(QUESTION)
    asker.get_by_role("button", name="질문 보내기").click()
    mine = asker.locator("[data-qa-mine] .question", has_text=QUESTION)
    expect(mine).to_be_visible()
    expect(mine.locator(".badge--pending")).to_have_text("검토 대기 중")

    log_in(moderator, portal_server)
    moderator.goto(f"{portal_server.url}/en/live/DEMO/moderate/")
    pending = moderator.locator("[data-qa-pending] .question", has_text=QUESTION)
    expect(pending).to_be_visible()

    join(voter, portal_server, "es")
    expect(question_item(voter, QUESTION)).to_have_count(0)
    pending.get_by_role("button", name="Approve", exact=True).click()

    appeared = question_item(voter, QUESTION)
    expect(appeared).to_be_visible()
    expect(appeared).to_contain_text("김지현")
    vote = appeared.locator(".question__vote")
    vote.click()
    expect(vote).to_have_attribute("aria-pressed", "true")
    expect(vote.locator(".question__votes")).to_have_text("1")
    expect(question_item(asker, QUESTION).locator(".question__votes")).to_have_text("1")
    expect(mine).to_have_count(0)

    # The asker's train enters a tunnel; meanwhile the question is pinned and answered.
    asker.context.set_offline(True)
    expect(asker.locator("[data-qa-status]")).to_have_attribute("data-state", "offline")
    expect(question_item(asker, QUESTION).locator(".question__vote")).to_be_disabled()
    published = moderator.locator("[data-qa-questions] .question", has_text=QUESTION)
    published.get_by_role("button", name="Pin", exact=True).click()
    expect(published.locator(".badge--pinned")).to_be_visible()
    published.get_by_role("button", name="Mark answered").click()
    expect(published.locator(".badge--answered")).to_be_visible()
    asker.context.set_offline(False)

    expect(asker.locator("[data-qa-status]")).to_have_attribute("data-state", "live")
    back = question_item(asker, QUESTION)
    expect(back).to_have_count(1)
    expect(back.locator(".badge--pinned")).to_have_text("고정됨")
    expect(back.locator(".badge--answered")).to_have_text("답변 완료")
    expect(back.locator(".question__votes")).to_have_text("1")
    assert serious_violations(asker) == []
    assert serious_violations(moderator) == []


def test_what_people_type_is_shown_as_text_never_run(portal_server, contexts):
    open_room(portal_server, "OPEN23", "Open room")
    asker, watcher = contexts("en-GB"), contexts("ru-RU")
    join(asker, portal_server, "en", code="OPEN23", name='<img src=x onerror="window.__xss=1">')
    join(watcher, portal_server, "ru", code="OPEN23")
    for payload in XSS_CORPUS:
        asker.get_by_label("Your question", exact=True).fill(payload)
        asker.get_by_role("button", name="Send question").click()
        expect(asker.locator("[data-qa-feedback]")).to_have_text(
            "Thank you. Your question was sent."
        )
        asker.locator("[data-qa-feedback]").evaluate("node => node.textContent = ''")
    for page in (asker, watcher):
        texts = page.locator("[data-qa-questions] .question__text")
        expect(texts).to_have_count(len(XSS_CORPUS))
        assert sorted(texts.all_inner_texts()) == sorted(XSS_CORPUS)
        expect(
            page.locator(
                "[data-qa-questions] img, [data-qa-questions] svg, "
                "[data-qa-questions] script, [data-qa-questions] b"
            )
        ).to_have_count(0)
        assert page.evaluate("window.__xss") is None
    presenter = contexts("en-GB")
    log_in(presenter, portal_server)
    presenter.goto(f"{portal_server.url}/en/live/OPEN23/present/")
    expect(presenter.locator("[data-qa-questions] .question")).to_have_count(5)
    assert presenter.evaluate("window.__xss") is None
    assert serious_violations(presenter) == []


def test_questions_sort_by_popular_or_recent(portal_server, contexts):
    open_room(portal_server, "SORT23", "Sorting room")
    asker, voter = contexts("en-GB"), contexts("en-GB")
    join(asker, portal_server, "en", code="SORT23", name="Amaru")
    join(voter, portal_server, "en", code="SORT23")
    for text in ["First: recruitment", "Second: training", "Third: payroll"]:
        asker.get_by_label("Your question", exact=True).fill(text)
        asker.get_by_role("button", name="Send question").click()
        expect(question_item(voter, text)).to_be_visible()
    question_item(voter, "Second: training").locator(".question__vote").click()
    texts = voter.locator("[data-qa-questions] .question__text")
    expect(texts.first).to_have_text("Second: training")
    voter.get_by_role("button", name="Recent").click()
    expect(voter.get_by_role("button", name="Recent")).to_have_attribute("aria-pressed", "true")
    expect(texts).to_have_text(["Third: payroll", "Second: training", "First: recruitment"])
    voter.get_by_role("button", name="Popular").click()
    expect(texts).to_have_text(["Second: training", "First: recruitment", "Third: payroll"])


# live.js: a ping every 25 s, and a connection that has not answered 10 s later is lost.
HEARTBEAT_MS = 25_000 + 10_000
# The longest the client waits before retrying (its backoff ceiling).
LONGEST_RETRY_MS = 30_000


def test_a_page_that_stays_online_comes_back_after_the_server_restarts(tmp_path, contexts):
    """No `offline` event helps here: the page notices the silence itself and reconnects."""
    # A server of its own (one process; its database is named apart from the session server's).
    cluster = PortalCluster(tmp_path, processes=1).start()
    daphne = cluster.nodes[0]
    server = SimpleNamespace(url=daphne.url, manage=cluster.manage)
    try:
        seed_room(server, "BEAT23", "Restart room", [("Before the restart", "en")])
        page = contexts("en-GB")
        # The page's timers run as usual; the test moves its clock on where waiting is the point.
        page.clock.install()
        join(page, server, "en", code="BEAT23", name="Aigerim")
        status = page.locator("[data-qa-status]")
        expect(question_item(page, "Before the restart")).to_be_visible()

        # The server hangs: the socket stays open, nothing answers, and a vote goes unanswered.
        os.kill(daphne.process.pid, signal.SIGSTOP)
        question_item(page, "Before the restart").locator(".question__vote").click()
        page.clock.run_for(HEARTBEAT_MS + 1_000)
        expect(status).to_have_attribute("data-state", "reconnecting")
        expect(status).to_have_text("Reconnecting…")
        feedback = page.locator("[data-qa-feedback]")
        expect(feedback).to_have_text(
            "Your vote was not sent: the connection dropped. Try again once live."
        )
        before = question_item(page, "Before the restart")
        expect(before.locator(".question__vote")).to_be_disabled()

        # It is restarted, and a question is asked while it was down.
        daphne.kill()
        seed_room(server, "BEAT23", "Restart room", [("While it was down", "en")])
        daphne.start()
        # Jump to the pending retry (due timers fire once; a new socket gets its own time).
        page.clock.fast_forward(LONGEST_RETRY_MS)

        expect(status).to_have_attribute("data-state", "live")
        expect(question_item(page, "While it was down")).to_be_visible()
        expect(question_item(page, "Before the restart")).to_have_count(1)
        expect(feedback).to_be_hidden()
        # It came back over its socket: a restart is not a firewall.
        expect(page.locator("[data-qa-mode]")).to_have_attribute("data-transport", "websocket")
        vote = question_item(page, "While it was down").locator(".question__vote")
        vote.click()
        expect(vote).to_have_attribute("aria-pressed", "true")
    finally:
        cluster.stop()
