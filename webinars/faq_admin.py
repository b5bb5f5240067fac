"""Staff tools to answer a webinar's questions on its case pages (registered by
webinars/wagtail_hooks.py): "Questions for case pages" lists a webinar's room questions, and
"Answer on a case page" writes the answer, in each language, onto one of the case studies
presented at the webinar (webinars.faq.add_to_case). Thin: parse, ask webinars.faq, render."""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import Button

from portal.models import language_codes

from . import faq
from .models import RICH_TEXT_FEATURES, WebinarPage

FAQ_INDEX = "webinar_faq_index"
FAQ_QUESTIONS = "webinar_faq_questions"
FAQ_ANSWER = "webinar_faq_answer"

# The list's filter (?answered=yes|no): the value, and what the service is asked.
ANSWERED_FILTER = {"yes": True, "no": False}


def questions_url(webinar):
    return reverse(FAQ_QUESTIONS, args=[webinar.pk])


def answer_url(webinar, question):
    return reverse(FAQ_ANSWER, args=[webinar.pk, question.pk])


def language_names():
    return dict(settings.LANGUAGES)


class WebinarFaqMixin(WagtailAdminTemplateMixin):
    """A view about one webinar, open to staff who may edit its page."""

    header_icon = "help"

    def dispatch(self, request, pk, *args, **kwargs):
        self.webinar = get_object_or_404(WebinarPage, pk=pk)
        if not faq.can_prepare(request.user, self.webinar):
            raise PermissionDenied
        return super().dispatch(request, pk, *args, **kwargs)

    def get_page_subtitle(self):
        return self.webinar.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(FAQ_INDEX), "label": gettext("Questions for case pages")},
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.webinar.pk]),
                "label": self.webinar.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]


# Every webinar the staff member may prepare ----------------------------------------------------


class FaqIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "webinars/admin/faq_index.html"
    page_title = _("Questions for case pages")
    header_icon = "help"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["webinars"] = [
            {
                "webinar": webinar,
                "url": questions_url(webinar),
                "questions": faq.room_questions(webinar).count(),
                "cases": len(faq.linked_cases(webinar)),
            }
            for webinar in faq.preparable_webinars(self.request.user)
        ]
        return context


# One webinar's questions -----------------------------------------------------------------------


class QuestionListView(WebinarFaqMixin, TemplateView):
    template_name = "webinars/admin/faq_questions.html"
    page_title = _("Questions for case pages")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shown = self.request.GET.get("answered", "")
        if shown not in ANSWERED_FILTER:
            shown = ""
        questions = list(faq.room_questions(self.webinar, ANSWERED_FILTER.get(shown)))
        placed = faq.placements(self.webinar)
        names = language_names()
        cases = faq.linked_cases(self.webinar)
        editable = faq.editable_cases(self.request.user, self.webinar)
        base = questions_url(self.webinar)
        context.update(
            webinar=self.webinar,
            cases=cases,
            editable_cases=editable,
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.webinar.pk]),
            filters=[
                (value, label, f"{base}?answered={value}" if value else base, value == shown)
                for value, label in (
                    ("", pgettext_lazy("questions", "All")),
                    ("yes", _("Answered")),
                    ("no", _("Not answered")),
                )
            ],
            rows=[
                {
                    "question": question,
                    "language": names.get(question.language, question.language),
                    "translations": [
                        (code, names[code], question.translations[code])
                        for code in language_codes()
                        if (question.translations or {}).get(code)
                    ],
                    "placements": [
                        {
                            "case": case,
                            "published": published,
                            "url": reverse("wagtailadmin_pages:edit", args=[case.pk]),
                        }
                        for case, published in placed.get(question.pk, [])
                    ],
                    "answer_url": answer_url(self.webinar, question) if editable else "",
                }
                for question in questions
            ],
        )
        return context


# Answering one question on a case page ------------------------------------------------------------


class SafeDraftailWidget(DraftailRichTextArea):
    """The page editor's rich text box; a value that is not the editor's JSON counts as empty
    (the form then asks for the answer) instead of failing the request."""

    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except (ValueError, TypeError, KeyError, AttributeError):
            return ""


class CaseAnswerForm(forms.Form):
    """Which case page, and the question and answer per language (English required)."""

    case = forms.TypedChoiceField(label=_("Case study"), coerce=int)

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.cases = {case.pk: case for case in cases}
        self.fields["case"].choices = [(case.pk, case.get_admin_display_title()) for case in cases]
        if len(cases) == 1:
            self.fields["case"].initial = cases[0].pk
        names = language_names()
        for code in language_codes():
            default = code == settings.LANGUAGE_CODE
            self.fields[f"question_{code}"] = forms.CharField(
                label=_("Question (%(language)s)") % {"language": names[code]},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "lang": code}),
            )
            self.fields[f"answer_{code}"] = forms.CharField(
                label=_("Answer (%(language)s)") % {"language": names[code]},
                required=False,
                widget=SafeDraftailWidget(features=RICH_TEXT_FEATURES, attrs={"lang": code}),
                help_text=(
                    _("Required.")
                    if default
                    else _("Leave empty to show readers of this language the English text.")
                ),
            )
            self.fields[f"question_{code}"].language = code
            self.fields[f"answer_{code}"].language = code

    # English is checked on the server: the rich text box has no native "required".
    use_required_attribute = False

    def languages(self):
        """(code, name, question field, answer field) per language, for the template."""
        names = language_names()
        return [
            (code, names[code], self[f"question_{code}"], self[f"answer_{code}"])
            for code in language_codes()
        ]

    def clean(self):
        cleaned = super().clean()
        texts = {}
        for code in language_codes():
            question = cleaned.get(f"question_{code}", "")
            answer = cleaned.get(f"answer_{code}", "")
            # A language is included when its answer is written: a question left as prefilled
            # (from the room's translations) with no answer is not asked for.
            if code == settings.LANGUAGE_CODE or faq.clean_answer(answer):
                texts[code] = {"question": question, "answer": answer}
        try:
            self.texts = faq.clean_texts(texts)
        except ValidationError as invalid:
            for field, errors in invalid.message_dict.items():
                self.add_error(None if field == "__all__" else field, errors)
        return cleaned

    def chosen_case(self):
        return self.cases[self.cleaned_data["case"]]


class AnswerOnCaseView(WebinarFaqMixin, TemplateView):
    template_name = "webinars/admin/faq_answer.html"
    page_title = _("Answer on a case page")

    @cached_property
    def question(self):
        return get_object_or_404(faq.room_questions(self.webinar), pk=self.kwargs["question_id"])

    @cached_property
    def cases(self):
        return faq.editable_cases(self.request.user, self.webinar)

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        items.insert(
            -1,
            {"url": questions_url(self.webinar), "label": gettext("Questions")},
        )
        return items

    def form(self, data=None):
        initial = {}
        for code, pair in faq.initial_texts(self.question).items():
            initial[f"question_{code}"] = pair["question"]
            initial[f"answer_{code}"] = pair["answer"]
        return CaseAnswerForm(data, cases=self.cases, initial=initial)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        names = language_names()
        question = self.question
        context.update(
            webinar=self.webinar,
            question=question,
            language=names.get(question.language, question.language),
            placements=[
                case for case, _published in faq.placements(self.webinar).get(question.pk, [])
            ],
            back_url=questions_url(self.webinar),
        )
        context.setdefault("form", self.form())
        context["media"] = context["form"].media
        return context

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        case = form.chosen_case()
        try:
            added = faq.add_to_case(case, self.webinar, self.question, form.texts, request.user)
        except PermissionDenied as refusal:
            # Their rights on the case changed since the form was shown.
            form.add_error(None, str(refusal) or gettext("You may not edit this case study."))
            return self.render_to_response(self.get_context_data(form=form), status=403)
        except ValidationError as invalid:
            for field, errors in invalid.message_dict.items():
                form.add_error(None if field == "__all__" else field, errors)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        buttons = [
            messages.button(
                reverse("wagtailadmin_pages:edit", args=[case.pk]), gettext("Edit the case study")
            )
        ]
        if added.published:
            buttons.append(messages.button(case.url or "", gettext("View live"), new_window=True))
            messages.success(request, faq.outcome_message(added, case), buttons=buttons)
        else:
            messages.warning(request, faq.outcome_message(added, case), buttons=buttons)
        return redirect(questions_url(self.webinar))


@hooks.register("register_admin_urls")
def register_faq_admin_urls():
    return [
        path("webinars/case-questions/", FaqIndexView.as_view(), name=FAQ_INDEX),
        path(
            "webinars/<int:pk>/case-questions/",
            QuestionListView.as_view(),
            name=FAQ_QUESTIONS,
        ),
        path(
            "webinars/<int:pk>/case-questions/<int:question_id>/",
            AnswerOnCaseView.as_view(),
            name=FAQ_ANSWER,
        ),
    ]


# In the Webinars menu and on webinar pages ------------------------------------------------------


class FaqMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(faq.preparable_webinars(request.user))


class FaqMenuViewSet(ViewSet):
    """The "Questions for case pages" entry of the Webinars menu (webinars/wagtail_hooks.py
    lists it in WebinarsMenu.items); its views are registered above."""

    name = "webinar_faq"
    icon = "help"
    menu_label = _("Questions for case pages")
    menu_item_class = FaqMenuItem

    @property
    def menu_url(self):
        return reverse(FAQ_INDEX)

    def get_urlpatterns(self):
        return []


def _faq_buttons(page, user, priority):
    if not issubclass(page.specific_class or type(page), WebinarPage):
        return []
    webinar = page.specific_deferred
    if not webinar.qa_rooms.exists() or not faq.can_prepare(user, webinar):
        return []
    return [
        Button(
            _("Questions for case pages"),
            url=questions_url(webinar),
            icon_name="help",
            priority=priority,
        )
    ]


@hooks.register("register_page_header_buttons")
def faq_header_button(page, user, view_name=None, next_url=None):
    return _faq_buttons(page, user, priority=85)


@hooks.register("register_page_listing_more_buttons")
def faq_listing_button(page, user, next_url=None):
    return _faq_buttons(page, user, priority=85)
