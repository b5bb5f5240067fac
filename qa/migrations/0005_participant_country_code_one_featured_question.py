import django_countries.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("qa", "0004_country_codes_closing_times_one_featured"),
    ]

    operations = [
        migrations.AlterField(
            model_name="participant",
            name="country",
            field=django_countries.fields.CountryField(
                blank=True, max_length=2, verbose_name="country"
            ),
        ),
        migrations.AddConstraint(
            model_name="question",
            constraint=models.UniqueConstraint(
                condition=models.Q(("highlighted", True)),
                fields=("room",),
                name="one_featured_question_per_room",
            ),
        ),
    ]
