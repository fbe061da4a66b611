"""The one search module: parse a query, match it in the database, rank, count, highlight.

What other apps call (nothing else):

    from search import engine
    engine.filter_queryset(qs, q, kind="offer")   # qs restricted to matches (a subquery)
    engine.ranked(qs, q, kind="offer", tags=[[tag("cost", "free")]])  # best match first
    engine.search(q, kinds=None, territory=None)  # the global search over every source

SQLite answers with FTS5, PostgreSQL with a tsvector column and GIN; both over the same
pre-normalised tokens (search.normalise), so a query matches the same set on both, and both
rank the first matches in index order with the same integer title score.
Facet filters are tokens of the same index (search/tags.py), and the prefix of the last word is
expanded to the exact tokens it stands for, so every list query is one intersection of
posting lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .normalise import query_terms
from .registry import sources
from .snippets import highlight
from .tags import tag

# The last word of a query also matches as a prefix when it has this many characters:
# results appear while typing, and "Kurs" (stem "kur") still finds "Kurse" (stem "kurs").
PREFIX_MIN = 3
# Ranking (`_title_score`): each query word found in the title counts this much, found only
# in the body that much; the same integers on both databases, so they rank alike.
TITLE_WEIGHT, BODY_WEIGHT = 10, 1
# A list page, and the global search per kind, ranks and counts at most this many matches (the
# first in index order): bounded work at any size; `more` says there are more beyond it.
RESULT_LIMIT = 200


@dataclass(frozen=True)
class Query:
    terms: tuple[str, ...]
    prefix: bool  # the last term matches as a prefix

    def __bool__(self) -> bool:
        return bool(self.terms)

    @property
    def exact_terms(self) -> tuple[str, ...]:
        return self.terms[:-1] if self.prefix else self.terms

    @property
    def prefixes(self) -> tuple[str, ...]:
        return self.terms[-1:] if self.prefix else ()


@dataclass(frozen=True)
class IndexQuery:
    """What the full-text index is asked: every group must match (a group matches when one of
    its exact tokens does), and every native prefix. Tokens are [a-z0-9] only (normalised
    words and tags), so both syntaxes below need no escaping."""

    groups: tuple[tuple[str, ...], ...]
    prefixes: tuple[str, ...] = ()

    def fts5(self) -> str:
        parts = [
            f'"{g[0]}"' if len(g) == 1 else "(" + " OR ".join(f'"{t}"' for t in g) + ")"
            for g in self.groups
        ]
        return " AND ".join([*parts, *(f'"{p}"*' for p in self.prefixes)])

    def tsquery(self) -> str:
        parts = [g[0] if len(g) == 1 else "(" + " | ".join(g) + ")" for g in self.groups]
        return " & ".join([*parts, *(f"{p}:*" for p in self.prefixes)])


# A prefix that stands for at most this many indexed tokens is asked as their OR: exact tokens
# keep the index's fast AND (PostgreSQL's GIN would otherwise collect every posting of every
# token with the prefix into a bitmap first). Beyond it, the database scans the prefix itself.
EXPANSION_MAX = 32


def _expand(prefix: str) -> tuple[str, ...] | None:
    """The indexed tokens starting with `prefix` (None: more than EXPANSION_MAX)."""
    if _vendor() == "postgresql":
        # LIKE uses the pattern-ops index whatever the database's collation.
        where, params = "token LIKE %s", [prefix + "%"]
    else:
        where, params = "token >= %s AND token < %s", [prefix, prefix + "\U0010ffff"]
    rows = _fetch(
        f"SELECT token FROM search_searchterm WHERE {where} ORDER BY token LIMIT %s",  # noqa: S608
        [*params, EXPANSION_MAX + 1],
    )
    return None if len(rows) > EXPANSION_MAX else tuple(r[0] for r in rows)


def index_query(
    query: Query, tags: Iterable[Iterable[str]] = (), expansions: dict | None = None
) -> IndexQuery | None:
    """The index query for the words of `query` and the tag groups (None: nothing can match).
    `expansions` caches prefix lookups for callers that ask several times."""
    groups = [(t,) for t in query.exact_terms]
    prefixes = []
    expansions = {} if expansions is None else expansions
    for prefix in query.prefixes:
        if prefix not in expansions:
            expansions[prefix] = _expand(prefix)
        expansion = expansions[prefix]
        if expansion is None:
            prefixes.append(prefix)
        else:
            groups.append(expansion)
    groups += [tuple(group) for group in tags]
    if any(not group for group in groups) or not (groups or prefixes):
        return None
    return IndexQuery(tuple(groups), tuple(prefixes))


def parse(q: str | None) -> Query:
    terms = tuple(query_terms(q or ""))
    return Query(terms, bool(terms) and len(terms[-1]) >= PREFIX_MIN)


@dataclass
class Hit:
    kind: str
    object_id: int
    title: str
    url: str
    score: float
    snippet: SafeString = field(default_factory=lambda: mark_safe(""))
    title_html: SafeString = field(default_factory=lambda: mark_safe(""))


def _vendor() -> str:
    return connection.vendor


# Kinds with their own partial GIN index on PostgreSQL (search/migrations/0003): their
# matches are found through the condition `kind = …`; every other kind through its type tag,
# which GIN intersects cheaply because few entries carry it.
PARTIAL_INDEX_KINDS = frozenset({"offer"})


def _match(index: IndexQuery, *, kind=None, public_only=True) -> tuple[str, list]:
    """FROM/WHERE of a match over the index (the entry is `e`), and its params."""
    where, params = [], []
    if _vendor() == "postgresql":
        source = "search_searchentry e"
        if kind and kind not in PARTIAL_INDEX_KINDS:
            index = IndexQuery((*index.groups, (tag("type", kind),)), index.prefixes)
        elif kind:
            where.append("e.kind = %s")  # the condition of the partial index
            params.append(kind)
        where.insert(0, "e.document @@ to_tsquery('simple', %s)")
        params.insert(0, index.tsquery())
    else:
        source = "search_fts JOIN search_searchentry e ON e.id = search_fts.rowid"
        if kind:  # FTS5 walks the matches of this kind only
            index = IndexQuery((*index.groups, (tag("type", kind),)), index.prefixes)
        where.append("search_fts MATCH %s")
        params.append(index.fts5())
        if kind:
            where.append("e.kind = %s")
            params.append(kind)
    if public_only:
        where.append("e.is_public = %s AND (e.public_until IS NULL OR e.public_until > %s)")
        params += [True, timezone.now()]
    return f"FROM {source} WHERE {' AND '.join(where)}", params


def matching_ids(q, *, kind: str, public_only: bool = False) -> RawSQL | None:
    """A subquery of the ids of `kind` objects matching `q` (None when q has no words)."""
    query = q if isinstance(q, Query) else parse(q)
    if not query:
        return None
    index = index_query(query)
    if index is None:
        # No match possible; the column keeps the id type PostgreSQL compares against.
        return RawSQL("SELECT e.object_id FROM search_searchentry e WHERE 1 = 0", ())  # noqa: S611
    from_where, params = _match(index, kind=kind, public_only=public_only)
    # Only fixed SQL fragments are interpolated; every value travels as a parameter.
    return RawSQL(f"SELECT e.object_id {from_where}", params)  # noqa: S611


def filter_queryset(queryset, q, *, kind: str, public_only: bool = False):
    """`queryset` restricted to objects whose index entry matches `q` (unchanged if empty)."""
    ids = matching_ids(q, kind=kind, public_only=public_only)
    return queryset if ids is None else queryset.filter(pk__in=ids)


def _fetch(sql: str, params: Sequence) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _display_columns() -> str:
    """The entry's title and body in the active language: English text where it has its own,
    otherwise (and on German pages) the German."""
    if (get_language() or "").split("-")[0] == "en":
        return "COALESCE(title_en, title), COALESCE(body_en, body)"
    return "title, body"


def _decorate(query: Query, title: str, body: str) -> tuple[SafeString, SafeString]:
    snippet = highlight(body, query.terms, prefixes=query.prefixes)
    title_html = highlight(title, query.terms, prefixes=query.prefixes, words=60)
    return mark_safe(snippet), mark_safe(title_html)  # noqa: S308 - highlight() escapes


def _correlated(within) -> tuple[str, list]:
    """`within` as an EXISTS test on the entry's object (None when it filters nothing).

    Correlated on purpose: the database checks the few candidates it looks at, instead of
    computing the whole queryset first (an uncorrelated IN would scan every listed object).
    """
    if within is None or not within.query.where.children:
        return "", []
    inner = within.order_by().filter(pk=RawSQL("e.object_id", ())).values("pk")  # noqa: S611
    sql, params = inner.query.sql_with_params()
    return f"EXISTS ({sql})", list(params)


def _title_score(query: Query) -> tuple[str, list]:
    """An integer score computed the same way on both databases: each query word found in the
    title counts TITLE_WEIGHT, found only in the body BODY_WEIGHT."""
    parts, params = [], []
    for term in query.exact_terms:
        parts.append("CASE WHEN (' ' || e.title_norm || ' ') LIKE %s THEN %s ELSE %s END")
        params += [f"% {term} %", TITLE_WEIGHT, BODY_WEIGHT]
    for term in query.prefixes:
        parts.append("CASE WHEN (' ' || e.title_norm) LIKE %s THEN %s ELSE %s END")
        params += [f"% {term}%", TITLE_WEIGHT, BODY_WEIGHT]
    return " + ".join(parts) or "0", params


def _first_matches(select: str, params: list, limit: int) -> list[tuple]:
    """The first `limit` rows of a match in index order: rowid order of the FTS5 index on
    SQLite; storage order on PostgreSQL, where the GIN bitmap (or a sequential scan, for very
    common words) stops as soon as enough rows are found. Ordering by id instead would make
    PostgreSQL either visit every match or walk the id index until it finds enough, which
    for a rare combination of common words reads most of the table. (The settings switch
    parallel workers off for PostgreSQL: they would make the first rows depend on timing.)"""
    if _vendor() != "postgresql":
        return _fetch(f"{select} ORDER BY search_fts.rowid LIMIT %s", [*params, limit])
    return _fetch(f"{select} LIMIT %s", [*params, limit])


class RankedResults:
    """Objects of a queryset that match a query, best first; sliceable for a Paginator.

    Bounded work whatever the number of matches: the first `limit` (RESULT_LIMIT) matching
    entries in index order (see `_first_matches`) that pass the queryset's filters are the
    candidates; they are ranked by `_title_score` (then newest first) and counted in the
    same single query. `count()` is therefore at most RESULT_LIMIT and `more` says that
    there were further matches.

    `public_only=True` uses the listed state kept in the index entry (public, provider public,
    current; the stale task re-indexes) instead of a "listed" subquery. `tags` are facet
    filters answered by the index (search/tags.py): a list of groups, each a list of tags of
    which one must be present ("free or reduced" and "step-free" = [[free, reduced], [step]]).

    Each object gets `search_score`, `search_snippet` and `search_title` (safe HTML).
    """

    def __init__(
        self, queryset, q, *, kind: str, public_only=False, tags=(), limit=None, expansions=None
    ):
        self.queryset = queryset
        self.expansions = expansions
        self.limit = limit or RESULT_LIMIT
        self.query = q if isinstance(q, Query) else parse(q)
        self.kind = kind
        self.public_only = public_only
        self.tags = [list(group) for group in tags]
        self._rows: list[tuple] | None = None
        self._more = False

    def _candidates(self) -> list[tuple]:
        """[(entry id, object id, score)] best first, at most `limit` (one query)."""
        if self._rows is None:
            index = index_query(self.query, self.tags, self.expansions)
            if index is None:
                self._rows = []
                return self._rows
            from_where, params = _match(index, kind=self.kind, public_only=self.public_only)
            exists, exists_params = _correlated(self.queryset)
            if exists:
                from_where += f" AND {exists}"
                params = [*params, *exists_params]
            score, score_params = _title_score(self.query)
            rows = _first_matches(
                f"SELECT e.id, e.object_id, {score} {from_where}",
                [*score_params, *params],
                self.limit + 1,
            )
            self._more = len(rows) > self.limit
            rows = rows[: self.limit]
            rows.sort(key=lambda r: (-r[2], -r[0]))
            self._rows = rows
        return self._rows

    def count(self) -> int:
        return len(self._candidates())

    @property
    def more(self) -> bool:
        """Whether further matches exist beyond the `limit` counted."""
        self._candidates()
        return self._more

    def object_ids(self) -> list[int]:
        return [row[1] for row in self._candidates()]

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        if isinstance(item, int):
            return self[item : item + 1][0]
        rows = self._candidates()[item]
        if not rows:
            return []
        marks = ", ".join(["%s"] * len(rows))
        columns = f"id, {_display_columns()}"
        texts = {
            pk: (title, body)
            for pk, title, body in _fetch(
                f"SELECT {columns} FROM search_searchentry WHERE id IN ({marks})",  # noqa: S608 - fixed columns, only bound %s markers
                [r[0] for r in rows],
            )
        }
        objects = self.queryset.in_bulk([r[1] for r in rows])
        result = []
        for entry_id, object_id, score_value in rows:
            obj = objects.get(object_id)
            if obj is None:
                continue
            title, body = texts[entry_id]
            obj.search_score = float(score_value)
            obj.search_snippet, obj.search_title = _decorate(self.query, title, body)
            result.append(obj)
        return result

    def __iter__(self):
        return iter(self[:])


def ranked(
    queryset, q, *, kind: str, public_only=False, tags=(), limit=None, expansions=None
) -> RankedResults:
    return RankedResults(
        queryset, q, kind=kind, public_only=public_only, tags=tags, limit=limit,
        expansions=expansions,
    )  # fmt: skip


@dataclass
class GlobalResult:
    """The global search's answer: per kind the first RESULT_LIMIT matches in index order
    (counted in `counts`, `more` names the kinds with further matches), ranked together by
    `_title_score`; `hits` is the page asked for, `page()` fetches any other."""

    query: Query
    total: int
    counts: dict[str, int]  # kind -> number of matches, at most RESULT_LIMIT (a facet)
    hits: list[Hit]
    more: frozenset[str] = frozenset()
    candidates: list[tuple] = field(default_factory=list, repr=False)

    def page(self, offset: int, limit: int) -> list[Hit]:
        rows = self.candidates[offset : offset + limit]
        if not rows:
            return []
        marks = ", ".join(["%s"] * len(rows))
        columns = f"id, url, {_display_columns()}"
        texts = {
            pk: (title, url, body)
            for pk, url, title, body in _fetch(
                f"SELECT {columns} FROM search_searchentry WHERE id IN ({marks})",  # noqa: S608 - fixed columns, only bound %s markers
                [row[2] for row in rows],
            )
        }
        hits = []
        for score_value, kind, entry_id, object_id in rows:
            title, url, body = texts[entry_id]
            snippet, title_html = _decorate(self.query, title, body)
            hits.append(Hit(kind, object_id, title, url, float(score_value), snippet, title_html))
        return hits


def search(
    q, *, kinds: Sequence[str] | None = None, territory=None, limit: int = 20, offset: int = 0
) -> GlobalResult:
    """The global search over every indexed kind (public entries only).

    Bounded work like the list pages: one query per kind takes its first RESULT_LIMIT + 1
    matches in index order (`_first_matches`), which gives the count per kind (capped; `more`)
    and the candidates, ranked by the integer title score the same way on both databases."""
    query = q if isinstance(q, Query) else parse(q)
    index = index_query(query, [[tag("in", territory.pk)]] if territory is not None else [])
    if not query or index is None:
        return GlobalResult(query, 0, {}, [])
    score, score_params = _title_score(query)
    order = list(sources())
    per_kind = {}
    for kind in order:
        from_where, params = _match(index, kind=kind)
        rows = _first_matches(
            f"SELECT e.id, e.object_id, {score} {from_where}",
            [*score_params, *params],
            RESULT_LIMIT + 1,
        )
        if rows:
            per_kind[kind] = rows
    counts = {kind: min(len(rows), RESULT_LIMIT) for kind, rows in per_kind.items()}
    more = frozenset(kind for kind, rows in per_kind.items() if len(rows) > RESULT_LIMIT)
    selected = [k for k in (kinds or []) if k] or order
    candidates = sorted(
        (
            (score_value, kind, entry_id, object_id)
            for kind in selected
            for entry_id, object_id, score_value in per_kind.get(kind, [])[:RESULT_LIMIT]
        ),
        # Best score first, then the kinds in registry order, then newest entry first.
        key=lambda row: (-row[0], order.index(row[1]), -row[2]),
    )
    result = GlobalResult(query, len(candidates), counts, [], more, candidates)
    result.hits = result.page(offset, limit)
    return result
