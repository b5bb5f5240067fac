"""Questions of a room, with votes and states, as CSV or XLSX for the post-webinar report.

Times are written in the portal's zone (settings.TIME_ZONE), which the headers name.
Text is cleaned again on the way out: rows stored before names were cleaned at the door
must not break a spreadsheet (openpyxl refuses control characters).
"""

import csv
import io
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from portal.text import FORMULA_START, clean_text, csv_safe

from .models import Question

DATE_FORMAT = "yyyy-mm-dd hh:mm"
CSV_DATE_FORMAT = "%Y-%m-%d %H:%M"


class Column:
    def __init__(self, title, width, value, is_time=False, multiline=False):
        self.title, self.width, self.value = title, width, value
        self.is_time, self.multiline = is_time, multiline

    def cell(self, question):
        value = self.value(question)
        if not isinstance(value, str):
            return value
        if self.multiline:
            return clean_text(value, multiline=True)
        return clean_text(value).strip()


def _zone():
    return ZoneInfo(settings.TIME_ZONE)


def _local(moment):
    """A naive datetime on the portal's clock (spreadsheets have no time zones)."""
    if moment is None:
        return None
    return timezone.localtime(moment, _zone()).replace(tzinfo=None, microsecond=0)


def _yes_no(flag):
    return _("yes") if flag else _("no")


def _language_name(code):
    return str(dict(settings.LANGUAGES).get(code, code))


def _translations(question):
    """Each translation on its own line, after its language's name."""
    return "\n".join(
        f"{_language_name(code)}: {text}" for code, text in sorted(question.translations.items())
    )


def columns():
    zone = settings.TIME_ZONE
    return [
        Column(_("Number"), 8, None),
        Column(_("Question"), 60, lambda q: q.text, multiline=True),
        Column(_("Original question"), 40, lambda q: q.original_text, multiline=True),
        Column(_("Written answer"), 50, lambda q: q.answer, multiline=True),
        Column(_("Author"), 24, lambda q: q.author_name),
        Column(_("Organisation"), 28, lambda q: "" if q.anonymous else q.author.organisation),
        Column(_("Country"), 20, lambda q: "" if q.anonymous else str(q.author.country.name)),
        Column(_("Language"), 12, lambda q: _language_name(q.language)),
        Column(_("Translations"), 50, _translations, multiline=True),
        Column(_("Status"), 20, lambda q: str(q.get_status_display())),
        Column(_("Votes"), 8, lambda q: q.vote_count),
        Column(_("Answered"), 11, lambda q: _yes_no(q.answered)),
        Column(_("Pinned"), 9, lambda q: _yes_no(q.pinned)),
        Column(_("Featured"), 10, lambda q: _yes_no(q.highlighted)),
        Column(_("Asked (%s)") % zone, 18, lambda q: _local(q.created_at), is_time=True),
        Column(_("Published (%s)") % zone, 18, lambda q: _local(q.published_at), is_time=True),
    ]


def export_rows(room, cols):
    """Each question of the room as a list of cell values: text, numbers, naive datetimes."""
    questions = Question.objects.filter(room=room).select_related("author").order_by("created_at")
    for number, question in enumerate(questions, start=1):
        yield [number] + [column.cell(question) for column in cols[1:]]


def as_csv(room):
    cols = columns()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.title for column in cols])
    for row in export_rows(room, cols):
        cells = [
            value.strftime(CSV_DATE_FORMAT) if isinstance(value, datetime) else value
            for value in row
        ]
        writer.writerow([csv_safe("" if value is None else value) for value in cells])
    return "\ufeff" + buffer.getvalue()  # the BOM lets Excel read UTF-8 (Korean, Cyrillic)


def sheet_title(room):
    # Sheet names may not hold : \ / ? * [ ]; codes are validated, older ones may not be.
    return re.sub(r"[^A-Za-z0-9]", "", room.code)[:31] or "Q&A"


def as_xlsx(room):
    cols = columns()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(room)
    bold = Font(bold=True)
    sheet.append([clean_text(room.display_title)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].data_type = "s"
    exported = _("Exported %(time)s (%(zone)s)") % {
        "time": _local(timezone.now()).strftime(CSV_DATE_FORMAT),
        "zone": settings.TIME_ZONE,
    }
    sheet.append([exported])
    sheet.append([None])
    sheet.append([column.title for column in cols])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = bold
    for row in export_rows(room, cols):
        sheet.append(row)
        for cell, column in zip(sheet[sheet.max_row], cols, strict=True):
            if column.is_time:
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, str) and cell.value[:1] in FORMULA_START:
                cell.data_type = "s"  # text as typed, never a formula
    for index, column in enumerate(cols, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    last = get_column_letter(len(cols))
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.auto_filter.ref = f"A{header_row}:{last}{max(sheet.max_row, header_row)}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
