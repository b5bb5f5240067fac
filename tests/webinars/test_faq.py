"""From Q&A to knowledge: staff answer a webinar's room questions on the case studies presented
there; readers of the case study see them in their language with "Asked at <webinar>"."""

import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea
from wagtail.models import GroupPagePermission

from cases.factories import CaseIndexPageFactory, CaseStudyPageFactory
from cases.models import CaseStudyPage
from qa.models import Participant, Question, Room
from webinars import faq
from webinars.factories import WebinarPageFactory
from webinars.faq_admin import answer_url, questions_url
from webinars.models import RICH_TEXT_FEATURES, CaseQuestion, WebinarCaseLink

TEXTS = {
    "en": {
        "question": "How long did the move to the cloud take?",
        "answer": "<p>About two years, from 2011 to 2012.</p>",
    },
    "ko": {
        "question": "클라우드 전환에 얼마나 걸렸나요?",
        "answer": "<p>2011년부터 2012년까지 약 2년이 걸렸습니다.</p>",
    },
}


# The world: a webinar with a room, two case studies presented there, one that was not ----------


def published(page):
    """As an editor leaves a page: its content in a published revision."""
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def library(home):
    return CaseIndexPageFactory(parent=home, title_ko="사례", slug_ko="사례")


@pytest.fixture
def esaram(library):
    return published(
        CaseStudyPageFactory(
            parent=library,
            title="e-Saram, the electronic HR system",
            slug="e-saram",
            title_ko="전자인사관리시스템 e-사람",
            slug_ko="e-사람",
            intro_ko="한국어 요약입니다.",
        )
    )


@pytest.fixture
def elearning(library):
    return published(
        CaseStudyPageFactory(parent=library, title="The e-learning platform", slug="e-learning")
    )


@pytest.fixture
def unrelated(library):
    return CaseStudyPageFactory(parent=library, title="Open recruitment", slug="recruitment")


@pytest.fixture
def webinar(webinars_index, esaram, elearning):
    webinar = WebinarPageFactory(
        parent=webinars_index,
        title="Korea's Digital HRM with the IDB",
        slug="digital-hrm",
        title_ko="한국의 디지털 인사관리 웨비나",
        slug_ko="digital-hrm",
        starts_at=timezone.now() - timezone.timedelta(days=3),
    )
    WebinarCaseLink.objects.create(page=webinar, case=esaram, sort_order=0)
    WebinarCaseLink.objects.create(page=webinar, case=elearning, sort_order=1)
    return webinar


@pytest.fixture
def room(webinar):
    return Room.objects.create(code="HRM2020", webinar=webinar, is_open=False)


def asked(room, text, language="en", votes=0, answered=False, status="published", **fields):
    author = Participant.objects.create(room=room, display_name="Ana", country="UY")
    return Question.objects.create(
        room=room,
        author=author,
        text=text,
        language=language,
        vote_count=votes,
        answered=answered,
        status=status,
        published_at=timezone.now(),
        **fields,
    )


@pytest.fixture
def question(room):
    return asked(
        room,
        "클라우드 전환에 얼마나 걸렸나요?",
        language="ko",
        votes=7,
        answered=True,
        answer="About two years.\nFrom 2011 to 2012.",
        translations={"en": "How long did the move to the cloud take?"},
    )


def staff(django_user_model, username, pages_and_codenames):
    """Admin access plus page permissions: [(page, codename), ...]."""
    user = django_user_model.objects.create_user(username, password="staff-pass-2026")
    group = Group.objects.create(name=f"{username} group")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for page, codename in pages_and_codenames:
        GroupPagePermission.objects.create(
            group=group, page=page, permission=Permission.objects.get(codename=codename)
        )
    user.groups.add(group)
    return user


@pytest.fixture
def publisher(django_user_model, webinars_index, library):
    """May edit and publish webinars and case studies."""
    return staff(
        django_user_model,
        "publisher",
        [
            (webinars_index, "change_page"),
            (library, "change_page"),
            (library, "publish_page"),
        ],
    )


@pytest.fixture
def editor(django_user_model, webinars_index, esaram):
    """May edit the webinars and the e-Saram case only, and publish nothing."""
    return staff(
        django_user_model, "editor", [(webinars_index, "change_page"), (esaram, "change_page")]
    )


def rich(html):
    """What the page editor's rich text box posts."""
    return DraftailRichTextArea(features=RICH_TEXT_FEATURES).format_value(html)


def form_data(case, texts=TEXTS):
    data = {"case": str(case.pk)}
    for code in ("en", "ko", "es", "ru"):
        pair = texts.get(code, {})
        data[f"question_{code}"] = pair.get("question", "")
        data[f"answer_{code}"] = rich(pair.get("answer", ""))
    return data


def read(client, page, code):
    with translation.override(code):
        url = page.get_url()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def faq_section(html):
    match = re.search(r'<section[^>]*data-testid="case-faq".*?</section>', html, re.S)
    return match.group(0) if match else ""


# The service -------------------------------------------------------------------------------------


def test_a_publisher_puts_the_answer_live_in_each_language(
    client, webinar, esaram, question, publisher
):
    added = faq.add_to_case(esaram, webinar, question, TEXTS, publisher)

    assert added.published
    item = CaseQuestion.objects.get(page=esaram)
    assert item.source_question == question and item.webinar == webinar
    assert item.question_ko == TEXTS["ko"]["question"]
    assert "2011" in item.answer_en
    esaram.refresh_from_db()
    assert esaram.live_revision == added.revision
    assert added.revision.user == publisher
    assert "published on" in faq.outcome_message(added, esaram)

    korean = faq_section(read(client, esaram, "ko"))
    assert TEXTS["ko"]["question"] in korean and "약 2년이 걸렸습니다" in korean
    assert 'lang="en"' not in korean
    assert "한국의 디지털 인사관리 웨비나</a>" in korean
    english = faq_section(read(client, esaram, "en"))
    assert TEXTS["en"]["question"] in english and "Asked at" in english
    assert "Korea&#x27;s Digital HRM with the IDB</a>" in english


def test_an_editor_who_may_not_publish_leaves_a_draft_for_review(
    client, webinar, esaram, question, editor
):
    added = faq.add_to_case(esaram, webinar, question, TEXTS, editor)

    assert not added.published
    assert "draft" in faq.outcome_message(added, esaram)
    assert not CaseQuestion.objects.filter(page=esaram).exists()
    assert faq_section(read(client, esaram, "en")) == ""
    draft = CaseStudyPage.objects.get(pk=esaram.pk).get_latest_revision_as_object()
    assert [item.source_question_id for item in draft.faq.all()] == [question.pk]


def test_someone_elses_unpublished_edit_is_not_published_with_the_answer(
    webinar, esaram, question, publisher, editor
):
    page = esaram.get_latest_revision_as_object()
    page.intro = "An unfinished rewrite."
    page.save_revision(user=editor)

    added = faq.add_to_case(
        CaseStudyPage.objects.get(pk=esaram.pk), webinar, question, TEXTS, publisher
    )

    assert not added.published and added.reason == faq.OTHER_CHANGES
    assert CaseStudyPage.objects.get(pk=esaram.pk).intro != "An unfinished rewrite."


def test_staff_who_may_not_edit_the_case_are_refused(webinar, elearning, question, editor):
    with pytest.raises(PermissionDenied):
        faq.add_to_case(elearning, webinar, question, TEXTS, editor)
    assert not CaseQuestion.objects.exists()


def test_wrong_questions_cases_and_texts_are_form_errors(
    webinars_index, webinar, esaram, unrelated, question, room, publisher
):
    other = WebinarPageFactory(parent=webinars_index, title="Another webinar")
    elsewhere = asked(Room.objects.create(code="OTHER1", webinar=other), "Elsewhere?")
    pending = asked(room, "Not yet published?", status="pending")

    def error_fields(case, question_, texts=TEXTS):
        with pytest.raises(ValidationError) as raised:
            faq.add_to_case(case, webinar, question_, texts, publisher)
        return set(raised.value.message_dict)

    assert error_fields(esaram, elsewhere) == {"__all__"}
    assert error_fields(esaram, pending) == {"__all__"}
    assert error_fields(unrelated, question) == {"case"}
    assert error_fields(esaram, question, {"ko": TEXTS["ko"]}) == {"question_en", "answer_en"}
    assert error_fields(
        esaram, question, {**TEXTS, "es": {"question": "", "answer": "<p>Dos años.</p>"}}
    ) == {"question_es"}
    assert error_fields(esaram, question, {**TEXTS, "xx": TEXTS["en"]}) == {"__all__"}

    faq.add_to_case(esaram, webinar, question, TEXTS, publisher)
    assert error_fields(CaseStudyPage.objects.get(pk=esaram.pk), question) == {"case"}
    assert CaseQuestion.objects.filter(page=esaram).count() == 1


def test_only_the_allowed_rich_text_reaches_the_page(webinar, esaram, question, publisher):
    texts = {
        "en": {
            "question": "<b>Is this bold?</b>",
            "answer": '<p>Yes <script>alert(1)</script><a href="javascript:alert(2)">x</a></p>',
        }
    }
    faq.add_to_case(esaram, webinar, question, texts, publisher)
    item = CaseQuestion.objects.get()
    assert "<script" not in item.answer_en and "javascript:" not in item.answer_en
    # HTML the editor's parser cannot read keeps its words, not its markup.
    assert faq.clean_answer("<p>Two<br>years</p>") == "<p>Two years</p>"


# The admin ---------------------------------------------------------------------------------------


def test_the_list_shows_the_rooms_questions_answered_first_to_who_may_edit_the_webinar(
    client, webinar, room, question, editor, django_user_model
):
    asked(room, "An unanswered question with many votes?", votes=30)
    asked(room, "A rejected one", status="rejected")
    asked(room, "A later archived answered one?", answered=True, votes=1, status="archived")

    client.force_login(editor)
    html = client.get(questions_url(webinar)).content.decode()
    rows = re.findall(r'<tr data-testid="faq-question">(.*?)</tr>', html, re.S)
    texts = [re.search(r"<p[^>]*>(.*?)</p>", row).group(1) for row in rows]
    assert texts == [
        "클라우드 전환에 얼마나 걸렸나요?",
        "A later archived answered one?",
        "An unanswered question with many votes?",
    ]
    assert "How long did the move to the cloud take?" in rows[0]
    assert answer_url(webinar, question) in rows[0]

    unanswered = client.get(questions_url(webinar) + "?answered=no").content.decode()
    assert unanswered.count('data-testid="faq-question"') == 1
    assert client.get(questions_url(webinar) + "?answered=maybe").status_code == 200

    # Staff who may not edit the webinar are turned away as everywhere in the admin.
    stranger = staff(django_user_model, "stranger", [])
    client.force_login(stranger)
    for url in (questions_url(webinar), answer_url(webinar, question)):
        refused = client.get(url, follow=True)
        assert refused.redirect_chain[-1][0] == "/admin/"
        assert "do not have permission" in refused.content.decode()
        assert "How long did the move" not in refused.content.decode()


def test_the_form_starts_from_the_room_and_offers_only_cases_the_user_may_edit(
    client, webinar, esaram, question, editor
):
    client.force_login(editor)
    response = client.get(answer_url(webinar, question))
    form = response.context["form"]
    assert [pk for pk, _label in form.fields["case"].choices] == [esaram.pk]
    assert form.initial["question_ko"] == "클라우드 전환에 얼마나 걸렸나요?"
    assert form.initial["question_en"] == "How long did the move to the cloud take?"
    assert form.initial["answer_en"] == "<p>About two years.</p><p>From 2011 to 2012.</p>"
    assert "About two years." in response.content.decode()
    assert form.initial["answer_ko"] == ""


def test_answering_on_a_case_page_from_the_admin(client, webinar, esaram, question, publisher):
    client.force_login(publisher)
    response = client.post(answer_url(webinar, question), form_data(esaram), follow=True)

    assert response.redirect_chain[-1][0] == questions_url(webinar)
    notices = [str(message) for message in response.context["messages"]]
    assert any("published on" in notice for notice in notices), notices
    assert CaseQuestion.objects.get(page=esaram).question_ko == TEXTS["ko"]["question"]
    # The list now says where the question is.
    assert "published" in re.search(
        r'<tr data-testid="faq-question">(.*?)</tr>', response.content.decode(), re.S
    ).group(1)

    again = client.post(answer_url(webinar, question), form_data(esaram))
    assert again.status_code == 400
    assert "already on this case study" in again.content.decode()


def test_a_korean_question_left_without_an_answer_is_not_published_half(
    client, webinar, esaram, question, publisher
):
    client.force_login(publisher)
    data = form_data(esaram, {"en": TEXTS["en"]})
    data["question_ko"] = "클라우드 전환에 얼마나 걸렸나요?"  # prefilled, no Korean answer
    assert client.post(answer_url(webinar, question), data).status_code == 302
    item = CaseQuestion.objects.get()
    assert not item.question_ko and not item.answer_ko


@pytest.mark.parametrize(
    "change",
    [
        {"question_en": "", "answer_en": ""},
        {"case": "not-a-number"},
        {"case": "999999"},
        {"answer_en": "{not the editor's json"},
        {"answer_es": json.dumps({"blocks": "nonsense"})},
    ],
)
def test_bad_input_is_a_form_error_not_a_crash(
    client, webinar, esaram, question, publisher, change
):
    client.force_login(publisher)
    data = {**form_data(esaram, {"en": TEXTS["en"]}), **change}
    response = client.post(answer_url(webinar, question), data)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert not CaseQuestion.objects.exists()


def test_a_case_not_editable_by_the_user_is_not_a_choice(
    client, webinar, elearning, question, editor
):
    client.force_login(editor)
    response = client.post(answer_url(webinar, question), form_data(elearning))
    assert response.status_code == 400
    assert not CaseQuestion.objects.exists()


def test_questions_of_another_webinar_are_not_found_here(
    client, webinars_index, webinar, question, publisher
):
    other = WebinarPageFactory(parent=webinars_index, title="Another webinar")
    client.force_login(publisher)
    assert client.get(answer_url(other, question), follow=True).status_code == 404


def test_the_form_needs_its_csrf_token(webinar, esaram, question, publisher):
    client = Client(enforce_csrf_checks=True)
    client.force_login(publisher)
    assert client.post(answer_url(webinar, question), form_data(esaram)).status_code == 403
    assert not CaseQuestion.objects.exists()


def test_webinar_pages_in_the_admin_link_to_the_list(client, webinar, room, editor):
    client.force_login(editor)
    html = client.get(f"/admin/pages/{webinar.pk}/edit/").content.decode()
    assert questions_url(webinar) in html
    index = client.get("/admin/webinars/case-questions/").content.decode()
    assert questions_url(webinar) in index


# The case page -----------------------------------------------------------------------------------


def test_english_shown_on_a_korean_page_is_marked_and_a_draft_webinar_is_not_linked(
    client, webinar, esaram, question, publisher
):
    faq.add_to_case(esaram, webinar, question, {"en": TEXTS["en"]}, publisher)
    webinar.unpublish()

    korean = read(client, esaram, "ko")
    section = faq_section(korean)
    assert f'<h3 class="case-faq__question" lang="en">{TEXTS["en"]["question"]}</h3>' in section
    assert 'class="rich-text case-faq__answer" lang="en"' in section
    assert "<span>한국의 디지털 인사관리 웨비나</span>" in section
    assert "<a" not in section.split('data-testid="case-faq-asked"')[1]
    assert 'href="#faq"' in korean


def test_a_case_without_questions_has_no_section(client, esaram):
    html = read(client, esaram, "en")
    assert 'data-testid="case-faq"' not in html and 'href="#faq"' not in html


@pytest.mark.parametrize("count", [1, 6])
def test_case_page_queries_do_not_grow_with_questions(
    client, webinars_index, webinar, esaram, room, publisher, django_assert_max_num_queries, count
):
    for number in range(count):
        other = WebinarPageFactory(
            parent=webinars_index, title=f"Webinar {number}", slug=f"webinar-{number}"
        )
        WebinarCaseLink.objects.create(page=other, case=esaram)
        source = asked(Room.objects.create(code=f"ROOM{number}", webinar=other), f"Q{number}?")
        faq.add_to_case(CaseStudyPage.objects.get(pk=esaram.pk), other, source, TEXTS, publisher)
    with translation.override("ko"):
        url = esaram.get_url()
    client.get(url)
    # The existing case page budget (tests/cases/test_case_page.py), plus one for the section.
    with django_assert_max_num_queries(29):
        response = client.get(url)
    assert response.content.decode().count('data-testid="case-faq-item"') == count


def test_the_webinars_menu_entry_is_shown_to_who_may_prepare_a_webinar(
    rf, webinar, room, editor, django_user_model
):
    from webinars.faq_admin import FAQ_INDEX, FaqMenuViewSet

    item = FaqMenuViewSet().get_menu_item()
    assert item.url == reverse(FAQ_INDEX)
    request = rf.get("/admin/")
    request.user = editor
    assert item.is_shown(request)
    request.user = staff(django_user_model, "stranger", [])
    assert not item.is_shown(request)


def test_rights_withdrawn_while_the_form_was_open_are_a_403(
    client, webinar, esaram, question, editor, monkeypatch
):
    client.force_login(editor)
    # The form offered e-Saram; by the time it is sent, the editor may no longer edit it.
    monkeypatch.setattr(faq, "editable_cases", lambda user, webinar: [esaram])
    GroupPagePermission.objects.filter(group__user=editor, page=esaram).delete()
    response = client.post(answer_url(webinar, question), form_data(esaram))
    assert response.status_code == 403
    assert "You may not edit this case study." in response.content.decode()
    assert not CaseQuestion.objects.exists()
