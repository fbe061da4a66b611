"""What a query asks the index: its words resolved into index terms, and the match
expression in the syntax of each database (FTS5, tsquery). No SQL is run here except the
vocabulary look-ups of `resolve` (search.vocabulary, search.forgiving)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import product

from . import forgiving, vocabulary
from .normalise import query_words
from .ranking import Term
from .tags import tag, title_tag

# The last word of a query also matches as a prefix when it has this many characters:
# results appear while typing, and "Kurs" (stem "kur") still finds "Kurse" (stem "kurs").
PREFIX_MIN = 3
# A prefix that stands for at most this many indexed tokens is asked as their OR: exact tokens
# keep the index's fast AND (PostgreSQL's GIN would otherwise collect every posting of every
# token with the prefix into a bitmap first). Beyond it, the database scans the prefix itself.
EXPANSION_MAX = 32


@dataclass(frozen=True)
class Query:
    """A query as typed: its words as (typed, folded, stemmed) and whether the last one is
    still being typed (matches as a prefix). Resolving it into index terms needs the
    vocabulary (`resolve`)."""

    words: tuple[tuple[str, str, str], ...]
    prefix: bool

    def __bool__(self) -> bool:
        return bool(self.words)

    @property
    def stems(self) -> tuple[str, ...]:
        return tuple(w[2] for w in self.words)

    @property
    def typed(self) -> tuple[str, ...]:
        return tuple(w[0] for w in self.words)

    terms = stems  # the stemmed words (what the API reports as the query)


def parse(q: str | None) -> Query:
    words = tuple(query_words(q or ""))
    return Query(words, bool(words) and len(words[-1][2]) >= PREFIX_MIN)


def _word_term(query: Query, i: int, lookup) -> Term:
    typed, folded, stem = query.words[i]
    alternatives: list[tuple[str, ...]] = [(stem,)]
    split = forgiving.compound_split(folded, lookup)
    if split and split not in alternatives:
        alternatives.append(split)
    prefix = None
    if query.prefix and i == len(query.words) - 1:
        expansion = vocabulary.starting_with(stem, EXPANSION_MAX)
        if expansion is None:
            prefix = stem
        else:
            alternatives += [(t,) for t in expansion if (t,) not in alternatives]
    known = lookup({t for alternative in alternatives for t in alternative})
    found = prefix is not None or any(all(t in known for t in alt) for alt in alternatives)
    if not found:
        corrected = forgiving.corrections(stem)
        if corrected:
            alternatives += [(t,) for t in corrected]
            return Term(stem, tuple(alternatives), None, corrected=True)
    return Term(stem, tuple(alternatives), prefix)


def resolve(query: Query) -> tuple[Term, ...]:
    """The index terms of a query: each word with its forms (search.forgiving), two adjacent
    words also as the compound they make ("Deutsch Kurs" finds "Deutschkurs")."""
    if not query:
        return ()
    cache: dict[str, bool] = {}

    def lookup(tokens: Iterable[str]) -> set[str]:
        tokens = set(tokens)
        missing = [t for t in tokens if t not in cache]
        if missing:
            hits = vocabulary.known(missing)
            cache.update({t: t in hits for t in missing})
        return {t for t in tokens if cache[t]}

    lookup(query.stems)  # one query for the words as typed
    terms = [_word_term(query, i, lookup) for i in range(len(query.words))]
    merged: list[Term] = []
    i = 0
    while i < len(terms):
        if i + 1 < len(terms) and not (terms[i].prefix or terms[i + 1].prefix):
            compound = forgiving.joined(query.words[i][1], query.words[i + 1][1], lookup)
            if compound:
                both = product(terms[i].alternatives, terms[i + 1].alternatives)
                pairs = [a + b for a, b in both]
                merged.append(
                    Term(
                        f"{terms[i].text} {terms[i + 1].text}",
                        (*dict.fromkeys(pairs), (compound,)),
                        corrected=terms[i].corrected or terms[i + 1].corrected,
                    )
                )
                i += 2
                continue
        merged.append(terms[i])
        i += 1
    return tuple(merged)


def _token(token: str, title: bool) -> str:
    return title_tag(token) if title else token


def _fts_term(term: Term, title: bool) -> str:
    parts = []
    for alternative in term.alternatives:
        tokens = [f'"{_token(t, title)}"' for t in alternative]
        parts.append(tokens[0] if len(tokens) == 1 else "(" + " AND ".join(tokens) + ")")
    if term.prefix:
        parts.append(f'"{_token(term.prefix, title)}"*')
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def _ts_term(term: Term, title: bool) -> str:
    parts = []
    for alternative in term.alternatives:
        tokens = [_token(t, title) for t in alternative]
        parts.append(tokens[0] if len(tokens) == 1 else "(" + " & ".join(tokens) + ")")
    if term.prefix:
        parts.append(f"{_token(term.prefix, title)}:*")
    return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"


def _group(tags: Sequence[str], fts: bool) -> str:
    if len(tags) == 1:
        return f'"{tags[0]}"' if fts else tags[0]
    if fts:
        return "(" + " OR ".join(f'"{t}"' for t in tags) + ")"
    return "(" + " | ".join(tags) + ")"


@dataclass(frozen=True)
class Match:
    """What the index is asked: every term, every tag group (one tag of each), and for a tier
    which terms must be in the title (`title`) and which must not (`not_title`). Tokens are
    [a-z0-9] only (normalised words and tags), so neither syntax needs escaping."""

    terms: tuple[Term, ...]
    tags: tuple[tuple[str, ...], ...] = ()
    title: frozenset[int] = frozenset()
    not_title: frozenset[int] = frozenset()

    def tier(self, tier: tuple[int, int | None], candidates: Sequence[int]) -> Match:
        """The matches whose title holds exactly the terms of the tier's mask among
        `candidates` and whose title is in the tier's length band (any band for None)."""
        mask, band = tier
        chosen = frozenset(i for i in candidates if mask >> i & 1)
        tags = self.tags if band is None else (*self.tags, (tag("len", band),))
        return Match(self.terms, tags, chosen, frozenset(candidates) - chosen)

    def fts5(self) -> str:
        positive = [_fts_term(term, i in self.title) for i, term in enumerate(self.terms)] + [
            _group(group, True) for group in self.tags
        ]
        expression = " AND ".join(positive)
        if self.not_title:
            negative = " OR ".join(_fts_term(self.terms[i], True) for i in sorted(self.not_title))
            expression = f"({expression}) NOT ({negative})"
        return expression

    def tsquery(self) -> str:
        positive = [_ts_term(term, i in self.title) for i, term in enumerate(self.terms)] + [
            _group(group, False) for group in self.tags
        ]
        negative = [f"!{_ts_term(self.terms[i], True)}" for i in sorted(self.not_title)]
        return " & ".join(positive + negative)
