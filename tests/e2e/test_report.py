"""A partner reads the post-webinar report in a real Chromium: the poll chart without any
script, no serious accessibility violation, a phone's width, and a print without the menus."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_browse import serious_violations
from tests.e2e.test_csp import RECORD_VIOLATIONS
from tests.e2e.test_webinars import PHONE, RECORDED

# A room on the demo's past webinar, with a poll (a long Korean option among them), questions
# and opinions; then staff close the event, which publishes the report.
PROMPT = "Which part of e-Saram would you adopt first?"
SETUP = (
    f"PROMPT = {PROMPT!r}\n"
    + """
from django.contrib.auth import get_user_model
from django.utils import timezone
from qa.models import (Opinion, OpinionPrompt, Participant, Poll, PollAnswer, PollOption,
                       Question, Room)
from qa.wordcloud import terms
from webinars.models import WebinarPage
from webinars.report import close_event

webinar = WebinarPage.objects.get(slug_en="korea-digital-hrm-idb-2020")
room = Room.objects.create(code="REPORT1", webinar=webinar)
people = [Participant.objects.create(room=room, display_name=f"P{n}", country=c)
          for n, c in enumerate(["UY", "DO", "CO", "UY", "PE"])]
poll = Poll.objects.create(room=room, status="closed", prompt_en=PROMPT,
                           prompt_ko="e-사람의 어떤 기능을 먼저 도입하시겠습니까?")
options = [
    PollOption.objects.create(poll=poll, position=0, text_en="Payroll", text_ko="급여"),
    PollOption.objects.create(
        poll=poll, position=1,
        text_en="Performance evaluation linked to education and training records",
        text_ko="교육훈련 기록과 연계된 성과평가 기능을 먼저 도입하고 싶습니다"),
    PollOption.objects.create(poll=poll, position=2, text_en="HR records", text_ko="인사기록"),
]
for person, option in zip(people, [0, 1, 1, 2, 1]):
    answer = PollAnswer.objects.create(poll=poll, participant=person)
    answer.options.set([options[option]])
Question.objects.create(room=room, author=people[0], text="¿Cuánto tomó la migración a la nube?",
                        language="es", status="published", published_at=timezone.now(),
                        vote_count=7,
                        translations={"en": "How long did the move to the cloud take?",
                                      "ko": "클라우드 전환에는 얼마나 걸렸습니까?"},
                        answer="About two years, from 2011 to 2012.")
prompt = OpinionPrompt.objects.create(room=room, text_en="What will you take home?",
                                      text_ko="무엇을 가져가시겠습니까?")
for person, text, language in [
    (people[1], "Cloud payroll saves time for every ministry", "en"),
    (people[2], "La nómina en la nube ahorra tiempo", "es"),
    (people[3], "Training records linked to evaluation", "en"),
]:
    Opinion.objects.create(prompt=prompt, author=person, text=text, language=language,
                           terms=terms(text, language), status="published",
                           published_at=timezone.now())
staff = get_user_model().objects.create_superuser("report-staff", "staff@example.org", "pw-2026-x")
report = close_event(webinar, staff)
print("REPORT=" + report.url_path)
"""
)


@pytest.fixture(scope="module")
def report_path(portal_server):
    output = portal_server.manage("shell", "-c", SETUP)
    assert "REPORT=" in output, output
    return f"{RECORDED}report/"


def report_in(page, server, path, code):
    page.goto(f"{server.url}{path}")
    if code == "en":
        return page.url
    return page.locator(f'link[rel=alternate][hreflang="{code}"]').get_attribute("href")


def test_the_report_shows_the_poll_chart_without_javascript(portal_server, browser, report_path):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(f"{portal_server.url}{report_path}")
        # The demo's own polls come first; this one is the room made above.
        chart = page.get_by_test_id("poll-chart").filter(has_text=PROMPT)
        expect(chart).to_be_visible()
        expect(chart.get_by_role("img")).to_be_visible()
        expect(chart.locator("svg .poll-chart__value")).to_have_text(
            ["1 (20%)", "3 (60%)", "1 (20%)"]
        )
        box = chart.locator("svg .poll-chart__bar").nth(1).bounding_box()
        assert box["width"] > 100  # a bar a reader can see
        expect(page.get_by_test_id("word-cloud").last).to_contain_text("payroll")
        expect(page.get_by_test_id("top-questions")).to_contain_text(
            "How long did the move to the cloud take?"
        )
    finally:
        context.close()


@pytest.mark.parametrize("code", ["en", "ko"])
def test_the_report_has_no_serious_accessibility_violations(portal_server, page, report_path, code):
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(report_in(page, portal_server, report_path, code))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert serious_violations(page) == [], page.url
    assert page.evaluate("window.__cspViolations") == []


@pytest.mark.parametrize("code", ["ko", "ru"])
def test_the_report_fits_a_phone(portal_server, browser, report_path, code):
    context = browser.new_context(viewport=PHONE, locale=code)
    try:
        page = context.new_page()
        page.goto(report_in(page, portal_server, report_path, code))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{page.url} is {width}px wide on a phone"
        # Every label line of the chart stays inside the chart.
        for chart in page.get_by_test_id("poll-chart").locator("svg").all():
            right = chart.bounding_box()["x"] + chart.bounding_box()["width"]
            for label in chart.locator(".poll-chart__label").all():
                box = label.bounding_box()
                assert box["x"] + box["width"] <= right + 1, label.text_content()
    finally:
        context.close()


def test_printing_leaves_out_the_menus_and_keeps_the_chart(portal_server, page, report_path):
    page.goto(f"{portal_server.url}{report_path}")
    expect(page.locator(".site-header")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".main-nav")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.get_by_test_id("xlsx-link")).to_be_hidden()
    expect(
        page.get_by_test_id("poll-chart").filter(has_text=PROMPT).get_by_role("img")
    ).to_be_visible()
    fill = page.locator("svg .poll-chart__bar").first.evaluate("bar => getComputedStyle(bar).fill")
    assert re.fullmatch(r"rgb\((\d+), \1, \1\)", fill), fill  # a grey that prints as it shows
