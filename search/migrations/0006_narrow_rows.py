"""PostgreSQL: the index entries' texts and tsvector stored out of line, so counting reads narrow rows.

A count of matches visits the heap row of every match it counts (PostgreSQL 15 cannot count
from a GIN bitmap alone: the visibility and the public state are on the row). With the texts and
the ~1 KB tsvector inline, six rows fit in a page and a count of 10,000 matches reads about as
many pages; moved to the TOAST table (`STORAGE EXTERNAL`, toasting down to 128 bytes), the
main table holds its fixed columns and pointers (1,337 MB → 519 MB at 1.1 million entries,
bench/README.md). Only the entries of a page of results and the few rows a tier check reads
fetch their texts.

Rows written before this migration keep their layout until they are written again; a large
existing index is rewritten at once with `VACUUM FULL search_searchentry` (docs/deployment.md).
SQLite: nothing to do (FTS5 keeps its own index; the counts never read entry rows).
"""

from django.db import migrations

OUT_OF_LINE = ("document", "title", "title_norm", "title_en", "body", "body_norm", "body_en",
               "tags")  # fmt: skip

FORWARD = [
    "ALTER TABLE search_searchentry SET (toast_tuple_target = 128)",
    "ALTER TABLE search_searchentry "
    + ", ".join(f"ALTER COLUMN {column} SET STORAGE EXTERNAL" for column in OUT_OF_LINE),
]
BACKWARD = [
    "ALTER TABLE search_searchentry RESET (toast_tuple_target)",
    "ALTER TABLE search_searchentry "
    + ", ".join(f"ALTER COLUMN {column} SET STORAGE EXTENDED" for column in OUT_OF_LINE),
]


def _postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0005_ranked_index")]
    operations = [migrations.RunPython(_postgres(FORWARD), _postgres(BACKWARD))]
