"""Full-text structures over search_searchentry, one variant per database.

SQLite: an external-content FTS5 table (unicode61 over already normalised ASCII tokens) kept in
step by triggers, so every index write is in the writer's transaction.
PostgreSQL: a generated tsvector column with the 'simple' configuration (the text is already
folded and stemmed; 'german' would stem a second time and diverge from SQLite) and a GIN index.
"""

from django.db import migrations

SQLITE_FORWARD = [
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
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_FORWARD = [
    """ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, coalesce(title_norm, '')), 'A') ||
        setweight(to_tsvector('simple'::regconfig, coalesce(body_norm, '')), 'B')
    ) STORED""",
    "CREATE INDEX search_entry_document_gin ON search_searchentry USING gin (document)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_document_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document",
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
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
