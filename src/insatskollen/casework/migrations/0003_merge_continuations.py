"""Continuation decisions made by the earlier review rule become part of their original decision again (see
casework.merging). Nothing is lost: the continuation's periods and versions move to the original."""

from django.db import migrations

from insatskollen.casework.merging import merge_continuations


def forwards(apps, schema_editor):
    merge_continuations(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0002_review_forecast_and_cascade"),
        ("register", "0003_terms_from_versions"),
        ("orders", "0001_initial"),
        ("fk", "0001_initial"),
        ("conferences", "0001_initial"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
