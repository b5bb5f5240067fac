"""Live Q&A in real browsers: ask in Korean, moderate, watch it appear, vote, drop and return."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_browse import serious_violations

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


def join(page, server, lang, code="DEMO", name=None):
    page.goto(f"{server.url}/{lang}/live/{code}/")
    if name:
        page.locator("input[name=display_name]").fill(name)
        page.locator("input[name=organisation]").fill("Civil Service Hub")
        page.locator("input[name=country]").fill("Korea")
    else:
        page.locator("input[name=anonymous]").check()
    page.locator(".qa__join button[type=submit]").click()
    expect(page.locator("[data-qa-status]")).to_have_attribute("data-state", "live")


def open_room(server, code, title):
    """An unmoderated room in the server's database, made as staff would in the admin."""
    server.manage(
        "shell",
        "-c",
        "from qa.models import Room; Room.objects.get_or_create("
        f"code={code!r}, defaults={{'title': {title!r}, 'moderated': False}})",
    )


def question_item(page, text):
    return page.locator("[data-qa-questions] .question", has_text=text)


@pytest.fixture
def contexts(browser):
    opened = []

    def new(locale):
        context = browser.new_context(locale=locale)
        context.set_default_timeout(15_000)
        opened.append(context)
        return context.new_page()

    yield new
    for context in opened:
        context.close()


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
    expect(asker.locator("[data-qa-status]")).to_have_attribute("data-state", "reconnecting")
    expect(asker.locator("[data-qa-status]")).to_have_text("다시 연결하는 중…")
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
