"""From Q&A to knowledge: a question asked in a webinar's live room, answered by staff on a
case study presented there ("Asked at <webinar>", webinars.CaseQuestion).

The answer goes onto the case page through a new revision, like any other edit: it is
published when the staff member may publish the page, else it waits as a draft for review.
The admin (webinars/faq_admin.py) and the case page's FAQ section ask here."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.translation import get_language, gettext
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from portal.models import language_codes
from qa.models import Question

from .models import RICH_TEXT_FEATURES, CaseQuestion, WebinarPage

# The room questions staff may take to a case page: the ones readers of the room saw.
OFFERED_STATUSES = (Question.Status.PUBLISHED, Question.Status.ARCHIVED)

# Why an added answer waits as a draft (Added.reason).
CANNOT_PUBLISH = "cannot_publish"
OTHER_CHANGES = "other_changes"
NOT_LIVE = "not_live"


@dataclass
class Added:
    item: CaseQuestion
    revision: object
    published: bool
    reason: str = ""  # why it stays a draft (one of the constants above)


# Who may do what --------------------------------------------------------------------------------


def can_prepare(user, webinar):
    """Whether `user` may take this webinar's questions to case pages: they may edit it."""
    return webinar.permissions_for_user(user).can_edit()


def linked_cases(webinar):
    """The case studies linked to the webinar as presented there, in the webinar's order."""
    from cases.models import CaseStudyPage

    return list(
        CaseStudyPage.objects.filter(webinar_links__page=webinar)
        .order_by("webinar_links__sort_order", "pk")
        .distinct()
    )


def editable_cases(user, webinar):
    """The webinar's linked cases `user` may edit: the ones they may answer on."""
    return [case for case in linked_cases(webinar) if case.permissions_for_user(user).can_edit()]


def preparable_webinars(user):
    """Webinars with a Q&A room whose page `user` may edit, newest first."""
    webinars = WebinarPage.objects.filter(qa_rooms__isnull=False).distinct().order_by("-starts_at")
    return [webinar for webinar in webinars if can_prepare(user, webinar)]


# What the admin lists -----------------------------------------------------------------------------


def room_questions(webinar, answered=None):
    """The questions readers of the webinar's rooms saw: answered ones first, then by votes.
    `answered` True or False keeps only those."""
    questions = Question.objects.filter(room__webinar=webinar, status__in=OFFERED_STATUSES)
    if answered is not None:
        questions = questions.filter(answered=answered)
    return questions.select_related("room").order_by("-answered", "-vote_count", "created_at", "pk")


def placements(webinar):
    """{qa question id: [(case, published?)]}: where the webinar's questions already are, on
    the published case pages or in their latest drafts."""
    found = {}
    for case in linked_cases(webinar):
        live = set(
            CaseQuestion.objects.filter(page=case, source_question__isnull=False).values_list(
                "source_question_id", flat=True
            )
        )
        drafted = set()
        if case.latest_revision_id and case.latest_revision_id != case.live_revision_id:
            content = case.latest_revision.content or {}
            drafted = {
                item.get("source_question")
                for item in content.get("faq", [])
                if item.get("source_question")
            }
        for question_id in sorted(live | drafted):
            found.setdefault(question_id, []).append((case, question_id in live))
    return found


def initial_texts(question):
    """The texts to start from, per language: the question as asked (in the language it was
    written in) and its translations; the moderator's written answer in English."""
    codes = language_codes()
    texts = {code: {"question": "", "answer": ""} for code in codes}
    for code, text in (question.translations or {}).items():
        if code in texts and text:
            texts[code]["question"] = text
    original = question.language if question.language in texts else settings.LANGUAGE_CODE
    texts[original]["question"] = question.text
    if question.answer:
        # One paragraph per line: the rich text editor reads paragraphs, not line breaks.
        lines = [line.strip() for line in question.answer.splitlines() if line.strip()]
        texts[settings.LANGUAGE_CODE]["answer"] = format_html_join(
            "", "<p>{}</p>", ((line,) for line in lines)
        )
    return texts


# Adding an answer to a case page --------------------------------------------------------------


def clean_answer(html):
    """Rich text as the page editor would store it: only the features the field allows."""
    converter = ContentstateConverter(RICH_TEXT_FEATURES)
    try:
        cleaned = converter.to_database_format(converter.from_database_format(html or ""))
    except (AssertionError, ValueError, KeyError, TypeError):
        # HTML the editor's parser cannot follow (e.g. an unclosed <br>): keep its text only.
        words = strip_tags(html.replace("<", " <")).split()
        cleaned = format_html("<p>{}</p>", " ".join(words))
    return cleaned if _has_text(cleaned) else ""


def _has_text(html):
    return bool(strip_tags(html).replace("&nbsp;", " ").strip())


def clean_texts(texts):
    """{code: {"question", "answer"}} with English filled and every language given whole;
    raises ValidationError keyed by form field (question_<code>, answer_<code>)."""
    codes = language_codes()
    default = settings.LANGUAGE_CODE
    errors = {}
    cleaned = {}
    for code, pair in (texts or {}).items():
        if code not in codes:
            errors.setdefault("__all__", []).append(
                gettext("“%(code)s” is not a language of the site.") % {"code": code}
            )
            continue
        question = (pair.get("question") or "").strip()
        answer = clean_answer(pair.get("answer") or "")
        if not question and not answer:
            continue
        if not question:
            errors[f"question_{code}"] = [gettext("Write the question in this language too.")]
        if not answer:
            errors[f"answer_{code}"] = [gettext("Write the answer in this language too.")]
        cleaned[code] = {"question": question, "answer": answer}
    if default not in cleaned:
        for field in ("question", "answer"):
            errors.setdefault(f"{field}_{default}", [gettext("This field is required.")])
    if errors:
        raise ValidationError(errors)
    return cleaned


def check_question(webinar, question):
    """The question comes from a room of this webinar and readers saw it."""
    if question.room.webinar_id != webinar.pk:
        raise ValidationError(
            {"__all__": [gettext("This question was not asked at this webinar.")]}
        )
    if question.status not in OFFERED_STATUSES:
        raise ValidationError(
            {"__all__": [gettext("Only questions published in the room can go on a case page.")]}
        )


def add_to_case(case_page, webinar, question, texts, user):
    """Add `question`, answered, to the case page's questions from webinars through a new
    revision; publish it when `user` may publish the page, else leave it for review.

    Raises PermissionDenied when `user` may not edit the page, ValidationError (keyed by
    form field: "case", "question_<code>", "answer_<code>", "__all__") on bad input."""
    from cases.models import CaseStudyPage

    if not case_page.permissions_for_user(user).can_edit():
        raise PermissionDenied(gettext("You may not edit this case study."))
    check_question(webinar, question)
    if not webinar.case_links.filter(case_id=case_page.pk).exists():
        raise ValidationError({"case": [gettext("This case study is not linked to the webinar.")]})
    cleaned = clean_texts(texts)

    with transaction.atomic():
        # One writer per case page at a time, so two staff adding at once keep both answers.
        page = CaseStudyPage.objects.select_for_update().get(pk=case_page.pk)
        permissions = page.permissions_for_user(user)
        if permissions.page_locked():
            raise ValidationError(
                {"case": [gettext("This case study is locked for editing by someone else.")]}
            )
        # Decided before saving: the new revision becomes the latest.
        reason = ""
        if not permissions.can_publish():
            reason = CANNOT_PUBLISH
        elif not page.live:
            reason = NOT_LIVE
        elif page.latest_revision_id and page.latest_revision_id != page.live_revision_id:
            # Publishing now would also publish someone's unfinished edits.
            reason = OTHER_CHANGES
        draft = page.get_latest_revision_as_object()
        if any(item.source_question_id == question.pk for item in draft.faq.all()):
            raise ValidationError(
                {"case": [gettext("This question is already on this case study.")]}
            )
        fields = {}
        for code, pair in cleaned.items():
            fields[f"question_{code}"] = pair["question"]
            fields[f"answer_{code}"] = pair["answer"]
        default = cleaned[settings.LANGUAGE_CODE]
        item = CaseQuestion(
            question=default["question"],
            answer=default["answer"],
            webinar=webinar,
            source_question=question,
            **fields,
        )
        items = list(draft.faq.all())
        item.sort_order = max((other.sort_order or 0 for other in items), default=-1) + 1
        draft.faq.add(item)
        try:
            revision = draft.save_revision(user=user, log_action=True)
        except ValidationError as invalid:
            # The latest draft itself does not validate: someone must fix it in the editor.
            raise ValidationError(
                {
                    "case": [
                        gettext(
                            "The latest draft of this case study has errors; fix them in the "
                            "page editor first."
                        )
                    ]
                }
            ) from invalid

        if not reason:
            revision.publish(user=user)
        return Added(item=item, revision=revision, published=not reason, reason=reason)


def outcome_message(added, case_page):
    """What the staff member is told after adding an answer."""
    title = case_page.get_admin_display_title()
    if added.published:
        return gettext("The answer is published on “%(case)s”.") % {"case": title}
    reasons = {
        CANNOT_PUBLISH: gettext(
            "The answer is saved in a draft of “%(case)s” for review: someone who may "
            "publish the page will publish it."
        ),
        NOT_LIVE: gettext(
            "The answer is saved in a draft of “%(case)s”: the case study is not published yet."
        ),
        OTHER_CHANGES: gettext(
            "The answer is saved in a draft of “%(case)s”, not published: the page has other "
            "unpublished changes; publish them together from the page editor."
        ),
    }
    return reasons[added.reason] % {"case": title}


# The case page's section ---------------------------------------------------------------------


def _in_language(item, name, code):
    """(text, language it is in): the reader's language, else English (modeltranslation's
    fallback)."""
    text = getattr(item, f"{name}_{code}", None)
    if text and strip_tags(text).strip():
        return text, code
    default = settings.LANGUAGE_CODE
    return getattr(item, f"{name}_{default}", None) or getattr(item, name, ""), default


def page_questions(case_page, code=None):
    """The case page's questions from webinars as the reader sees them, their webinars loaded
    in the same query: question, answer, the language each is shown in, and the webinar
    ("Asked at"; None once its page is gone)."""
    code = code or get_language()
    shown = []
    for item in case_page.faq.all().select_related("webinar"):
        question, question_language = _in_language(item, "question", code)
        answer, answer_language = _in_language(item, "answer", code)
        shown.append(
            {
                "id": item.pk,
                "question": question,
                "question_language": question_language,
                "answer": answer,
                "answer_language": answer_language,
                "webinar": item.webinar,
            }
        )
    return shown
