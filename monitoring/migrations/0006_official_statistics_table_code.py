from django.db import migrations, models

from monitoring.provenance import is_official_source


def mark_official(apps, schema_editor):
    """Stored tables whose source or publisher is a statistical office are official statistics
    (the demo's GENESIS tables, Berlin's planning-area population)."""
    Dataset = apps.get_model("monitoring", "Dataset")
    official = [
        pk
        for pk, source, publisher in Dataset.objects.values_list("pk", "source", "publisher")
        if is_official_source(source, publisher)
    ]
    Dataset.objects.filter(pk__in=official).update(is_official=True)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0005_dataset_provenance_repair"),
    ]

    operations = [
        migrations.AddField(
            model_name="dataset",
            name="is_official",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "A table of a statistical office: every coordinator may import and revise "
                    "it; only the platform's admins edit or delete it."
                ),
                verbose_name="official statistics",
            ),
        ),
        migrations.AddField(
            model_name="importlog",
            name="table_code",
            field=models.CharField(blank=True, max_length=100, verbose_name="table code"),
        ),
        migrations.RunPython(mark_official, migrations.RunPython.noop),
    ]
