"""The post-webinar report: what a reader sees in each language, the spreadsheet, and staff
closing the event (rooms closed, the report published once)."""

import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from wagtail.models import GroupPagePermission

from qa.models import (
    Event,
    Opinion,
    OpinionPrompt,
    Participant,
    Poll,
    PollAnswer,
    PollOption,
    Question,
    Room,
)
from qa.wordcloud import terms
from tests.webinars.test_admin import staff_member
from webinars.factories import RegistrationFactory, WebinarPageFactory
from webinars.models import Registration, WebinarReportPage
from webinars.report import _wrap, close_event, report_context
from webinars.report_admin import close_event_url

LANGUAGES = ["en", "ko", "es", "ru"]


# Building a webinar that happened -------------------------------------------------------------


@pytest.fixture
def webinar(webinars_index):
    return WebinarPageFactory(
        parent=webinars_index,
        title="Digital HRM with the IDB",
        slug="digital-hrm",
        title_ko="디지털 인사관리 웨비나",
        starts_at=timezone.now() - timezone.timedelta(days=2),
    )


@pytest.fixture
def room(webinar):
    return Room.objects.create(code="HRM2020", webinar=webinar, is_open=False)


def publish_report(webinar):
    report = WebinarReportPage(
        title="Report", title_en="Report", title_ko="보고서", slug="report", slug_en="report"
    )
    webinar.add_child(instance=report)
    report.save_revision().publish()
    return WebinarReportPage.objects.get(pk=report.pk)


@pytest.fixture
def report(webinar):
    return publish_report(webinar)


def participant(room, name="Ana Pérez", country="UY", organisation="ONSC"):
    return Participant.objects.create(
        room=room, display_name=name, country=country, organisation=organisation
    )


def question(room, text, votes=0, status=Question.Status.PUBLISHED, **fields):
    author = fields.pop("author", None) or participant(room)
    published = status in (Question.Status.PUBLISHED, Question.Status.ARCHIVED)
    fields.setdefault("published_at", timezone.now() if published else None)
    return Question.objects.create(
        room=room, author=author, text=text, vote_count=votes, status=status, **fields
    )


def poll(room, prompts, options, kind=Poll.Kind.SINGLE, status=Poll.Status.CLOSED):
    made = Poll.objects.create(
        room=room,
        kind=kind,
        status=status,
        **{f"prompt_{code}": text for code, text in prompts.items()},
    )
    return made, [
        PollOption.objects.create(
            poll=made, position=position, **{f"text_{code}": t for code, t in texts.items()}
        )
        for position, texts in enumerate(options)
    ]


def answer(poll_, options, room):
    made = PollAnswer.objects.create(poll=poll_, participant=participant(room, name=""))
    made.options.set(options)
    return made


def opinion(prompt, text, language, status=Opinion.Status.PUBLISHED, **fields):
    return Opinion.objects.create(
        prompt=prompt,
        author=fields.pop("author", None) or participant(prompt.room),
        text=text,
        language=language,
        terms=terms(text, language),
        status=status,
        published_at=timezone.now() if status == Opinion.Status.PUBLISHED else None,
        **fields,
    )


def read(client, report, code="en"):
    with translation.override(code):
        url = report.get_url()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def between(html, testid):
    match = re.search(rf'data-testid="{testid}".*?</(?:table|ol|figure|dl)>', html, re.S)
    assert match, f"no {testid}"
    return match.group(0)


def row_cells(table_html):
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", table_html, re.S)
    ][1:]


# Participation -------------------------------------------------------------------------------


def test_registrants_and_attendees_by_country_most_first(client, webinar, report):
    for _ in range(3):
        RegistrationFactory(webinar=webinar, country="UY", organisation="ONSC", attended=True)
    RegistrationFactory(webinar=webinar, country="UY", organisation="onsc ")
    RegistrationFactory(webinar=webinar, country="KZ", organisation="Astana Civil Service Hub")
    RegistrationFactory(webinar=webinar, country="KZ", organisation="Astana Civil Service Hub")
    RegistrationFactory(
        webinar=webinar, country="MN", status=Registration.Status.CANCELLED, organisation="X"
    )
    RegistrationFactory(webinar=WebinarPageFactory(parent=webinar.get_parent()), country="PH")

    html = read(client, report)
    summary = between(html, "summary")
    assert re.search(r"Registrants</dt><dd>6</dd>", summary)
    assert re.search(r"Attendees</dt><dd>3</dd>", summary)
    assert row_cells(between(html, "by-country")) == [
        ["Uruguay", "4", "3"],
        ["Kazakhstan", "2", "0"],
    ]
    # One organisation however its name was typed, shown as most people wrote it.
    assert row_cells(between(html, "by-organisation")) == [
        ["ONSC", "4", "3"],
        ["Astana Civil Service Hub", "2", "0"],
    ]

    korean = read(client, report, "ko")
    assert "우루과이" in between(korean, "by-country")
    assert "Philippines" not in html and "Mongolia" not in html


# Questions -------------------------------------------------------------------------------------


def test_questions_counted_and_the_most_voted_shown_in_the_readers_language(client, room, report):
    spanish = question(
        room,
        "¿Cuánto costó implantar e-Saram?",
        votes=9,
        language="es",
        translations={"ko": "e-Saram 구축 비용은 얼마였습니까?", "en": "What did e-Saram cost?"},
        answer="About 20 billion won over three years.",
        author=participant(room, name="Ana Pérez", country="UY"),
    )
    question(room, "How is payroll automated?", votes=4, language="en", answered=True)
    question(
        room,
        "Anonymous question",
        votes=2,
        language="en",
        anonymous=True,
        author=participant(room, name="Hidden Person", country="MN"),
    )
    question(room, "Archived after the talk", votes=1, status=Question.Status.ARCHIVED)
    question(room, "Still waiting", votes=50, status=Question.Status.PENDING)
    question(room, "Spam", status=Question.Status.REJECTED)

    html = read(client, report)
    summary = between(html, "summary")
    assert re.search(r"Questions asked</dt><dd>6</dd>", summary)
    assert re.search(r"Questions published</dt><dd>4</dd>", summary)
    assert re.search(r"Questions answered</dt><dd>2</dd>", summary)
    top = between(html, "top-questions")
    texts = re.findall(r'<p class="report-text"[^>]*>(.*?)</p>', top)
    assert texts == [
        "What did e-Saram cost?",
        "How is payroll automated?",
        "Anonymous question",
    ]  # an archived question counts as published but is not shown again
    assert "About 20 billion won over three years." in top
    # Nobody's name; the country only of those who did not ask anonymously.
    assert "Ana Pérez" not in html and "Hidden Person" not in html
    assert "Uruguay" in top and "Mongolia" not in top
    assert "Still waiting" not in html and "Spam" not in html

    korean = between(read(client, report, "ko"), "top-questions")
    assert "e-Saram 구축 비용은 얼마였습니까?" in korean
    # The original is one click away, its language named and marked.
    original = re.search(r"<details.*?</details>", korean, re.S).group(0)
    assert "스페인어" in original
    assert '<p lang="es">¿Cuánto costó implantar e-Saram?</p>' in original
    assert spanish.text in read(client, report, "es")


# Polls -----------------------------------------------------------------------------------------


def test_poll_results_as_a_chart_readable_without_javascript(client, room, report):
    voted, (yes, no, unsure) = poll(
        room,
        {"en": "Would you use e-Saram?", "ko": "e-Saram을 쓰시겠습니까?"},
        [{"en": "Yes"}, {"en": "No <script>alert(1)</script>"}, {"en": "Not sure yet"}],
    )
    for _ in range(3):
        answer(voted, [yes], room)
    answer(voted, [no], room)
    poll(room, {"en": "A prepared poll nobody saw"}, [{"en": "A"}, {"en": "B"}], status="draft")

    html = read(client, report)
    chart = between(html, "poll-chart")
    assert "Would you use e-Saram?" in chart
    assert "4 people answered" in chart
    svg = re.search(r"<svg[^>]*>.*?</svg>", chart, re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    labels = re.findall(r'<text class="poll-chart__label"[^>]*>(.*?)</text>', svg)
    assert labels == ["Yes", "No &lt;script&gt;alert(1)&lt;/script&gt;", "Not sure yet"]
    values = re.findall(r'<text class="poll-chart__value"[^>]*>(.*?)</text>', svg)
    assert values == ["3 (75%)", "1 (25%)", "0 (0%)"]
    # The table says the same for screen readers and without SVG.
    assert re.findall(
        r"<tr><th scope=\"row\">(.*?)</th><td>(\d+)</td><td>(\d+)%</td></tr>", chart
    ) == [
        ("Yes", "3", "75"),
        ("No &lt;script&gt;alert(1)&lt;/script&gt;", "1", "25"),
        ("Not sure yet", "0", "0"),
    ]
    assert "<script>alert" not in html
    assert "A prepared poll nobody saw" not in html

    korean = between(read(client, report, "ko"), "poll-chart")
    assert "e-Saram을 쓰시겠습니까?" in korean
    # Options without a Korean text fall back to English, marked as English.
    assert '<g class="poll-chart__option" lang="en">' in korean


def test_long_korean_options_wrap_between_words_above_their_bars(client, room, report):
    long_option = (
        "공무원 인사관리 시스템의 클라우드 전환과 급여 업무 자동화를 가장 먼저 추진하겠습니다"
    )
    poll(
        room,
        {"en": "Priorities", "ko": "우선순위"},
        [{"en": "Cloud", "ko": long_option}, {"en": "Other", "ko": "기타"}],
        kind=Poll.Kind.MULTIPLE,
    )

    svg = re.search(r"<svg.*?</svg>", read(client, report, "ko"), re.S).group(0)
    lines = re.findall(r'<text class="poll-chart__label"[^>]*>(.*?)</text>', svg)
    assert len(lines) >= 3
    assert " ".join(lines[:-1]) == long_option  # every word whole, in order
    # A Hangul syllable is as wide as two Latin letters: a line holds 36 such units.
    assert all(sum(2 if "가" <= c <= "힣" else 1 for c in line) <= 36 for line in lines)
    assert lines[-1] == "기타"


def test_wrapping_cuts_only_words_longer_than_a_line():
    assert _wrap("a b c", units=3) == ["a b", "c"]
    assert _wrap("abcdefgh xy", units=4) == ["abcd", "efgh", "xy"]
    assert _wrap("가나다 라마", units=6) == ["가나다", "라마"]
    assert _wrap("") == [""]


# Opinions --------------------------------------------------------------------------------------


def test_published_opinions_and_their_word_cloud(client, room, report):
    prompt = OpinionPrompt.objects.create(
        room=room, text_en="What will you take home?", text_ko="무엇을 가져가시겠습니까?"
    )
    opinion(prompt, "Cloud payroll saves time", "en")
    opinion(
        prompt,
        "La nómina en la nube ahorra tiempo",
        "es",
        translations={"en": "Payroll in the cloud saves time"},
    )
    opinion(prompt, "Cloud training for officials", "en")
    opinion(prompt, "Not yet moderated", "en", status=Opinion.Status.PENDING)
    opinion(prompt, "Rejected words", "en", status=Opinion.Status.REJECTED)

    html = read(client, report)
    assert "What will you take home?" in html
    assert "Cloud payroll saves time" in html
    assert "Payroll in the cloud saves time" in html  # the English translation
    assert '<p lang="es">La nómina en la nube ahorra tiempo</p>' in html
    assert "Not yet moderated" not in html and "Rejected words" not in html
    words = re.findall(
        r'<li class="word-cloud__word word-cloud__word--(\d)">([^<]+)<', between(html, "word-cloud")
    )
    assert words[0] == ("5", "cloud")
    assert "moderated" not in {word for _weight, word in words}
    assert "무엇을 가져가시겠습니까?" in read(client, report, "ko")


# Every language, and the cost ------------------------------------------------------------------


def fill_room(room, size):
    for index in range(size):
        question(room, f"Question {index}", votes=index, language="en", translations={"ko": "질문"})
        made, options = poll(room, {"en": f"Poll {index}"}, [{"en": "A"}, {"en": "B"}, {"en": "C"}])
        answer(made, options[:2], room)
        prompt = OpinionPrompt.objects.create(room=room, text_en=f"Prompt {index}")
        opinion(prompt, f"Opinion about payroll {index}", "en")
        RegistrationFactory(webinar=room.webinar, country=["UY", "KZ", "MN"][index % 3])


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_report_reads_in_every_language(client, room, report, code):
    fill_room(room, 2)
    html = read(client, report, code)
    assert f'<html lang="{code}">' in html
    assert "Poll 1" in html and "Opinion about payroll 1" in html


def test_queries_do_not_grow_with_questions_polls_and_opinions(
    room, report, django_assert_max_num_queries
):
    fill_room(room, 1)
    page = WebinarReportPage.objects.get(pk=report.pk)
    with CaptureQueriesContext(connection) as small:
        report_context(page)
    fill_room(room, 8)
    page = WebinarReportPage.objects.get(pk=report.pk)
    with django_assert_max_num_queries(len(small.captured_queries)):
        context = report_context(page)
        assert len(context["polls"]) == 9


# The spreadsheet -------------------------------------------------------------------------------


def test_the_spreadsheet_has_a_sheet_per_part_and_no_formulas(client, webinar, room, report):
    RegistrationFactory(webinar=webinar, organisation='=HYPERLINK("http://x")', country="UY")
    question(room, "@SUM(1+1) is my question", votes=3, language="en")
    made, (yes, no) = poll(room, {"en": "Useful?"}, [{"en": "Yes"}, {"en": "No"}])
    answer(made, [yes], room)

    with translation.override("en"):
        url = report.get_url() + report.reverse_subpage("spreadsheet")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == 'attachment; filename="report-digital-hrm.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Summary",
        "By country",
        "By organisation",
        "Questions",
        "Polls",
        "Opinions",
    ]
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(values_only=True)}
    assert summary["Registrants"] == 1 and summary["Questions asked"] == 1
    organisations = list(workbook["By organisation"].iter_rows(values_only=True))
    assert organisations[1][0] == '\'=HYPERLINK("http://x")'
    questions = list(workbook["Questions"].iter_rows(values_only=True))
    assert questions[1][0] == "'@SUM(1+1) is my question"
    polls = list(workbook["Polls"].iter_rows(values_only=True))
    assert polls[1:] == [("Useful?", "Yes", 1, 100, 1), ("Useful?", "No", 0, 0, 1)]
    assert all(
        cell.data_type != "f" for sheet in workbook for row in sheet.iter_rows() for cell in row
    )


def test_the_report_links_the_spreadsheet_and_the_webinar(client, webinar, report):
    html = read(client, report)
    assert re.search(r'href="[^"]*/report/xlsx/"[^>]*data-testid="xlsx-link"', html)
    with translation.override("en"):
        assert f'href="{webinar.get_url()}"' in html


# Closing the event -----------------------------------------------------------------------------


@pytest.fixture
def publisher(django_user_model, webinars_index):
    """Staff who may publish below the webinars and moderate every room."""
    user = staff_member(django_user_model, "publisher", "moderate_any_room")
    group = user.groups.get()
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=webinars_index, permission=Permission.objects.get(codename=codename)
        )
    return user


@pytest.fixture
def open_room(webinar):
    return Room.objects.create(code="LIVE01", webinar=webinar, is_open=True)


def test_closing_the_event_closes_the_room_and_publishes_the_report_in_every_language(
    publisher, webinar, open_room
):
    report = close_event(webinar, publisher)

    open_room.refresh_from_db()
    assert not open_room.is_open
    # Participants in the room are told: the room's event says it is closed.
    closed = Event.objects.filter(room=open_room, type="room.updated").get()
    assert closed.payload["room"]["open"] is False
    assert report.live
    assert webinar.report().pk == report.pk
    for code in LANGUAGES:
        assert getattr(report, f"slug_{code}") == "report"
        assert getattr(report, f"title_{code}")


def test_closing_twice_makes_one_report_and_one_event(publisher, webinar, open_room):
    first = close_event(webinar, publisher)
    second = close_event(webinar, publisher)
    assert first.pk == second.pk
    assert WebinarReportPage.objects.child_of(webinar).count() == 1
    assert Event.objects.filter(room=open_room, type="room.updated").count() == 1


def test_staff_who_may_not_publish_cannot_close_the_event(
    client, django_user_model, webinar, open_room
):
    moderator = staff_member(django_user_model, "moderator", "moderate_any_room")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        close_event(webinar, moderator)
    client.force_login(moderator)
    assert client.get(close_event_url(webinar)).status_code == 403
    assert client.post(close_event_url(webinar)).status_code == 403
    open_room.refresh_from_db()
    assert open_room.is_open
    assert not WebinarReportPage.objects.exists()


def test_a_publisher_who_cannot_close_the_room_is_told_why(
    client, django_user_model, webinars_index, webinar, open_room
):
    user = staff_member(django_user_model, "editor")
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=user.groups.get(),
            page=webinars_index,
            permission=Permission.objects.get(codename=codename),
        )
    client.force_login(user)
    response = client.post(close_event_url(webinar))
    assert response.status_code == 403
    assert "LIVE01" in response.content.decode()
    assert "You cannot moderate this room." in response.content.decode()
    assert not WebinarReportPage.objects.exists()


def test_staff_close_the_event_from_the_webinars_admin_page(client, publisher, webinar, open_room):
    client.force_login(publisher)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[webinar.pk])).content.decode()
    assert close_event_url(webinar) in edit

    confirmation = client.get(close_event_url(webinar)).content.decode()
    assert "LIVE01" in confirmation
    assert 'name="csrfmiddlewaretoken"' in confirmation

    response = client.post(close_event_url(webinar), follow=True)
    report = WebinarReportPage.objects.get()
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[report.pk])
    assert "The event is closed and its report is published." in response.content.decode()
    # Done: the button is gone from the webinar's page.
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[webinar.pk])).content.decode()
    assert close_event_url(webinar) not in edit
