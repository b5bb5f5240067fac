"""The moderators' CSV and XLSX exports, opened as a spreadsheet program would open them."""

import csv
import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from portal.text import csv_safe
from qa import services
from qa.models import Participant, Question
from tests.qa.helpers import join

pytestmark = pytest.mark.django_db

# 2026-10-29 01:30 UTC is 10:30 in Seoul, the portal's zone (settings.TIME_ZONE).
ASKED_UTC = datetime.datetime(2026, 10, 29, 1, 30, tzinfo=datetime.UTC)
ASKED_SEOUL = datetime.datetime(2026, 10, 29, 10, 30)

HEADER = [
    "Number",
    "Question",
    "Original question",
    "Written answer",
    "Author",
    "Organisation",
    "Country",
    "Language",
    "Translations",
    "Status",
    "Votes",
    "Answered",
    "Pinned",
    "Featured",
    "Asked (Asia/Seoul)",
    "Published (Asia/Seoul)",
]


@pytest.fixture
def report(room, moderator):
    """A room with an edited, answered, featured question and an anonymous pending one."""
    asker = join(room, name="Ana Pérez", organisation="ONSC", country="UY")
    question = services.ask_question(room.pk, asker.pk, "how much cost esaram??", False, "es")
    services.moderate(room.pk, moderator, question.pk, "approve", "How much did e-Saram cost?")
    services.moderate(room.pk, moderator, question.pk, "reply", "About two years of budget.")
    services.moderate(room.pk, moderator, question.pk, "answer")
    services.moderate(room.pk, moderator, question.pk, "highlight")
    services.translate_question(room.pk, moderator, question.pk, "ko", "e-사람 비용은?")
    services.translate_question(room.pk, moderator, question.pk, "ru", "Сколько стоила e-Saram?")
    published = ASKED_UTC + datetime.timedelta(minutes=5)
    Question.objects.filter(pk=question.pk).update(
        created_at=ASKED_UTC, published_at=published, vote_count=3
    )
    anonymous = join(room, name="", organisation="", country="")
    later = services.ask_question(room.pk, anonymous.pk, "Не опубликован", True, "ru")
    Question.objects.filter(pk=later.pk).update(created_at=ASKED_UTC + datetime.timedelta(hours=1))
    return room


def test_csv_has_every_column_with_times_in_the_portals_zone(client, report, moderator):
    client.force_login(moderator)
    response = client.get("/en/live/DEMO/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADER
    assert rows[1] == [
        "1",
        "How much did e-Saram cost?",
        "how much cost esaram??",
        "About two years of budget.",
        "Ana Pérez",
        "ONSC",
        "Uruguay",
        "Spanish",  # too short to tell: the language of the page it was asked on
        "Korean: e-사람 비용은?\nRussian: Сколько стоила e-Saram?",
        "Published",
        "3",
        "yes",
        "no",
        "yes",
        "2026-10-29 10:30",
        "2026-10-29 10:35",
    ]
    assert rows[2][1:10] == [
        "Не опубликован",
        "",
        "",
        "",
        "",
        "",
        "Russian",
        "",
        "Awaiting moderation",
    ]
    assert rows[2][14:] == ["2026-10-29 11:30", ""]
    assert len(rows) == 3


def test_country_and_language_names_follow_the_page_language(client, report, moderator):
    client.force_login(moderator)
    body = client.get("/ru/live/DEMO/export.csv").content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(body)))[1][6] == "Уругвай"
    body = client.get("/es/live/DEMO/export.csv").content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(body)))[1][7] == "Español"


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1 555", "'+1 555"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tleading tab", "'\tleading tab"),
        ("costs; =1+1", "costs; =1+1"),
        ("costs;=1+1", "costs;'=1+1"),
        ("a,@cmd", "a,'@cmd"),
        ("line\r=cmd", "line\r'=cmd"),
        ("line\n-cmd", "line\n'-cmd"),
        ("tab\t+cmd", "tab\t'+cmd"),
        ("Plain question, with a comma", "Plain question, with a comma"),
        ("e-Saram", "e-Saram"),
    ],
)
def test_csv_cells_never_start_a_formula_even_after_a_separator(typed, written):
    assert csv_safe(typed) == written


def test_csv_written_with_a_formula_after_a_semicolon_is_neutralised(client, room, moderator):
    asker = join(room)
    Question.objects.create(room=room, author=asker, text="Costs;=HYPERLINK(1)", status="published")
    client.force_login(moderator)
    body = client.get("/en/live/DEMO/export.csv").content.decode("utf-8-sig")
    # Excel in a semicolon-separated locale splits the line at `;`: no field starts with `=`.
    for line in body.splitlines()[1:]:
        assert not any(field.startswith(("=", "+", "@")) for field in line.split(";"))
    assert list(csv.reader(io.StringIO(body)))[1][1] == "Costs;'=HYPERLINK(1)"


def test_xlsx_is_a_real_report(client, report, moderator):
    client.force_login(moderator)
    before = timezone.localtime().replace(tzinfo=None, second=0, microsecond=0)
    response = client.get("/en/live/DEMO/export.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert sheet.title == "DEMO"
    assert sheet["A1"].value == "Digital HRM webinar"
    exported = sheet["A2"].value
    assert exported.startswith("Exported ") and exported.endswith("(Asia/Seoul)")
    stamp = datetime.datetime.strptime(
        exported[len("Exported ") : -len(" (Asia/Seoul)")], "%Y-%m-%d %H:%M"
    )
    assert before <= stamp <= before + datetime.timedelta(minutes=2)
    header = [cell.value for cell in sheet[4]]
    assert header == HEADER
    assert all(cell.font.bold for cell in sheet[4])
    assert sheet.freeze_panes == "A5"
    assert sheet.auto_filter.ref == "A4:P6"
    first = [cell.value for cell in sheet[5]]
    assert first[:14] == [
        1,
        "How much did e-Saram cost?",
        "how much cost esaram??",
        "About two years of budget.",
        "Ana Pérez",
        "ONSC",
        "Uruguay",
        "Spanish",  # too short to tell: the language of the page it was asked on
        "Korean: e-사람 비용은?\nRussian: Сколько стоила e-Saram?",
        "Published",
        3,
        "yes",
        "no",
        "yes",
    ]
    asked, published = sheet["O5"], sheet["P5"]
    assert asked.is_date and asked.value == ASKED_SEOUL
    assert published.value == ASKED_SEOUL + datetime.timedelta(minutes=5)
    assert asked.number_format == "yyyy-mm-dd hh:mm"
    assert sheet["P6"].value is None  # not published
    assert sheet.column_dimensions["B"].width == 60
    assert sheet.column_dimensions["O"].width >= 16


def test_xlsx_keeps_a_formula_looking_question_as_text(client, room, moderator):
    asker = join(room)
    Question.objects.create(room=room, author=asker, text='=HYPERLINK("x")', status="published")
    client.force_login(moderator)
    sheet = load_workbook(io.BytesIO(client.get("/en/live/DEMO/export.xlsx").content)).active
    cell = sheet["B5"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("x")', "s")


def test_control_characters_stored_in_a_name_do_not_break_the_xlsx(client, room, moderator):
    # Written straight to the database, as rows stored before names were cleaned at the door.
    asker = Participant.objects.create(
        room=room, display_name="Ana\x01 Pérez\x1b", organisation="ONSC\x0b", country="UY"
    )
    Question.objects.create(
        room=room, author=asker, text="Bell\x07 in the text?", status="published"
    )
    client.force_login(moderator)
    response = client.get("/en/live/DEMO/export.xlsx")
    assert response.status_code == 200
    row = [cell.value for cell in load_workbook(io.BytesIO(response.content)).active[5]]
    assert row[1] == "Bell in the text?"
    assert row[4] == "Ana Pérez"
    assert row[5] == "ONSC"
    csv_response = client.get("/en/live/DEMO/export.csv")
    assert "\x01" not in csv_response.content.decode("utf-8-sig")


def test_the_file_name_carries_the_code_and_seoul_time(client, room, moderator):
    client.force_login(moderator)
    response = client.get("/en/live/DEMO/export.xlsx")
    stamp = timezone.localtime().strftime("%Y%m%d-")
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="questions-DEMO-{stamp}'
    )
