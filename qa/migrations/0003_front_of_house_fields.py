import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("qa", "0002_room_last_public_seq"),
    ]

    operations = [
        migrations.AddField(
            model_name="question",
            name="answer",
            field=models.TextField(blank=True, max_length=1000, verbose_name="written answer"),
        ),
        migrations.AddField(
            model_name="question",
            name="original_text",
            field=models.TextField(blank=True, verbose_name="original question"),
        ),
        migrations.AddField(
            model_name="question",
            name="removed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="removed"),
        ),
        migrations.AddField(
            model_name="room",
            name="closed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="closed"
            ),
        ),
        migrations.AlterField(
            model_name="question",
            name="highlighted",
            field=models.BooleanField(default=False, verbose_name="featured"),
        ),
        migrations.AlterField(
            model_name="room",
            name="code",
            field=models.CharField(
                blank=True,
                help_text="3 to 12 letters and digits. Leave empty to generate a readable code.",
                max_length=12,
                unique=True,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[A-Z0-9]{3,12}$",
                        "Use 3 to 12 letters (A–Z) and digits, nothing else.",
                        code="invalid_room_code",
                    )
                ],
                verbose_name="code",
            ),
        ),
    ]
