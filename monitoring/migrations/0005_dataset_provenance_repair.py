from django.db import migrations

from monitoring.provenance import FORMER_GENESIS_SOURCES, genesis_database


def repair(apps, schema_editor):
    """Stored GENESIS tables that were all credited to Destatis get the database and publisher
    their table code names, and a retrieval date that was the table's Stand becomes the day
    the table was first imported."""
    Dataset = apps.get_model("monitoring", "Dataset")
    for dataset in Dataset.objects.filter(source__in=FORMER_GENESIS_SOURCES):
        dataset.source, dataset.publisher = genesis_database(dataset.code)
        dataset.save(update_fields=["source", "publisher"])
    for dataset in Dataset.objects.filter(stand__isnull=False, retrieved_at__isnull=False):
        if dataset.retrieved_at == dataset.stand:
            dataset.retrieved_at = dataset.created
            dataset.save(update_fields=["retrieved_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0004_measure_unit_identity"),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
