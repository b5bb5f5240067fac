"""The presenter screen on a 1080p projector: everything fits, readable from the back row."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_browse import serious_violations
from tests.e2e.test_live_qa import log_in, opened_pages, seed_room

PROJECTOR = {"width": 1920, "height": 1080}
# Long questions in the four languages: more of them than a screen holds.
QUESTIONS = [
    (
        "공무원 성과평가 결과는 어떻게 보수와 승진에 반영되며, 평가의 공정성을 높이기 위해 "
        "어떤 데이터와 절차를 사용하고 있는지 구체적으로 알려 주실 수 있나요?",
        "ko",
    ),
    (
        "How long did it take to move every ministry onto the electronic HR system, and what "
        "would you do differently if you started again today with a smaller budget?",
        "en",
    ),
    (
        "¿Cómo se protege la información personal de los funcionarios en el sistema de "
        "gestión de recursos humanos y quién puede consultarla?",
        "es",
    ),
    (
        "Как министерство обучает новых государственных служащих и сколько времени занимает "
        "обязательная программа подготовки на онлайн-платформе?",
        "ru",
    ),
    ("e-사람 시스템을 구축하는 데 비용이 얼마나 들었나요?", "ko"),
    ("Who trains the trainers, and how are they evaluated?", "en"),
    ("¿Qué indicadores usan para medir el servicio público proactivo?", "es"),
    ("Какие данные используются при оценке эффективности работы?", "ru"),
    ("교육 플랫폼은 하루에 몇 명이 사용하나요?", "ko"),
    ("Is payroll part of the same system?", "en"),
]
FEATURED = "Is payroll part of the same system?"
ANSWERED = "Who trains the trainers, and how are they evaluated?"

PREPARE = """
from django.contrib.auth import get_user_model
from qa import services
from qa.models import Question, Room
room = Room.objects.get(code={code!r})
admin = get_user_model().objects.get(username='admin')
for text, action in (({featured!r}, 'highlight'), ({answered!r}, 'answer')):
    question = Question.objects.get(room=room, text=text)
    services.moderate(room.pk, admin, question.pk, action)
Room.objects.filter(pk=room.pk).update(is_open={is_open!r})
"""


@pytest.fixture
def contexts(browser):
    yield from opened_pages(browser)


@pytest.fixture(scope="module")
def rooms(portal_server):
    """Two rooms full of questions, one featured and one answered: one open, one closed."""
    for code, is_open in (("SHOW51", True), ("SHUT51", False)):
        seed_room(portal_server, code, "Performance management in the public service", QUESTIONS)
        portal_server.manage(
            "shell",
            "-c",
            PREPARE.format(code=code, featured=FEATURED, answered=ANSWERED, is_open=is_open),
        )
    return {"open": "SHOW51", "closed": "SHUT51"}


def presenter(contexts, server, lang, code):
    page = contexts(lang, PROJECTOR)
    log_in(page, server)
    page.goto(f"{server.url}/{lang}/live/{code}/present/")
    expect(page.locator("[data-qa-mode]")).to_have_attribute("data-connection", "live")
    expect(page.locator("[data-qa-questions] .question").first).to_be_visible()
    return page


def inside_screen(locator):
    box = locator.bounding_box()
    return box["y"] >= 0 and box["y"] + box["height"] <= PROJECTOR["height"]


@pytest.mark.parametrize("state", ["open", "closed"])
@pytest.mark.parametrize("lang", ["en", "ko", "es", "ru"])
def test_the_presenter_screen_fits_a_projector(portal_server, contexts, rooms, lang, state):
    page = presenter(contexts, portal_server, lang, rooms[state])
    assert page.evaluate(
        "document.scrollingElement.scrollHeight <= innerHeight"
        " && document.scrollingElement.scrollWidth <= innerWidth"
    )
    # The featured question, large, above the top questions; answered ones have left the list.
    featured = page.locator("[data-qa-featured] .question__text")
    expect(featured).to_have_text(FEATURED)
    size = featured.evaluate("n => parseFloat(getComputedStyle(n).fontSize)")
    top = page.locator("[data-qa-questions] .question:visible")
    assert size > top.first.locator(".question__text").evaluate(
        "n => parseFloat(getComputedStyle(n).fontSize)"
    )
    expect(page.locator("[data-qa-questions] .question", has_text=ANSWERED)).to_have_count(0)
    expect(page.locator("[data-qa-questions] .question", has_text=FEATURED)).to_have_count(0)
    # Every question shown is shown whole: as many as fit, none cut off.
    assert top.count() >= 2
    for index in range(top.count()):
        assert inside_screen(top.nth(index)), f"question {index + 1} is cut off"
    assert top.count() < len(QUESTIONS) - 2  # the rest wait for a place
    # One line for the state label, in every language.
    status = page.locator("[data-qa-status]")
    assert status.evaluate("n => n.getClientRects().length === 1 && n.offsetHeight < 60")
    # The QR code fills its box.
    qr = page.locator(".presenter__qr")
    drawing = qr.locator("svg path").bounding_box()
    assert drawing["width"] >= 0.7 * qr.bounding_box()["width"]
    assert inside_screen(qr)
    if state == "closed":
        notice = page.locator("[data-qa-closed]")
        expect(notice).to_be_visible()
        assert inside_screen(notice)
        expect(status).to_have_attribute("data-state", "closed")
    assert serious_violations(page) == []


def test_the_join_link_on_screen_suits_every_language(portal_server, contexts, rooms):
    page = presenter(contexts, portal_server, "ko", rooms["open"])
    expect(page.locator(".presenter__url")).to_have_text(
        re.compile(rf"^https?://[^/]+/live/{rooms['open']}/$")
    )
