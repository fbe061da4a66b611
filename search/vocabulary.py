"""The index's vocabulary (`SearchTerm`): which tokens exist, how they were written, how common
they are. The engine asks it to turn query words into index tokens; search.forgiving asks it for
typo corrections and suggestions.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

from .models import SearchTerm
from .tags import tag

# SearchTerm.entries of this row holds the number of entries the statistics were taken over.
TOTAL_TOKEN = tag("stats", "entries")
_CHUNK = 900  # bound parameters per IN list (SQLite allows more, this keeps statements small)


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def frequencies(tokens: Iterable[str]) -> tuple[dict[str, int], int]:
    """({token: entries containing it} for the known ones among `tokens}, total entries), one
    query. Unknown tokens are missing from the dict; a token seen since the last
    statistics_refresh() counts 0 entries (as rare as can be)."""
    wanted = sorted({*tokens, TOTAL_TOKEN})
    found: dict[str, int] = {}
    for chunk in _chunks(wanted):
        found.update(SearchTerm.objects.filter(token__in=chunk).values_list("token", "entries"))
    total = found.pop(TOTAL_TOKEN, 0)
    return found, max(total, 1)


def known(tokens: Iterable[str]) -> set[str]:
    wanted = sorted(set(tokens))
    result: set[str] = set()
    for chunk in _chunks(wanted):
        result.update(SearchTerm.objects.filter(token__in=chunk).values_list("token", flat=True))
    return result


def starting_with(prefix: str, limit: int) -> tuple[str, ...] | None:
    """The indexed tokens starting with `prefix`, None when there are more than `limit`."""
    if connection.vendor == "postgresql":
        # LIKE uses the pattern-ops index whatever the database's collation.
        where, params = "token LIKE %s", [prefix + "%"]
    else:
        where, params = "token >= %s AND token < %s", [prefix, prefix + "\U0010ffff"]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT token FROM search_searchterm WHERE {where} ORDER BY token LIMIT %s",  # noqa: S608
            [*params, limit + 1],
        )
        rows = cursor.fetchall()
    return None if len(rows) > limit else tuple(r[0] for r in rows)


def surface(tokens: Iterable[str]) -> dict[str, str]:
    """{token: the word as first written in indexed text} for the tokens that have one."""
    wanted = sorted(set(tokens))
    result: dict[str, str] = {}
    for chunk in _chunks(wanted):
        result.update(
            SearchTerm.objects.filter(token__in=chunk).exclude(word="").values_list("token", "word")
        )
    return result


def statistics_refresh() -> int:
    """Count in how many entries each token occurs (SearchTerm.entries) and the entries in all,
    in bulk from the full-text index itself (FTS5's vocabulary table, PostgreSQL's ts_stat).
    Run after bulk loads (search.indexing.optimise) and daily (search.tasks); between runs a
    word's rarity lags behind new entries, which changes the order of equally long title-word
    sets only. Returns the number of entries."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE TEMP TABLE search_stats ON COMMIT DROP AS SELECT word AS term, ndoc AS doc "
                "FROM ts_stat('SELECT document FROM search_searchentry')"
            )
        else:
            cursor.execute(
                "CREATE VIRTUAL TABLE temp.search_vocab USING fts5vocab(main, search_fts, 'row')"
            )
            cursor.execute(
                "CREATE TEMP TABLE search_stats AS SELECT term, doc FROM temp.search_vocab"
            )
            cursor.execute("DROP TABLE temp.search_vocab")
        cursor.execute("CREATE INDEX search_stats_term ON search_stats (term)")
        cursor.execute(
            "UPDATE search_searchterm SET entries = COALESCE("
            "(SELECT doc FROM search_stats s WHERE s.term = search_searchterm.token), 0)"
        )
        cursor.execute("SELECT count(*) FROM search_searchentry")
        total = cursor.fetchone()[0]
        if connection.vendor == "sqlite":
            cursor.execute("DROP TABLE search_stats")
    SearchTerm.objects.update_or_create(token=TOTAL_TOKEN, defaults={"entries": total})
    return total
