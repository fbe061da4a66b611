"""The search's relevance rule, in one place and without Django (docs/search.md says why).

Every match contains every query word (a word is found through one of its forms: the word
itself, its compound parts, a typo correction, the words its last letters start). Matches are
ordered by a key that compares, in this order:

1. **Words in the title**: more of the query's words in the title first.
2. **Rarer words in the title**: among as many title words, the rarer ones first (the sum of the
   words' BM25 idf, ln(1 + (N - n + 0.5) / (n + 0.5)) with n entries of N containing the word).
3. **Shorter title**: among the same title words, a title of up to 3 words before one of 4 to 6,
   before a longer one (BM25's length normalisation of the title field, in bands).
4. **Freshness**: the later start date, then the later confirmation (days; none = oldest).
5. The newer object, then the kind (so that no two entries tie).

1 to 3 cut the matches into *tiers* (a set of query words in the title and a length band;
`tiers()` lists them best first, `length_band()` is an entry's band, also an index tag). 4 and
5 do not depend on the query: they are packed into one integer per index entry,
`static_rank()`, ascending = better, which is the order the databases keep their full-text
index in (SQLite's FTS5 rowid, PostgreSQL's B-tree on rank). So the best k matches are the
first k of the best tier in index order, then of the next tier, and the database stops
reading each tier as soon as it has enough: exact, in bounded work. Freshness is independent
of the words, so a tier's matches are spread evenly along that order and a walk along it
finds them early. `Plan.position()` (search.engine) gives an entry's tier from its title, for
the brute-force reference (tests, bench/search.py).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

# Length bands of a title in words: up to 3, 4 to 6, 7 or more.
LENGTH_BANDS = (3, 6)
EPOCH = date(2000, 1, 1)
_DAY_BITS, _CODE_BITS, _OBJECT_BITS = 15, 6, 24
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


def length_band(title_words: int) -> int:
    """0 for a title of up to 3 words, 1 for 4 to 6, 2 for more."""
    return sum(title_words > limit for limit in LENGTH_BANDS)


BANDS = tuple(range(len(LENGTH_BANDS) + 1))


def tiers(weights: Sequence[float]) -> list[tuple[int, int]]:
    """The tiers, best first: (set of query words in the title as bits, bit i = word i;
    length band). More title words first, then a larger sum of `weights` (idf), then the
    earlier words; within the same words the shorter band first."""
    return [(mask, band) for mask in title_sets(weights) for band in BANDS]


def title_sets(weights: Sequence[float]) -> list[int]:
    """The sets of query words that can be in a title, best first (see tiers())."""
    n = len(weights)
    masks = range(1 << n)

    def key(mask: int):
        chosen = [i for i in range(n) if mask >> i & 1]
        return (-len(chosen), -round(sum(weights[i] for i in chosen), 9), chosen)

    return sorted(masks, key=key)


def _days(value: date | None) -> int:
    if value is None:
        return 0
    return min(max((value - EPOCH).days + 1, 0), DAY_MAX)


_ORDER_BITS = 2 * _DAY_BITS + _OBJECT_BITS  # freshness and object: the order within a kind
_KIND_SHIFT = _ORDER_BITS + 1  # one bit between: not public


def static_rank(
    *, start: date | None, confirmed: date | None, code: int, object_id: int, public: bool = True
) -> int:
    """The query-independent part of the key (4 and 5 above) as one 64-bit integer, smaller =
    better within a kind; unique per (kind code, object id). The kind's code and whether the
    entry is public come first, so that the public entries of a kind are one range of ranks
    (`kind_range`): the index then keeps a kind apart without a tag of its own."""
    if not 0 <= code <= CODE_MAX:
        raise ValueError(f"search kind code must be 0-{CODE_MAX}, not {code}")
    if not 0 <= object_id <= OBJECT_MAX:
        raise ValueError(f"the search index ranks object ids up to {OBJECT_MAX}, not {object_id}")
    value = (code << 1) | (0 if public else 1)
    value = (value << _DAY_BITS) | (DAY_MAX - _days(start))
    value = (value << _DAY_BITS) | (DAY_MAX - _days(confirmed))
    value = (value << _OBJECT_BITS) | (OBJECT_MAX - object_id)
    return value


def kind_range(code: int, *, public_only: bool) -> tuple[int, int]:
    """The ranks (inclusive) of a kind's entries, or of its public ones only."""
    low = code << _KIND_SHIFT
    width = _ORDER_BITS if public_only else _KIND_SHIFT
    return low, low + (1 << width) - 1


def order_within_kind(rank: int) -> int:
    """A rank without its kind: how two entries of different kinds compare (freshness)."""
    return rank & ((1 << _ORDER_BITS) - 1)
