"""Questions of a room, with votes and states, as CSV or XLSX for the post-webinar report."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from .models import Question


def export_rows(room):
    yield [
        _("Number"),
        _("Question"),
        _("Author"),
        _("Organisation"),
        _("Country"),
        _("Status"),
        _("Votes"),
        _("Answered"),
        _("Pinned"),
        _("Highlighted"),
        _("Language"),
        _("Asked"),
        _("Published"),
    ]
    questions = Question.objects.filter(room=room).select_related("author").order_by("created_at")
    for number, question in enumerate(questions, start=1):
        yield [
            number,
            question.text,
            question.author_name,
            "" if question.anonymous else question.author.organisation,
            "" if question.anonymous else question.author.country,
            question.get_status_display(),
            question.vote_count,
            _("yes") if question.answered else _("no"),
            _("yes") if question.pinned else _("no"),
            _("yes") if question.highlighted else _("no"),
            question.language,
            question.created_at.isoformat(timespec="seconds"),
            question.published_at.isoformat(timespec="seconds") if question.published_at else "",
        ]


def _spreadsheet_safe(value):
    # A cell that starts like a formula must not run as one in Excel.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def as_csv(room):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in export_rows(room):
        writer.writerow([_spreadsheet_safe(value) for value in row])
    return "\ufeff" + buffer.getvalue()  # the BOM lets Excel read UTF-8 (Korean, Cyrillic)


def as_xlsx(room):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = room.code
    for row in export_rows(room):
        sheet.append([_spreadsheet_safe(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
