"""Facet tags in the full-text index and a vocabulary of indexed tokens.

`tags` (search/tags.py) replaces the `territories` LIKE column: facet values and "in territory"
are tokens of the full-text index, so list filters are posting-list intersections.
The vocabulary (`SearchTerm`, written by search.indexing with each entry) lets the engine expand
the prefix of the last query word into the exact tokens it stands for: an OR of a few exact
words keeps the index's fast AND, a prefix scan does not. (SQLite's fts5vocab would do, but it
reads every matching term's whole doclist to count it: 10 ms and more per common prefix.)

Existing entries get their tags with `bildungsnetz search_reindex` after this migration.
"""

from django.db import migrations, models

SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title_norm, body_norm, tags,
        content='search_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0', detail='column'
    )""",
    """CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, title_norm, body_norm, tags)
        VALUES (new.id, new.title_norm, new.body_norm, new.tags);
    END""",
    """CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_norm, body_norm, tags)
        VALUES ('delete', old.id, old.title_norm, old.body_norm, old.tags);
    END""",
    """CREATE TRIGGER search_fts_au AFTER UPDATE OF title_norm, body_norm, tags
    ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_norm, body_norm, tags)
        VALUES ('delete', old.id, old.title_norm, old.body_norm, old.tags);
        INSERT INTO search_fts(rowid, title_norm, body_norm, tags)
        VALUES (new.id, new.title_norm, new.body_norm, new.tags);
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    "CREATE VIRTUAL TABLE temp.search_vocab USING fts5vocab(main, search_fts, 'row')",
    "INSERT OR IGNORE INTO search_searchterm (token) SELECT term FROM temp.search_vocab",
    "DROP TABLE temp.search_vocab",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title_norm, body_norm,
        content='search_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0', detail='column'
    )""",
    """CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, title_norm, body_norm)
        VALUES (new.id, new.title_norm, new.body_norm);
    END""",
    """CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_norm, body_norm)
        VALUES ('delete', old.id, old.title_norm, old.body_norm);
    END""",
    """CREATE TRIGGER search_fts_au AFTER UPDATE OF title_norm, body_norm ON search_searchentry
    BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_norm, body_norm)
        VALUES ('delete', old.id, old.title_norm, old.body_norm);
        INSERT INTO search_fts(rowid, title_norm, body_norm)
        VALUES (new.id, new.title_norm, new.body_norm);
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
POSTGRES_FORWARD = [
    "DROP INDEX IF EXISTS search_entry_document_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document",
    """ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, coalesce(title_norm, '')), 'A') ||
        setweight(to_tsvector('simple'::regconfig, coalesce(body_norm, '')), 'B') ||
        setweight(to_tsvector('simple'::regconfig, coalesce(tags, '')), 'D')
    ) STORED""",
    "CREATE INDEX search_entry_document_gin ON search_searchentry USING gin (document)",
    # Offers are the one kind counted in hundreds of thousands: their own index keeps a list
    # query from visiting the rows of other kinds that share its words.
    """CREATE INDEX search_entry_offer_gin ON search_searchentry USING gin (document)
    WHERE kind = 'offer'""",
    """INSERT INTO search_searchterm (token)
    SELECT DISTINCT unnest(tsvector_to_array(document)) FROM search_searchentry
    ON CONFLICT DO NOTHING""",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_offer_gin",
    "DROP INDEX IF EXISTS search_entry_document_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document",
    """ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, coalesce(title_norm, '')), 'A') ||
        setweight(to_tsvector('simple'::regconfig, coalesce(body_norm, '')), 'B')
    ) STORED""",
    "CREATE INDEX search_entry_document_gin ON search_searchentry USING gin (document)",
]


def forward(apps, schema_editor):
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]
    operations = [
        migrations.RemoveField(model_name="searchentry", name="territories"),
        migrations.AddField(
            model_name="searchentry",
            name="tags",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="public_until",
            field=models.DateTimeField(blank=True, null=True, verbose_name="public until"),
        ),
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                (
                    "token",
                    models.CharField(
                        max_length=200, primary_key=True, serialize=False, verbose_name="token"
                    ),
                ),
            ],
            options={
                "verbose_name": "indexed token",
                "verbose_name_plural": "indexed tokens",
            },
        ),
        migrations.RunPython(forward, backward),
    ]
