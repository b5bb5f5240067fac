"""The post-webinar report: figures from registrations and the webinar's live room.

`report_context` gathers what the report page shows, in the reader's language, in a number of
queries that does not grow with the questions, polls or opinions; `xlsx_response` writes the
same figures as a spreadsheet; `close_event` is what staff do when the webinar is over: close
its rooms and publish the report below it.

Nobody's name is in the report: a question or an opinion carries its author's country at most,
and none when it was posted anonymously.
"""

import io
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext, gettext_lazy, pgettext
from django_countries import countries
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from portal.models import language_codes
from portal.text import clean_text, csv_safe, single_line
from qa import services as qa_services
from qa.language import language_name
from qa.models import (
    Opinion,
    OpinionPrompt,
    Participant,
    Poll,
    PollAnswer,
    PollOption,
    Question,
    Room,
)
from qa.wordcloud import cloud

from .models import Registration, WebinarReportPage

# The questions the report lists, most voted first.
TOP_QUESTIONS = 10
# The slug of the report page below its webinar, in every language.
REPORT_SLUG = "report"
# Said to staff who may not close the event (the service and the admin view alike).
CANNOT_PUBLISH = gettext_lazy(
    "You may not publish pages below this webinar, so you cannot close it."
)
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Poll charts (templates/webinars/report/poll_chart.html): an SVG as wide as the column, its
# text at the page's own size. Labels are wrapped here, above their bars, to fit a phone's
# column: a line holds LABEL_LINE_UNITS units, a wide (Hangul, CJK) character counting two.
CHART_LINE_HEIGHT = 20
CHART_BAR_HEIGHT = 18
CHART_GAP = 14
CHART_BAR_MAX_PERCENT = 76  # of the chart's width; the count and percentage follow the bar
LABEL_LINE_UNITS = 36


# Participation ---------------------------------------------------------------------------------


@dataclass
class Tally:
    label: str
    registrants: int = 0
    attendees: int = 0


def _country_name(code):
    return str(countries.name(code)) if code else gettext("Not given")


def _participation(webinar):
    """Registrants (seat or waiting list) and attendees by country and by organisation."""
    counted = {
        "registrants": Count("pk", filter=~Q(status=Registration.Status.CANCELLED)),
        "attendees": Count("pk", filter=Q(attended=True)),
    }
    rows = list(
        Registration.objects.filter(webinar=webinar)
        .values("country", "organisation")
        .annotate(**counted)
        .order_by()
    )
    by_country, by_organisation = {}, {}
    spellings = {}
    for row in rows:
        if not (row["registrants"] or row["attendees"]):
            continue
        country = by_country.setdefault(row["country"], Tally(_country_name(row["country"])))
        country.registrants += row["registrants"]
        country.attendees += row["attendees"]
        # "ONSC" and "onsc " are one organisation; it is shown as most people wrote it.
        name = single_line(row["organisation"])
        key = name.casefold()
        organisation = by_organisation.setdefault(key, Tally(name or gettext("Not given")))
        organisation.registrants += row["registrants"]
        organisation.attendees += row["attendees"]
        spellings.setdefault(key, {}).setdefault(name, 0)
        spellings[key][name] += row["registrants"] + row["attendees"]
    for key, names in spellings.items():
        if key:
            by_organisation[key].label = max(sorted(names), key=names.get)

    def ordered(tallies):
        return sorted(tallies, key=lambda t: (-t.registrants, -t.attendees, t.label.casefold()))

    countries_ = ordered(by_country.values())
    return {
        "registrants": sum(t.registrants for t in countries_),
        "attendees": sum(t.attendees for t in countries_),
        "countries": countries_,
        "organisations": ordered(by_organisation.values()),
    }


# Questions -------------------------------------------------------------------------------------


def _published():
    """Questions the room saw: published, or archived after they were published."""
    return Q(status=Question.Status.PUBLISHED) | Q(
        status=Question.Status.ARCHIVED, published_at__isnull=False
    )


def _answered():
    return Q(answered=True) | ~Q(answer="")


@dataclass
class Shown:
    """Typed text as the reader sees it: their language's translation when there is one, with
    the original (and the name of its language) one click away."""

    text: str
    language: str
    original: str = ""
    original_language: str = ""
    original_language_name: str = ""

    @property
    def translated(self):
        return bool(self.original)


def _shown(text, language, translations, reader):
    translated = (translations or {}).get(reader) if language != reader else ""
    if translated:
        return Shown(
            text=translated,
            language=reader,
            original=text,
            original_language=language,
            original_language_name=language_name(language, in_language=reader) if language else "",
        )
    return Shown(text=text, language=language or "")


def _asker_country(author, anonymous):
    if anonymous or author.is_anonymous or not author.country:
        return ""
    return str(author.country.name)


@dataclass
class TopQuestion:
    shown: Shown
    votes: int
    answered: bool
    answer: str
    country: str


def _questions(rooms, reader):
    questions = Question.objects.filter(room__in=rooms)
    totals = questions.aggregate(
        asked=Count("pk"),
        published=Count("pk", filter=_published()),
        answered=Count("pk", filter=_answered()),
    )
    # Questions a moderator archived were shown once, so they count as published; the
    # report does not show them again.
    top = (
        questions.filter(status=Question.Status.PUBLISHED)
        .select_related("author")
        .order_by("-vote_count", "created_at", "pk")[:TOP_QUESTIONS]
    )
    return {
        **totals,
        "top": [
            TopQuestion(
                shown=_shown(q.text, q.language, q.translations, reader),
                votes=q.vote_count,
                answered=q.answered or bool(q.answer),
                answer=q.answer,
                country=_asker_country(q.author, q.anonymous),
            )
            for q in top
        ],
    }


# Polls -----------------------------------------------------------------------------------------


def _wrap(text, units=LABEL_LINE_UNITS):
    """Lines of at most `units` (a wide character counts two), broken between words; a word
    longer than a line is broken where it must be. Korean breaks between words too."""

    def width(word):
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in word)

    lines, line, used = [], [], 0
    for word in text.split():
        size = width(word)
        while size > units:  # a word wider than a line: cut it
            if line:
                lines.append(" ".join(line))
                line, used = [], 0
            cut, taken = "", 0
            for char in word:
                char_width = width(char)
                if taken + char_width > units:
                    break
                cut, taken = cut + char, taken + char_width
            lines.append(cut)
            word = word[len(cut) :]
            size = width(word)
        if not word:
            continue
        if line and used + 1 + size > units:
            lines.append(" ".join(line))
            line, used = [], 0
        used += size + (1 if line else 0)
        line.append(word)
    if line:
        lines.append(" ".join(line))
    return lines or [""]


@dataclass
class ChartBar:
    text: str
    language: str
    count: int
    percent: int
    # Positions in the SVG: [(y, text)] for the label's lines, then the bar at `bar_y`.
    lines: list = field(default_factory=list)
    bar_y: int = 0
    bar_width: float = 0.0
    value_x: float = 0.0


@dataclass
class PollResult:
    pk: int
    prompt: str
    prompt_language: str
    kind: str
    multiple: bool
    status: str
    voters: int
    bars: list
    height: int


def _translated_language(obj, name, reader):
    """The language modeltranslation shows field `name` in: the reader's, else the default."""
    return reader if getattr(obj, f"{name}_{reader}", "") else settings.LANGUAGE_CODE


def _layout(bars):
    """Place each option's label lines and bar below the previous option's."""
    y = 0
    for bar in bars:
        for line in _wrap(bar.text):
            y += CHART_LINE_HEIGHT
            bar.lines.append((y - 5, line))  # the baseline, a little above the line's foot
        bar.bar_y = y + 2
        bar.bar_width = round(CHART_BAR_MAX_PERCENT * bar.percent / 100, 2)
        bar.value_x = round(bar.bar_width + 1.5, 2)
        y += CHART_BAR_HEIGHT + 2 + CHART_GAP
    return max(y - CHART_GAP + 4, CHART_LINE_HEIGHT)


def _polls(rooms, reader):
    polls = list(
        Poll.objects.filter(room__in=rooms)
        .exclude(status=Poll.Status.DRAFT)
        .prefetch_related(Prefetch("options", queryset=PollOption.objects.order_by("position")))
        .order_by("created_at", "pk")
    )
    chosen = PollAnswer.options.through.objects.filter(pollanswer__poll__in=polls)
    counts = dict(
        chosen.values_list("polloption_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("polloption_id", "n")
    )
    voters = dict(
        chosen.values_list("pollanswer__poll_id")
        .annotate(n=Count("pollanswer_id", distinct=True))
        .order_by()
        .values_list("pollanswer__poll_id", "n")
    )
    results = []
    for poll in polls:
        voted = voters.get(poll.pk, 0)
        bars = [
            ChartBar(
                text=option.text,
                language=_translated_language(option, "text", reader),
                count=counts.get(option.pk, 0),
                percent=round(100 * counts.get(option.pk, 0) / voted) if voted else 0,
            )
            for option in poll.options.all()
        ]
        results.append(
            PollResult(
                pk=poll.pk,
                prompt=poll.prompt,
                prompt_language=_translated_language(poll, "prompt", reader),
                kind=poll.kind,
                multiple=poll.kind == Poll.Kind.MULTIPLE,
                status=poll.status,
                voters=voted,
                bars=bars,
                height=_layout(bars),
            )
        )
    return results


# Opinions --------------------------------------------------------------------------------------


@dataclass
class OpinionShown:
    shown: Shown
    country: str


@dataclass
class PromptResult:
    text: str
    language: str
    opinions: list
    cloud: list


def _opinions(rooms, reader):
    prompts = OpinionPrompt.objects.filter(room__in=rooms).prefetch_related(
        Prefetch(
            "opinions",
            queryset=Opinion.objects.filter(status=Opinion.Status.PUBLISHED)
            .select_related("author")
            .order_by("published_at", "pk"),
            to_attr="published",
        )
    )
    return [
        PromptResult(
            text=prompt.text,
            language=_translated_language(prompt, "text", reader),
            opinions=[
                OpinionShown(
                    shown=_shown(o.text, o.language, o.translations, reader),
                    country=_asker_country(o.author, anonymous=False),
                )
                for o in prompt.published
            ],
            cloud=cloud([o.terms for o in prompt.published]),
        )
        for prompt in prompts.order_by("created_at", "pk")
    ]


# The page --------------------------------------------------------------------------------------


def report_context(page):
    """What the report template shows, in the active language."""
    reader = translation.get_language() or settings.LANGUAGE_CODE
    webinar = page.webinar
    rooms = Room.objects.filter(webinar=webinar)
    return {
        "webinar": webinar,
        "participation": _participation(webinar),
        # Everyone who joined the live room, registered or not (attendance is what staff mark).
        "room_participants": Participant.objects.filter(room__in=rooms).count(),
        "questions": _questions(rooms, reader),
        "polls": _polls(rooms, reader),
        "prompts": _opinions(rooms, reader),
        "chart_bar_height": CHART_BAR_HEIGHT,
        "chart_max_percent": CHART_BAR_MAX_PERCENT,
    }


# The spreadsheet -------------------------------------------------------------------------------


def _cell(value):
    """A value a spreadsheet shows as typed: cleaned text that cannot start a formula."""
    if isinstance(value, str):
        return csv_safe(clean_text(value, multiline=True))
    return value


def add_table(workbook, title, headers, rows, widths, first=False):
    """One sheet: a bold header row, frozen and filtered, then the rows."""
    sheet = workbook.active if first else workbook.create_sheet()
    # Sheet names hold at most 31 characters and none of : \ / ? * [ ]
    sheet.title = "".join(c for c in title if c not in ":\\/?*[]")[:31]
    sheet.append([_cell(header) for header in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(value) for value in row])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    if headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(sheet.max_row, 1)}"
    return sheet


def _workbook(page, context):
    participation = context["participation"]
    questions = context["questions"]
    workbook = Workbook()
    summary = [
        (gettext("Webinar"), context["webinar"].title),
        (gettext("Registrants"), participation["registrants"]),
        (gettext("Attendees"), participation["attendees"]),
        (gettext("Joined the live room"), context["room_participants"]),
        (gettext("Countries"), len(participation["countries"])),
        (gettext("Organisations"), len(participation["organisations"])),
        (gettext("Questions asked"), questions["asked"]),
        (gettext("Questions published"), questions["published"]),
        (gettext("Questions answered"), questions["answered"]),
        (gettext("Polls"), len(context["polls"])),
        (
            gettext("Opinions published"),
            sum(len(prompt.opinions) for prompt in context["prompts"]),
        ),
    ]
    add_table(workbook, gettext("Summary"), ["", gettext("Number")], summary, [32, 60], first=True)
    figures = [gettext("Registrants"), gettext("Attendees")]
    add_table(
        workbook,
        gettext("By country"),
        [gettext("Country"), *figures],
        [(t.label, t.registrants, t.attendees) for t in participation["countries"]],
        [32, 14, 14],
    )
    add_table(
        workbook,
        gettext("By organisation"),
        [gettext("Organisation"), *figures],
        [(t.label, t.registrants, t.attendees) for t in participation["organisations"]],
        [48, 14, 14],
    )
    add_table(
        workbook,
        gettext("Questions"),
        [
            gettext("Question"),
            gettext("Original question"),
            gettext("Language of the original"),
            gettext("Votes"),
            gettext("Written answer"),
            gettext("Country"),
        ],
        [
            (
                q.shown.text,
                q.shown.original,
                q.shown.original_language_name,
                q.votes,
                q.answer,
                q.country,
            )
            for q in questions["top"]
        ],
        [60, 40, 16, 8, 60, 20],
    )
    poll_rows = []
    for poll in context["polls"]:
        for bar in poll.bars:
            poll_rows.append((poll.prompt, bar.text, bar.count, bar.percent, poll.voters))
    add_table(
        workbook,
        gettext("Polls"),
        [
            gettext("Poll"),
            gettext("Option"),
            gettext("Answers"),
            gettext("Percentage of voters"),
            gettext("Voters"),
        ],
        poll_rows,
        [50, 40, 10, 12, 10],
    )
    opinion_rows = [
        (prompt.text, o.shown.text, o.shown.original, o.shown.original_language_name, o.country)
        for prompt in context["prompts"]
        for o in prompt.opinions
    ]
    add_table(
        workbook,
        gettext("Opinions"),
        [
            gettext("Prompt"),
            gettext("Opinion"),
            gettext("Original opinion"),
            gettext("Language of the original"),
            gettext("Country"),
        ],
        opinion_rows,
        [40, 60, 40, 16, 20],
    )
    return workbook


def xlsx_response(page, request):
    """The report's figures as a workbook, one sheet per part, in the reader's language."""
    buffer = io.BytesIO()
    _workbook(page, report_context(page)).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    webinar = page.webinar
    # The English slug: an ASCII name every browser saves as is, whatever the reader's language.
    name = f"report-{webinar.slug_en or webinar.slug or webinar.pk}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


# Closing the event -----------------------------------------------------------------------------


def can_close_event(user, webinar):
    """Who may close the event: staff who may publish pages below the webinar."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and webinar.permissions_for_user(user).can_publish_subpage()
    )


def report_titles():
    """The report page's title in every language, and its slug ("report") in each."""
    fields = {}
    for code in language_codes():
        with translation.override(code):
            fields[f"title_{code}"] = pgettext("page title", "Report")
        fields[f"slug_{code}"] = REPORT_SLUG
    return fields


def close_event(webinar, user):
    """Close the webinar's open rooms (participants are told: room.updated) and publish its
    report page, made if there is none. Running it again changes nothing. Returns the report.

    Raises PermissionDenied, with a message staff can read, for users who may not publish
    below the webinar or may not close one of its rooms."""
    if not can_close_event(user, webinar):
        raise PermissionDenied(str(CANNOT_PUBLISH))
    with transaction.atomic():
        for room in webinar.qa_rooms.filter(is_open=True).order_by("pk"):
            try:
                qa_services.set_room_open(room.pk, user, False)
            except qa_services.QAError as error:
                raise PermissionDenied(
                    gettext("The Q&A room %(code)s could not be closed: %(reason)s")
                    % {"code": room.code, "reason": error.message}
                ) from error
        report = WebinarReportPage.objects.child_of(webinar).first()
        if report is None:
            titles = report_titles()
            report = WebinarReportPage(
                title=titles[f"title_{settings.LANGUAGE_CODE}"],
                slug=REPORT_SLUG,
                owner=user,
                **titles,
            )
            webinar.add_child(instance=report)
            report.save_revision(user=user, log_action=True).publish(user=user)
        elif not report.live:
            revision = report.latest_revision or report.save_revision(user=user)
            revision.publish(user=user)
            report.refresh_from_db()
    return report
