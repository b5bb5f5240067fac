# A room's title in each language, and its webinar a webinar page (not any page).
import django.db.models.deletion
from django.db import migrations, models

HELP = "In each language; leave empty to use the webinar's title."


def title_field():
    return models.CharField(
        blank=True, help_text=HELP, max_length=200, null=True, verbose_name="title"
    )


def english_titles_and_no_stray_webinars(apps, schema_editor):
    Room = apps.get_model("qa", "Room")
    for room in Room.objects.all():
        room.title_en = room.title
        room.save(update_fields=["title_en"])
    # Before this, a room could point at any page; only webinar pages are kept.
    Room.objects.update(webinar=None)


class Migration(migrations.Migration):
    dependencies = [
        ("qa", "0005_participant_country_code_one_featured_question"),
        ("webinars", "0001_initial"),
    ]

    operations = [
        migrations.AddField(model_name="room", name="title_en", field=title_field()),
        migrations.AddField(model_name="room", name="title_es", field=title_field()),
        migrations.AddField(model_name="room", name="title_ko", field=title_field()),
        migrations.AddField(model_name="room", name="title_ru", field=title_field()),
        migrations.AlterField(
            model_name="room",
            name="title",
            field=models.CharField(blank=True, help_text=HELP, max_length=200, verbose_name="title"),
        ),
        migrations.RunPython(english_titles_and_no_stray_webinars, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="room",
            name="webinar",
            field=models.ForeignKey(
                blank=True,
                help_text="The room takes its title from the webinar; its organisers moderate here.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="qa_rooms",
                to="webinars.webinarpage",
                verbose_name="webinar",
            ),
        ),
    ]
