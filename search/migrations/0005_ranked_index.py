"""The full-text index kept in ranking order, title words as their own tokens, word statistics.

- `SearchEntry.rank` (search.ranking.static_rank: kind, public, freshness, object): SQLite's FTS5
  table now uses it as its rowid, so every match comes out of the index best first and a query
  can stop after the first k; PostgreSQL answers `ORDER BY rank` from a B-tree on (kind, rank).
- Title tokens are repeated in `tags` as "title has word" tags (search.tags.title_tags), whose
  posting lists are short: the best tiers (query words in the title) are cheap to read; the
  title's length band (search.ranking.length_band) is a tag too. With words in the title as
  tags no query needs column filters, so FTS5 keeps no positions or columns (detail='none'):
  smaller posting lists, faster intersections.
- An index on `public_until` finds the entries whose time ran out before the daily re-index.
- `SearchTerm.word` (the word as written, for suggestions) and `SearchTerm.entries` (in how many
  entries a token occurs, for the rarity of a word).

Existing entries get a rank from their object here (their freshness with
`bildungsnetz search_reindex`, which also fills the new vocabulary columns).
"""

import zlib

from django.db import migrations, models

# The kind codes of search.sources as declared when this migration was written; a kind not
# listed gets a code from its name that no listed kind has.
CODES = {"organisation": 1, "offer": 2, "partnership": 3, "agreement": 4, "project": 5,
         "programme": 6}  # fmt: skip


def _code(kind: str) -> int:
    return CODES.get(kind, 32 + zlib.crc32(kind.encode()) % 32)


def _title_tag(token: str) -> str:
    encoded = "".join(ch if ch != "q" else "q71q" for ch in token)
    return f"zztiq{encoded}"


def fill(apps, schema_editor):
    from search.ranking import length_band, static_rank  # pure module, no models

    entry_model = apps.get_model("search", "SearchEntry")
    batch = []
    for entry in entry_model.objects.order_by("pk").iterator(chunk_size=2000):
        title = entry.title_norm.split()
        entry.rank = static_rank(
            start=None, confirmed=None, code=_code(entry.kind), object_id=entry.object_id,
            public=entry.is_public,
        )  # fmt: skip
        tags = set(entry.tags.split()) | {_title_tag(t) for t in title}
        tags.add(f"zzlenq{length_band(len(title))}")
        entry.tags = " ".join(sorted(tags))
        batch.append(entry)
        if len(batch) >= 2000:
            entry_model.objects.bulk_update(batch, ["rank", "tags"])
            batch = []
    if batch:
        entry_model.objects.bulk_update(batch, ["rank", "tags"])


SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]


def _fts(rowid: str, detail: str, update_of: str) -> list[str]:
    """The external-content FTS5 table over the entries and the triggers keeping it in step,
    keyed by `rowid` (a column of search_searchentry)."""
    columns = "title_norm, body_norm, tags"
    new = f"new.{rowid}, new.title_norm, new.body_norm, new.tags"
    old = f"old.{rowid}, old.title_norm, old.body_norm, old.tags"
    return [
        f"""CREATE VIRTUAL TABLE search_fts USING fts5(
            {columns}, content='search_searchentry', content_rowid='{rowid}',
            tokenize='unicode61 remove_diacritics 0', detail='{detail}'
        )""",
        f"""CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN
            INSERT INTO search_fts(rowid, {columns}) VALUES ({new});
        END""",
        f"""CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN
            INSERT INTO search_fts(search_fts, rowid, {columns}) VALUES ('delete', {old});
        END""",
        f"""CREATE TRIGGER search_fts_au AFTER UPDATE OF {update_of} ON search_searchentry BEGIN
            INSERT INTO search_fts(search_fts, rowid, {columns}) VALUES ('delete', {old});
            INSERT INTO search_fts(rowid, {columns}) VALUES ({new});
        END""",
        "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    ]


SQLITE_CREATE = _fts("rank", "none", "title_norm, body_norm, tags, rank")
# Migration 0003's table keyed by id, for going back.
SQLITE_CREATE_0003 = _fts("id", "column", "title_norm, body_norm, tags")


def _sqlite(*statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_display_text_in_english")]
    operations = [
        # The FTS5 table and its triggers go first: the column changes below rebuild the table.
        migrations.RunPython(_sqlite(*SQLITE_DROP), _sqlite(*SQLITE_CREATE_0003)),
        migrations.AddField(
            model_name="searchentry",
            name="rank",
            field=models.BigIntegerField(null=True, verbose_name="rank"),
        ),
        migrations.AddField(
            model_name="searchterm",
            name="word",
            field=models.CharField(blank=True, default="", max_length=200, verbose_name="word"),
        ),
        migrations.AddField(
            model_name="searchterm",
            name="entries",
            field=models.IntegerField(default=0, verbose_name="entries"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="searchentry",
            name="rank",
            field=models.BigIntegerField(unique=True, verbose_name="rank"),
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["kind", "rank"], name="search_entry_kind_rank"),
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["public_until"], name="search_entry_public_until"),
        ),
        migrations.RunPython(_sqlite(*SQLITE_CREATE), _sqlite(*SQLITE_DROP)),
    ]
