"""The one search module: parse a query, match it in the database, rank, count, highlight.

What other apps call (nothing else):

    from search import engine
    engine.filter_queryset(qs, q, kind="offer")   # qs restricted to matches (a subquery)
    engine.ranked(qs, q, kind="offer", tags=[[tag("cost", "free")]])  # best match first
    engine.search(q, kinds=None, territory=None)  # the global search over every source

SQLite answers with FTS5, PostgreSQL with a tsvector column and GIN; both over the same
pre-normalised tokens (search.normalise), so a query matches the same set on both. The ranking
is search.ranking's rule, exact over every match: the query cuts the matches into tiers (which
of its words are in the title), each tier is read from the index in the index's own order
(the entries' static rank: title length, freshness), and reading stops when the page is full.
Facet filters are tokens of the same index (search/tags.py). Query words are forgiving
(search.forgiving): compounds split and joined, unknown words corrected from the vocabulary,
the last word's prefix expanded to the tokens it starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from psycopg.pq import TransactionStatus

from . import forgiving, ranking, vocabulary
from .query import Match, Query, parse, resolve
from .ranking import Term
from .registry import sources
from .snippets import highlight
from .tags import tag, title_tag

# Matches are counted exactly up to this many ("more than 10,000" beyond), and a ranked list
# can be paged that deep.
COUNT_LIMIT = 10_000
# A tier estimated to hold at most this many entries is read whole from PostgreSQL's GIN
# bitmap and sorted; a larger one in rank order, stopping after the page (`_Ranking.top`).
BITMAP_MAX = 5000
# With at most this many matches they are read at once and ranked from their titles
# (`_Ranking._few`) instead of tier by tier.
FEW_MAX = 300
# With more query words than this, only the words found in some match's title make tiers
# (one cheap probe per word), so that a long query does not enumerate 2^n tiers.
TIER_WORDS_MAX = 3


def _vendor() -> str:
    return connection.vendor


# Kinds with their own partial GIN index on PostgreSQL (search/migrations/0003 and 0007).
PARTIAL_INDEX_KINDS = frozenset({"offer", "organisation"})


def _fetch(sql: str, params: Sequence, *, scan: str | None = None) -> list[tuple]:
    """Rows of `sql`. On PostgreSQL `scan` fixes the plan: "bitmap" reads the matches from
    the GIN index (cost bounded by the posting lists), "ordered" walks the rank index and
    stops after the LIMIT. The engine knows which one a query needs; the planner, guessing
    how many entries an AND of words matches, sometimes picks the other and reads every
    entry of a kind for a tier that is empty."""
    with connection.cursor() as cursor:
        settings = _SCAN_SETTINGS.get(scan) if _vendor() == "postgresql" else None
        if not settings:
            cursor.execute(sql, params)
            return cursor.fetchall()
        cursor.execute("; ".join(f"SET {name} = {value}" for name, value in settings))
        try:
            cursor.execute(sql, params)
            return cursor.fetchall()
        finally:
            if not connection.needs_rollback and not _aborted(cursor):
                cursor.execute("; ".join(f"RESET {name}" for name, _value in settings))


# work_mem: a bitmap of a few hundred thousand matches stays exact (one bit per row, not per
# page) in 64 MB, so its rows are not checked again; it is freed after the statement.
_SCAN_SETTINGS = {
    "bitmap": (("enable_seqscan", "off"), ("enable_indexscan", "off"), ("work_mem", "'64MB'")),
    "ordered": (("enable_seqscan", "off"), ("enable_bitmapscan", "off")),
}


def _aborted(cursor) -> bool:
    """Whether PostgreSQL's transaction failed (the SET is then undone with it)."""
    return cursor.connection.info.transaction_status == TransactionStatus.INERROR


def _from_where(
    match: Match, *, kind, public_only=True, within=None, window: int | None = None
) -> tuple[str, list, str]:
    """FROM/WHERE of a match over the index (the entry is `e`), its params, and the column the
    index is ordered by (the entries' static rank). PostgreSQL only: `window` restricts the
    match to the first `window` entries of the kind in rank order."""
    where, params = [], []
    if _vendor() == "postgresql":
        source, order = "search_searchentry e", "e.rank"
        if window is not None:
            source = (
                "(SELECT * FROM search_searchentry w WHERE w.kind = %s ORDER BY w.rank LIMIT %s) e"
            )
            params += [kind, window]
        where.append("e.document @@ to_tsquery('simple', %s)")
        params.append(match.tsquery())
        if kind:  # the partial GIN index of offers and the (kind, rank) B-tree need it
            where.append("e.kind = %s")
            params.append(kind)
    else:
        source = "search_fts JOIN search_searchentry e ON e.rank = search_fts.rowid"
        order = "search_fts.rowid"
        where.append("search_fts MATCH %s")
        params.append(match.fts5())
        if kind:  # a kind's entries (its public ones) are one range of FTS5 rowids
            where.append("search_fts.rowid BETWEEN %s AND %s")
            params += _kind_range(kind, public_only)
    if public_only:
        where.append("e.is_public = %s AND (e.public_until IS NULL OR e.public_until > %s)")
        params += [True, timezone.now()]
    exists, exists_params = _correlated(within)
    if exists:
        where.append(exists)
        params += exists_params
    return f"FROM {source} WHERE {' AND '.join(where)}", params, order


def _kind_range(kind: str, public_only: bool) -> list[int]:
    return list(ranking.kind_range(sources()[kind].code, public_only=public_only))


def _correlated(within) -> tuple[str, list]:
    """`within` as an EXISTS test on the entry's object (nothing when it filters nothing).

    Correlated on purpose: the database checks the candidates it reads, instead of computing
    the whole queryset first (an uncorrelated IN would scan every listed object)."""
    if within is None or not within.query.where.children:
        return "", []
    inner = within.order_by().filter(pk=RawSQL("e.object_id", ())).values("pk")  # noqa: S611
    sql, params = inner.query.sql_with_params()
    return f"EXISTS ({sql})", list(params)


def matching_ids(q, *, kind: str, public_only: bool = False) -> RawSQL | None:
    """A subquery of the ids of `kind` objects matching `q` (None when q has no words)."""
    query = q if isinstance(q, Query) else parse(q)
    if not query:
        return None
    from_where, params, _order = _from_where(
        Match(resolve(query)), kind=kind, public_only=public_only
    )
    # Only fixed SQL fragments are interpolated; every value travels as a parameter.
    return RawSQL(f"SELECT e.object_id {from_where}", params)  # noqa: S611


def filter_queryset(queryset, q, *, kind: str, public_only: bool = False):
    """`queryset` restricted to objects whose index entry matches `q` (unchanged if empty)."""
    ids = matching_ids(q, kind=kind, public_only=public_only)
    return queryset if ids is None else queryset.filter(pk__in=ids)


# --- ranking --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """How a query is ranked: its terms, each term's rarity (idf) and the tiers best first
    (search.ranking.tiers over the `candidates`, the terms that can be in a title)."""

    terms: tuple[Term, ...]
    weights: tuple[float, ...]
    candidates: tuple[int, ...]
    order: tuple[tuple[int, int], ...]  # (mask of title terms, length band), best first

    def position(self, title_norm: str) -> int:
        """The tier of an entry with this normalised title (brute-force reference)."""
        words = title_norm.split()
        tokens = set(words)
        mask = sum(1 << i for i in self.candidates if self.terms[i].in_title(tokens))
        return self.order.index((mask, ranking.length_band(len(words))))


def _frequencies(terms: Sequence[Term], tags) -> tuple[dict[str, int], int]:
    """How many entries hold each token of the terms, its title tag, and each facet tag."""
    tokens = {t for term in terms for t in term.tokens()}
    bands = {tag("len", band) for band in ranking.BANDS}
    wanted = tokens | {title_tag(t) for t in tokens} | {t for group in tags for t in group} | bands
    return vocabulary.frequencies(wanted)


def _weights(terms: Sequence[Term], counts: dict[str, int], total: int) -> tuple[float, ...]:
    weights = []
    for term in terms:
        if term.prefix:
            entries = total  # a prefix standing for many tokens: as common as can be
        else:
            entries = sum(min(counts.get(t, 0) for t in alt) for alt in term.alternatives)
        weights.append(ranking.idf(min(entries, total), total))
    return tuple(weights)


class _Ranking:
    """The matches of one kind, counted (exactly up to `limit`) and ranked (exact top k)."""

    def __init__(self, terms, plan_cache, *, kind, tags=(), public_only=True, within=None,
                 limit=None):  # fmt: skip
        self.match = Match(terms, tuple(tuple(g) for g in tags))
        self.kind, self.public_only, self.within = kind, public_only, within
        self.limit = COUNT_LIMIT if limit is None else limit
        self._plan_cache = plan_cache
        self._count: int | None = None
        self._found: list[int] | None = None  # the first matches read, unranked (`found`)
        self._found_all = False  # whether `_found` holds every match
        self._rows: list[tuple] = []
        self._complete_upto = 0

    def _sql(self, match: Match):
        return _from_where(match, kind=self.kind, public_only=self.public_only,
                           within=self.within)  # fmt: skip

    def matched(self) -> int:
        """Matches counted up to limit + 1 (more than `limit` means "more")."""
        if self._count is None:
            if any(not group for group in self.match.tags):
                self._count = 0
            elif _vendor() == "postgresql" and self.kind in PARTIAL_INDEX_KINDS:
                # PostgreSQL visits the row of every match it counts: reading their ids costs
                # little more and keeps them for counts over the first matches (a page's
                # facets, `found`), which would otherwise build the words' bitmap again.
                self._count = len(self.found(self.limit + 1))
            elif self.public_only and not _correlated(self.within)[0]:
                self._count = self._count_in_index()
            else:
                from_where, params, _order = self._sql(self.match)
                self._count = _fetch(
                    f"SELECT count(*) FROM (SELECT 1 {from_where} LIMIT %s) t",  # noqa: S608
                    [*params, self.limit + 1],
                    scan="bitmap",
                )[0][0]
        return self._count

    def _count_in_index(self) -> int:
        """The public matches counted without reading entries where the database allows:
        SQLite's FTS5 counts the words' matches in the rowid range of the kind's public
        entries alone; PostgreSQL checks the public state on the rows its bitmap visits
        anyway. Entries whose time ran out since they were indexed (few: the daily re-index
        makes them not public) are found through the index on public_until and subtracted."""
        now = timezone.now()
        if _vendor() == "postgresql":
            expired_sql = (
                "SELECT count(*) FROM search_searchentry e WHERE e.public_until <= %s "
                "AND e.is_public AND e.kind = %s AND e.document @@ to_tsquery('simple', %s)"
            )
            expired_params = [now, self.kind, self.match.tsquery()]
            count_from = (
                "FROM search_searchentry e WHERE e.document @@ to_tsquery('simple', %s) "
                "AND e.kind = %s AND e.is_public"
            )
            count_params = [self.match.tsquery(), self.kind]
            if self.kind not in PARTIAL_INDEX_KINDS:
                typed = Match(self.match.terms, (*self.match.tags, (tag("type", self.kind),)))
                count_params = [typed.tsquery(), self.kind]
        else:
            expired_sql = (
                "SELECT count(*) FROM search_searchentry e WHERE e.public_until <= %s "
                "AND e.is_public AND e.kind = %s AND EXISTS (SELECT 1 FROM search_fts "
                "WHERE search_fts MATCH %s AND search_fts.rowid = e.rank)"
            )
            expired_params = [now, self.kind, self.match.fts5()]
            count_from = "FROM search_fts WHERE search_fts MATCH %s AND rowid BETWEEN %s AND %s"
            count_params = [self.match.fts5(), *_kind_range(self.kind, True)]
        expired = _fetch(expired_sql, expired_params)[0][0]
        found = _fetch(
            f"SELECT count(*) FROM (SELECT 1 {count_from} LIMIT %s) t",  # noqa: S608 - fixed SQL
            [*count_params, self.limit + 1 + expired],
            scan="bitmap",
        )[0][0]
        return found - expired

    def plan(self) -> Plan:
        key = ("plan", self.kind, self.match.tags, self.public_only, id(self.within))
        if key not in self._plan_cache:
            terms = self.match.terms
            if "weights" not in self._plan_cache:
                counts, total = _frequencies(terms, self.match.tags)
                self._plan_cache.update(
                    weights=_weights(terms, counts, total), counts=counts, total=total
                )
            weights = self._plan_cache["weights"]
            candidates = list(range(len(terms)))
            if len(terms) > TIER_WORDS_MAX:
                candidates = [i for i in candidates if self._in_some_title(i)]
            masks = ranking.title_sets([weights[i] for i in candidates])
            order = tuple(
                (sum(1 << candidates[b] for b in range(len(candidates)) if m >> b & 1), band)
                for m in masks
                for band in ranking.BANDS
            )
            self._plan_cache[key] = Plan(terms, weights, tuple(candidates), order)
        return self._plan_cache[key]

    def _any(self, mask: int, plan: Plan) -> bool:
        """Whether some match has exactly the title words of `mask` (one question instead of
        one per length band, each of which would intersect the band's long tag list)."""
        if _vendor() == "postgresql" and self._estimate((mask, None), plan) > BITMAP_MAX:
            return True  # likely: asking would build the bitmap of a large set
        from_where, params, _order = self._sql(self.match.tier((mask, None), plan.candidates))
        return bool(_fetch(f"SELECT 1 {from_where} LIMIT 1", params, scan="bitmap"))  # noqa: S608

    def _few(self, plan: Plan) -> list[tuple]:
        """Every match, ranked: for a few matches one read of them all (with their titles,
        whose words and length give the tier) costs less than asking tier by tier."""
        from_where, params, _order = self._sql(self.match)
        found = _fetch(
            f"SELECT e.id, e.object_id, e.rank, e.title_norm {from_where}",  # noqa: S608
            params,
            scan="bitmap",
        )
        rows = [
            (entry, obj, (plan.position(title), ranking.order_within_kind(rank), rank))
            for entry, obj, rank, title in found
        ]
        rows.sort(key=lambda row: row[2])
        return rows

    def _read(self, tier: Match, key: tuple[int, int], plan: Plan, need: int) -> list[tuple]:
        """The first `need` entries of a tier in rank order.

        SQLite: FTS5 yields the tier in rowid (= rank) order and stops after `need`.
        PostgreSQL has no index that is both filtered by words and ordered by rank, so the
        engine picks how to read, instead of the planner (which guesses the size of an AND of
        words from independent frequencies, and for a tier it thought common but that was
        empty walked all million offers): a tier estimated to hold at most BITMAP_MAX entries
        is read whole from the GIN bitmap and sorted (cost bounded by its size); a larger one
        is first looked for among the first BITMAP_MAX entries of the kind in rank order
        (a walk of the rank index that stops after `need`), and only if they do not hold
        enough is the rest read from the bitmap, beyond them."""
        select = "SELECT e.id, e.object_id, e.rank"
        from_where, params, order = self._sql(tier)
        sql = f"{select} {from_where} ORDER BY {order} LIMIT %s"  # noqa: S608 - fixed SQL
        if _vendor() != "postgresql":
            return _fetch(sql, [*params, need])
        if self._estimate(key, plan) <= BITMAP_MAX:
            return _fetch(sql, [*params, need], scan="bitmap")
        window = max(BITMAP_MAX, 1)
        from_where, params, order = _from_where(
            tier, kind=self.kind, public_only=self.public_only, within=self.within,
            window=window,
        )  # fmt: skip
        found = _fetch(
            f"{select} {from_where} ORDER BY {order} LIMIT %s",  # noqa: S608 - fixed SQL
            [*params, need],
            scan="ordered",
        )
        if len(found) == need:
            return found
        edge = self._edge(window)
        if not edge:  # the window held every entry of the kind
            return found
        from_where, params, order = self._sql(tier)
        rest = _fetch(
            f"{select} {from_where} AND e.rank > %s ORDER BY {order} LIMIT %s",  # noqa: S608
            [*params, edge[0][0], need - len(found)],
            scan="bitmap",
        )
        return found + rest

    def _edge(self, window: int) -> list[tuple]:
        """The rank of the kind's `window`-th entry (the window's end), once per search: each
        tier read beyond the window starts there."""
        key = ("edge", self.kind, window)
        if key not in self._plan_cache:
            self._plan_cache[key] = _fetch(
                "SELECT rank FROM search_searchentry WHERE kind = %s ORDER BY rank "
                "OFFSET %s LIMIT 1",
                [self.kind, window - 1],
            )
        return self._plan_cache[key]

    def _estimate(self, key: tuple[int, int | None], plan: Plan) -> float:
        """About how many entries a tier holds, from the words' and tags' frequencies (as of
        the last statistics refresh, so new words count 0: a low estimate only chooses the
        bitmap, which is right whatever the size): at most as many as have its rarest title
        word in the title (or as match, for the tier without title words), times the share
        of entries each facet group keeps."""
        counts = self._plan_cache["counts"]
        total = self._plan_cache["total"]
        mask, band = key
        # Matches counted up to the limit; beyond it, as many as there are entries.
        matched = self.matched()
        estimate = float(matched if matched <= self.limit else total)
        for i in plan.candidates:
            if mask >> i & 1:
                term = plan.terms[i]
                if term.prefix:
                    continue
                in_title = sum(
                    min(counts.get(title_tag(t), 0) for t in alt) for alt in term.alternatives
                )
                estimate = min(estimate, in_title)
        bands = () if band is None else ((tag("len", band),),)
        for group in (*self.match.tags, *bands):
            estimate *= min(1.0, sum(counts.get(t, 0) for t in group) / total)
        return estimate

    def found(self, k: int) -> list[int]:
        """Object ids of up to k matches as the index yields them, unranked (SQLite: in
        rank order, the freshest first; PostgreSQL: in storage order): enough to count over
        the matches (facets) without ranking them, which takes a read per tier."""
        if any(not group for group in self.match.tags):
            return []
        if self._found is not None and (k <= len(self._found) or self._found_all):
            return self._found[:k]
        from_where, params, _order = self._sql(self.match)
        rows = _fetch(f"SELECT e.object_id {from_where} LIMIT %s", [*params, k], scan="bitmap")  # noqa: S608
        self._found, self._found_all = [row[0] for row in rows], len(rows) < k
        return self._found

    def _in_some_title(self, i: int) -> bool:
        probe = Match(self.match.terms, self.match.tags, frozenset({i}))
        from_where, params, _order = self._sql(probe)
        return bool(_fetch(f"SELECT 1 {from_where} LIMIT 1", params))

    def top(self, k: int) -> list[tuple]:
        """The best min(k, limit) matches as (entry id, object id, key), the key comparable
        across kinds: (tier position, rank without the kind, rank)."""
        k = min(k, self.limit, self.matched())
        if k <= self._complete_upto:
            return self._rows[:k]
        plan = self.plan()
        total = self.matched()
        if total <= min(self.limit, FEW_MAX):
            self._rows, self._complete_upto = self._few(plan)[:k], k
            return self._rows
        rows: list[tuple] = []
        empty: set[int] = set()
        for position, key in enumerate(plan.order):
            need = k - len(rows)
            if need <= 0 or (total <= self.limit and len(rows) >= total):
                break
            mask = key[0]
            if mask in empty or (key[1] == ranking.BANDS[0] and not self._any(mask, plan)):
                empty.add(mask)  # no match has exactly these title words: skip its bands
                continue
            tier = self.match.tier(key, plan.candidates)
            found = self._read(tier, key, plan, need)
            rows += [
                (entry, obj, (position, ranking.order_within_kind(rank), rank))
                for entry, obj, rank in found
            ]
        self._rows, self._complete_upto = rows, k
        return rows


def _display_columns() -> str:
    """The entry's title and body in the active language: English text where it has its own,
    otherwise (and on German pages) the German."""
    if (get_language() or "").split("-")[0] == "en":
        return "COALESCE(title_en, title), COALESCE(body_en, body)"
    return "title, body"


def _highlight_terms(terms: Sequence[Term]) -> tuple[set[str], tuple[str, ...]]:
    words = {t for term in terms for t in term.tokens()}
    return words, tuple(term.prefix for term in terms if term.prefix)


def _decorate(terms: Sequence[Term], title: str, body: str) -> tuple[SafeString, SafeString]:
    words, prefixes = _highlight_terms(terms)
    snippet = highlight(body, words, prefixes=prefixes)
    title_html = highlight(title, words, prefixes=prefixes, words=60)
    return mark_safe(snippet), mark_safe(title_html)  # noqa: S308 - highlight() escapes


def _texts(entry_ids: Sequence[int], extra: str = "") -> dict[int, tuple]:
    marks = ", ".join(["%s"] * len(entry_ids))
    columns = f"id, {extra}{_display_columns()}"
    return {
        row[0]: row[1:]
        for row in _fetch(
            f"SELECT {columns} FROM search_searchentry WHERE id IN ({marks})",  # noqa: S608 - fixed columns, only bound %s markers
            list(entry_ids),
        )
    }


class RankedResults:
    """Objects of a queryset that match a query, best first (search.ranking's rule, exact
    over every match); sliceable for a Paginator.

    `count()` is exact up to `limit` (COUNT_LIMIT by default) and `more` says that there are
    more matches; a slice reads only the tiers it needs from the index. `public_only=True`
    uses the listed state kept in the index entry (public, provider public, current) instead
    of a "listed" subquery; the queryset's own filters are checked on each candidate read.
    `tags` are facet filters answered by the index (search/tags.py): a list of groups, each a
    list of tags of which one must be present. Each object gets `search_score` (its tier,
    0 = best), `search_snippet` and `search_title` (safe HTML).
    """

    def __init__(
        self, queryset, q, *, kind: str, public_only=False, tags=(), limit=None, expansions=None
    ):
        self.queryset = queryset
        self.query = q if isinstance(q, Query) else parse(q)
        cache = {} if expansions is None else expansions
        if "terms" not in cache or cache.get("query") != self.query:
            cache.clear()
            cache.update(query=self.query, terms=resolve(self.query))
        self.terms: tuple[Term, ...] = cache["terms"]
        self.kind = kind
        self._ranking = _Ranking(
            self.terms, cache, kind=kind, tags=tags, public_only=public_only,
            within=queryset, limit=limit,
        )  # fmt: skip

    @property
    def corrected(self) -> bool:
        """Whether a word was found only through a typo correction."""
        return any(term.corrected for term in self.terms)

    def count(self) -> int:
        if not self.terms:
            return 0
        return min(self._ranking.matched(), self._ranking.limit)

    @property
    def more(self) -> bool:
        """Whether further matches exist beyond the `limit` counted."""
        return bool(self.terms) and self._ranking.matched() > self._ranking.limit

    def plan(self) -> Plan:
        return self._ranking.plan()

    def rows(self, k: int) -> list[tuple]:
        return self._ranking.top(k) if self.terms else []

    def found_ids(self, k: int) -> list[int]:
        """Object ids of up to k matches, unranked (`_Ranking.found`): for counts over the
        matches such as facets."""
        return self._ranking.found(k) if self.terms else []

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        if isinstance(item, int):
            return self[item : item + 1][0]
        start, stop = item.start or 0, item.stop if item.stop is not None else self.count()
        rows = self.rows(stop)[start:stop]
        if not rows:
            return []
        texts = _texts([r[0] for r in rows])
        objects = self.queryset.in_bulk([r[1] for r in rows])
        result = []
        for entry_id, object_id, key in rows:
            obj = objects.get(object_id)
            if obj is None:
                continue
            title, body = texts[entry_id]
            obj.search_score = key[0]
            obj.search_snippet, obj.search_title = _decorate(self.terms, title, body)
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
class Hit:
    kind: str
    object_id: int
    title: str
    url: str
    score: float
    snippet: SafeString = field(default_factory=SafeString)
    title_html: SafeString = field(default_factory=SafeString)


@dataclass
class GlobalResult:
    """The global search's answer: matches per kind counted exactly up to COUNT_LIMIT
    (`counts`; `more` names the kinds with more), the kinds' rankings merged by the same key
    (tier, then static rank), `hits` the page asked for, `page()` any other."""

    query: Query
    total: int
    counts: dict[str, int]
    hits: list[Hit]
    more: frozenset[str] = frozenset()
    terms: tuple[Term, ...] = ()
    rankings: dict[str, _Ranking] = field(default_factory=dict, repr=False)
    suggestion: str | None = None

    def rows(self, k: int) -> list[tuple]:
        """The best k (kind, entry id, object id, key) over the selected kinds."""
        merged = [
            (kind, entry, obj, key)
            for kind, ranking_ in self.rankings.items()
            for entry, obj, key in ranking_.top(k)
        ]
        merged.sort(key=lambda row: row[3])
        return merged[:k]

    def page(self, offset: int, limit: int) -> list[Hit]:
        rows = self.rows(offset + limit)[offset : offset + limit]
        if not rows:
            return []
        texts = _texts([row[1] for row in rows], extra="url, ")
        hits = []
        for kind, entry_id, object_id, key in rows:
            url, title, body = texts[entry_id]
            snippet, title_html = _decorate(self.terms, title, body)
            hits.append(Hit(kind, object_id, title, url, float(key[0]), snippet, title_html))
        return hits


def search(
    q, *, kinds: Sequence[str] | None = None, territory=None, limit: int = 20, offset: int = 0
) -> GlobalResult:
    """The global search over every indexed kind (public entries only), ranked by the same
    rule as the lists across kinds; one count per kind (exact up to COUNT_LIMIT)."""
    query = q if isinstance(q, Query) else parse(q)
    if not query:
        return GlobalResult(query, 0, {}, [])
    terms = resolve(query)
    tags = [[tag("in", territory.pk)]] if territory is not None else []
    cache: dict = {}
    rankings = {kind: _Ranking(terms, cache, kind=kind, tags=tags) for kind in sources()}
    counts = {kind: min(r.matched(), r.limit) for kind, r in rankings.items() if r.matched()}
    more = frozenset(kind for kind, r in rankings.items() if r.matched() > r.limit)
    selected = [k for k in (kinds or []) if k in rankings] or list(rankings)
    chosen = {kind: rankings[kind] for kind in selected if counts.get(kind)}
    total = sum(counts.get(kind, 0) for kind in chosen)
    result = GlobalResult(query, total, counts, [], more, terms, chosen)
    result.hits = result.page(offset, limit) if limit else []
    if not total:
        result.suggestion = suggest(query, kinds=selected, tags=tags)
    return result


def has_matches(q: str, *, kinds: Sequence[str] | None = None, tags=()) -> bool:
    """Whether `q` finds any public entry (of `kinds`, or of any kind) with the tag groups."""
    query = parse(q)
    if not query:
        return False
    terms = resolve(query)
    cache: dict = {}
    return any(
        _Ranking(terms, cache, kind=kind, tags=tags, limit=0).matched()
        for kind in (kinds or list(sources()))
    )


def suggest(query: Query, *, kinds: Sequence[str] | None = None, tags=()) -> str | None:
    """ "Did you mean …" for a query that found nothing: words from the index's vocabulary
    that find something (search.forgiving.suggestion), or None."""
    if not query:
        return None
    return forgiving.suggestion(
        query.typed, lambda q: has_matches(q, kinds=kinds, tags=tags), vocabulary.surface
    )
