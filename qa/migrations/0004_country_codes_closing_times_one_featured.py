"""Data for the constraints of 0005: country names become ISO codes, one featured question
per room; rooms already closed start their personal-data retention period now."""

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def country_code(value):
    """The ISO 3166 code a free-text country names (in any UI language), or ""."""
    from django_countries import countries

    value = value.strip()
    if not value:
        return ""
    if len(value) == 2 and value.upper() in countries:
        return value.upper()
    for language, _name in settings.LANGUAGES:
        code = countries.by_name(value, language=language)
        if code:
            return code
    return ""


def forwards(apps, schema_editor):
    Participant = apps.get_model("qa", "Participant")
    Question = apps.get_model("qa", "Question")
    Room = apps.get_model("qa", "Room")
    for participant in Participant.objects.exclude(country="").only("country"):
        code = country_code(participant.country)
        if code != participant.country:
            Participant.objects.filter(pk=participant.pk).update(country=code)
    # Keep the latest featured question of each room; the others stop being featured.
    featured = Question.objects.filter(highlighted=True).order_by("room_id", "-pk")
    seen = set()
    for question in featured.only("pk", "room_id"):
        if question.room_id in seen:
            Question.objects.filter(pk=question.pk).update(highlighted=False)
        seen.add(question.room_id)
    Room.objects.filter(is_open=False, closed_at__isnull=True).update(closed_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [
        ("qa", "0003_front_of_house_fields"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
