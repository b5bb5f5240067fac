"""A fresh install has the Editors and Press office groups and the "Press office review" workflow."""

from django.db import migrations

from portal.news.workflow import ensure_staff_groups


def create_staff_groups(apps, schema_editor):
    ensure_staff_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_staff_groups, migrations.RunPython.noop)]
