"""Staff answer a webinar's question on a case study in the admin, in a real Chromium; readers
of the case study see it in Korean and English with "Asked at <webinar>", without serious
accessibility violations."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_browse import serious_violations
from tests.e2e.test_live_qa import log_in

ANSWER_KO = "2011년부터 2012년까지 약 2년이 걸렸습니다."
QUESTION_KO = "클라우드 전환에는 얼마나 걸렸습니까?"
QUESTION_EN = "How long did the move to the cloud take?"
# A question from a room on the demo's past webinar, answered in the room by a moderator.
SETUP = f"""
from django.utils import timezone, translation
from qa.models import Participant, Question, Room
from webinars.models import WebinarPage
from webinars.faq import linked_cases

webinar = WebinarPage.objects.get(slug_en="korea-digital-hrm-idb-2020")
room = Room.objects.create(code="FAQ2020", webinar=webinar, is_open=False)
author = Participant.objects.create(room=room, display_name="Ana", country="UY")
question = Question.objects.create(
    room=room, author=author, text="¿Cuánto tomó la migración a la nube?", language="es",
    status="published", published_at=timezone.now(), vote_count=9, answered=True,
    translations={{"en": {QUESTION_EN!r}, "ko": {QUESTION_KO!r}}},
    answer="About two years, from 2011 to 2012.",
)
case = linked_cases(webinar)[0]
urls = []
for code in ("en", "ko"):
    with translation.override(code):
        urls.append(case.get_url())
print("FAQ=" + "|".join([str(webinar.pk), str(question.pk), case.title, *urls]))
"""


@pytest.fixture(scope="module")
def demo_question(portal_server):
    output = portal_server.manage("shell", "-c", SETUP)
    line = next(line for line in output.splitlines() if line.startswith("FAQ="))
    webinar, question, case, english, korean = line[4:].split("|")
    return {
        "webinar": webinar,
        "question": question,
        "case": case,
        "en": english,
        "ko": korean,
    }


def test_staff_answer_on_a_case_page_and_readers_see_it(portal_server, browser, demo_question):
    context = browser.new_context(locale="en-GB", viewport={"width": 1920, "height": 1080})
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        log_in(page, portal_server)
        page.goto(f"{portal_server.url}/admin/webinars/{demo_question['webinar']}/case-questions/")
        row = page.get_by_test_id("faq-question").filter(has_text=QUESTION_EN)
        expect(row).to_contain_text("Not yet")
        row.get_by_role("link", name="Answer on a case page").click()

        expect(page.locator("#id_question_ko")).to_have_value(QUESTION_KO)
        expect(page.locator("#id_question_es")).to_have_value(
            "¿Cuánto tomó la migración a la nube?"
        )
        editors = page.locator(".Draftail-Editor [contenteditable=true]")
        expect(editors.first).to_contain_text("About two years, from 2011 to 2012.")
        page.locator("#id_case").select_option(label=demo_question["case"])
        korean = page.locator("[data-field-wrapper]").filter(has=page.locator("#id_answer_ko"))
        answer = korean.locator("[contenteditable=true]")
        answer.click()
        expect(answer).to_be_focused()
        page.keyboard.type(ANSWER_KO)
        expect(answer).to_contain_text(ANSWER_KO)
        # The editor keeps its hidden input up to date as the text changes.
        expect(page.locator("#id_answer_ko")).to_have_value(re.compile("2012"))
        page.get_by_test_id("add-answer").click()

        expect(page).to_have_url(re.compile(r"/case-questions/$"))
        expect(page.locator(".messages")).to_contain_text("The answer is published on")
        expect(row).to_contain_text(demo_question["case"])
    finally:
        context.close()

    for code, question in (("ko", QUESTION_KO), ("en", QUESTION_EN)):
        for width, height in ((390, 844), (1920, 1080)):
            context = browser.new_context(viewport={"width": width, "height": height})
            try:
                page = context.new_page()
                page.goto(f"{portal_server.url}{demo_question[code]}")
                section = page.get_by_test_id("case-faq")
                item = section.get_by_test_id("case-faq-item").filter(has_text=question)
                expect(item).to_be_visible()
                if code == "ko":
                    expect(item).to_contain_text(ANSWER_KO)
                else:
                    expect(item).to_contain_text("About two years, from 2011 to 2012.")
                asked = item.get_by_test_id("case-faq-asked")
                expect(asked.get_by_role("link")).to_have_attribute(
                    "href", re.compile(rf"^/{code}/")
                )
                page.locator(".toc__list a[href='#faq']").click()
                expect(page).to_have_url(re.compile(r"#faq$"))
                if width == 1920:
                    assert serious_violations(page) == [], page.url
            finally:
                context.close()
