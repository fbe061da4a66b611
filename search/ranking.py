"""The search's relevance rule, in one place and without Django (docs/search.md says why).

Every match contains every query word (a word is found through one of its forms: the word
itself, its compound parts, a typo correction, the words its last letters start). Matches are
ordered by a key that compares, in this order:

1. **Words in the title**: more of the query's words in the title first.
2. **Rarer words in the title**: among as many title words, the rarer ones first (the sum of the
   words' BM25 idf, ln(1 + (N - n + 0.5) / (n + 0.5)) with n entries of N containing the word).
3. **Shorter title**: among the same title words, the shorter title (in words, up to 15) is
   the closer match (BM25's length normalisation of the title field).
4. **Freshness**: the later start date, then the later confirmation (days; none = oldest).
5. The newer object, then the kind (so that no two entries tie).

1 and 2 depend on the query: they cut the matches into *tiers*, one per set of query words
found in the title, and `tiers()` lists them best first. 3 to 5 do not: they are packed into
one integer per index entry, `static_rank()`, ascending = better, which is the order the
databases keep their full-text index in (SQLite's FTS5 rowid, PostgreSQL's B-tree on rank).
So the best k matches are the first k of the best tier in index order, then of the next tier,
and the database stops reading each tier as soon as it has enough: exact, in bounded work.
`sort_key()` computes the same key for one entry from its title tokens, for the brute-force
reference (tests, bench/search.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

TITLE_LENGTH_MAX = 15
EPOCH = date(2000, 1, 1)
_DAY_BITS, _LENGTH_BITS, _CODE_BITS, _OBJECT_BITS = 15, 4, 6, 24
DAY_MAX = (1 << _DAY_BITS) - 1
CODE_MAX = (1 << _CODE_BITS) - 1
OBJECT_MAX = (1 << _OBJECT_BITS) - 1


@dataclass(frozen=True)
class Term:
    """One query word as the index is asked for it. It is found when one of its alternatives
    is; an alternative is found when every one of its tokens is. `prefix` is a native prefix
    (the last word, when it starts more tokens than are worth listing)."""

    text: str  # the stemmed word as typed (highlighting)
    alternatives: tuple[tuple[str, ...], ...]
    prefix: str | None = None
    corrected: bool = False  # found through a typo correction

    def tokens(self) -> set[str]:
        return {token for alternative in self.alternatives for token in alternative}

    def in_title(self, title_tokens: set[str], title_text: str = "") -> bool:
        """Whether the title (its set of normalised tokens) contains this word."""
        if any(all(t in title_tokens for t in alt) for alt in self.alternatives):
            return True
        return self.prefix is not None and any(t.startswith(self.prefix) for t in title_tokens)


def idf(entries: int, total: int) -> float:
    """BM25's inverse document frequency of a word found in `entries` of `total` entries."""
    entries = min(max(entries, 0), total)
    return math.log(1 + (total - entries + 0.5) / (entries + 0.5))


def tiers(weights: Sequence[float]) -> list[int]:
    """The sets of query words (bit i = word i) that can be in a title, best first: more
    words, then a larger sum of `weights` (idf), then the earlier words."""
    n = len(weights)
    masks = range(1 << n)

    def key(mask: int):
        chosen = [i for i in range(n) if mask >> i & 1]
        return (-len(chosen), -round(sum(weights[i] for i in chosen), 9), chosen)

    return sorted(masks, key=key)


def title_mask(terms: Sequence[Term], title_tokens: Iterable[str]) -> int:
    tokens = set(title_tokens)
    return sum(1 << i for i, term in enumerate(terms) if term.in_title(tokens))


def _days(value: date | None) -> int:
    if value is None:
        return 0
    return min(max((value - EPOCH).days + 1, 0), DAY_MAX)


def static_rank(
    *, title_length: int, start: date | None, confirmed: date | None, code: int, object_id: int
) -> int:
    """The query-independent part of the key (3-5 above) as one signed 64-bit integer,
    smaller = better; unique per (kind code, object id)."""
    if not 0 <= code <= CODE_MAX:
        raise ValueError(f"search kind code must be 0-{CODE_MAX}, not {code}")
    if not 0 <= object_id <= OBJECT_MAX:
        raise ValueError(f"the search index ranks object ids up to {OBJECT_MAX}, not {object_id}")
    value = min(max(title_length, 1), TITLE_LENGTH_MAX)
    value = (value << _DAY_BITS) | (DAY_MAX - _days(start))
    value = (value << _DAY_BITS) | (DAY_MAX - _days(confirmed))
    value = (value << _OBJECT_BITS) | (OBJECT_MAX - object_id)
    value = (value << _CODE_BITS) | code
    return value - (1 << 63)


def sort_key(order: Sequence[int], terms: Sequence[Term], title_tokens: Iterable[str], rank: int):
    """The full key of one matching entry: (position of its tier in `order`, static rank)."""
    return (order.index(title_mask(terms, title_tokens)), rank)
