from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=30, verbose_name="kind")),
                ("object_id", models.BigIntegerField(verbose_name="object id")),
                ("title", models.CharField(max_length=300, verbose_name="title")),
                ("body", models.TextField(blank=True, verbose_name="text")),
                ("url", models.CharField(max_length=500, verbose_name="address")),
                ("is_public", models.BooleanField(default=True, verbose_name="public")),
                ("territories", models.TextField(blank=True, default="")),
                ("title_norm", models.TextField(blank=True)),
                ("body_norm", models.TextField(blank=True)),
                ("updated", models.DateTimeField(auto_now=True, verbose_name="indexed")),
            ],
            options={
                "verbose_name": "search index entry",
                "verbose_name_plural": "search index entries",
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "object_id"), name="search_entry_unique")
                ],
            },
        ),
    ]
