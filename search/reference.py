"""The exact ranking computed the slow way, to check the engine against (tests,
bench/search.py): every match is read and scored in one SQL statement, its title words checked
on the title text itself (LIKE on `title_norm`, not the title tags the engine reads), then
sorted by (tier, static rank). Same rule (search.ranking), independent way of applying it:
the title's words and length band are read from its text, not from the tags the engine uses.
"""

from __future__ import annotations

from . import engine, ranking
from .ranking import Term


def _like(pattern_token: str, prefix: bool) -> tuple[str, list]:
    if prefix:
        return "(' ' || e.title_norm) LIKE %s", [f"% {pattern_token}%"]
    return "(' ' || e.title_norm || ' ') LIKE %s", [f"% {pattern_token} %"]


def _in_title(term: Term) -> tuple[str, list]:
    parts, params = [], []
    for alternative in term.alternatives:
        tests = [_like(token, False) for token in alternative]
        parts.append("(" + " AND ".join(sql for sql, _p in tests) + ")")
        params += [p for _sql, ps in tests for p in ps]
    if term.prefix:
        sql, ps = _like(term.prefix, True)
        parts.append(sql)
        params += ps
    return "(" + " OR ".join(parts) + ")", params


def brute_force(results: engine.RankedResults, k: int) -> list[tuple[int, int]]:
    """The best k (entry id, object id) of the same search as `results` (its query, kind,
    tags, queryset), by scoring every match."""
    engine_ranking = results._ranking
    if not results.terms:
        return []
    plan = engine_ranking.plan()
    mask_parts, params = [], []
    for i in plan.candidates:
        sql, ps = _in_title(plan.terms[i])
        mask_parts.append(f"CASE WHEN {sql} THEN {1 << i} ELSE 0 END")
        params += ps
    mask = " + ".join(mask_parts) or "0"
    # Words in the title: one more than its spaces (normalised text has single spaces).
    words = "(LENGTH(e.title_norm) - LENGTH(REPLACE(e.title_norm, ' ', '')) + 1)"
    low, high = ranking.LENGTH_BANDS
    band = f"CASE WHEN {words} <= {low} THEN 0 WHEN {words} <= {high} THEN 1 ELSE 2 END"
    position = (
        f"CASE ({mask}) * 10 + {band} "
        + " ".join(f"WHEN {m * 10 + b} THEN {p}" for p, (m, b) in enumerate(plan.order))
        + " END"
    )
    from_where, where_params, _order = engine_ranking._sql(engine_ranking.match)
    rows = engine._fetch(
        f"SELECT e.id, e.object_id FROM (SELECT e.id, e.object_id, e.rank, {position} AS tier "  # noqa: S608 - fixed SQL, values bound
        f"{from_where}) e ORDER BY e.tier, e.rank LIMIT %s",
        [*params, *where_params, k],
    )
    return [(entry, obj) for entry, obj in rows]
