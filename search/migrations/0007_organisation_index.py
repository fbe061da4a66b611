"""PostgreSQL: organisations get their own partial GIN index, as offers have (0003).

A count or a tier read of organisations (100,000 at the scale of bench/search.py) then merges
only organisations' posting lists, not those of a million offers that share the words: the
directory's search and the global search ask it on every query.
SQLite: nothing to do (a kind's entries are one rowid range of the FTS5 table).
"""

from django.db import migrations

FORWARD = """CREATE INDEX IF NOT EXISTS search_entry_organisation_gin ON search_searchentry
    USING gin (document) WHERE kind = 'organisation'"""
BACKWARD = "DROP INDEX IF EXISTS search_entry_organisation_gin"


def _postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0006_narrow_rows")]
    operations = [migrations.RunPython(_postgres(FORWARD), _postgres(BACKWARD))]
