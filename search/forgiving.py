"""A forgiving search: compounds written apart or together, and small typing errors.

German writes "Deutschkurs", "Deutsch-Kurs" and "Kurs Deutsch" for the same thing, and the
index holds whatever the author typed, stemmed (search.normalise). The engine asks this module
for the other spellings of a query word, so one of them finds what another misses:

- compound_split("deutschkurs") → ("deutsch", "kur"): a compound typed as one word, as its
  two parts (the index may hold "Deutsch-Kurs" or "Kurs Deutsch");
- joined("deutsch", "kurs") → "deutschkur": two words typed apart, as the compound the index
  may hold;
- corrections("deutschkurz") → ("deutschkur", ...): known words a typing error away;
- suggestion(["Deutschkurz", "Sonntag"], ...) → "Deutschkurs": the "Did you mean" query, built
  only from words the index knows and checked to find something.

Every answer comes from the index's own vocabulary (SearchTerm), never from a dictionary: a
spelling the index has not seen finds nothing, so it is never offered. compound_split and
joined ask the database through the `known` callable the engine passes (one query per call);
corrections and suggestion look words up in a copy of the vocabulary held in process memory
(see _Vocabulary), because an edit-distance search needs every word at hand.
"""

from __future__ import annotations

import bisect
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from .models import SearchTerm
from .normalise import normalise, tokens
from .normalise import stem as _stem  # corrections() has a parameter called `stem`

# Tokens starting with this are facet tags (search/tags.py), not words: never split, joined,
# corrected or suggested.
TAG_PREFIX = "zz"

# A word shorter than this is not split: short words are rarely compounds, and their parts
# would be too short to mean anything.
COMPOUND_MIN = 7
# Letters of the first part (with its linking element) and of the last part. A first part
# of three letters would let prefixes and abbreviations through ("pro" + "gramm"); a last
# part of three letters is allowed only from SHORT_HEADS, short nouns that end compounds
# ("Jugendamt", "Elternrat", "Schulhof").
MIN_MODIFIER = 4
MIN_HEAD = 4
SHORT_HEADS = frozenset(
    {"amt", "bad", "bau", "bus", "eis", "hof", "not", "ort", "rat", "see", "tag", "tal"}
    | {"tee", "ton", "tor", "uhr", "weg", "zoo", "zug"}
)
_SHORTEST_HEAD = min(len(h) for h in SHORT_HEADS)
# First parts that are particles and prefixes, not nouns: "Nachhilfe" is not "nach" + "Hilfe",
# "Unterricht" not "unter" + "richt", although both parts may well be in the vocabulary
# (hyphenated "Vor- und Nachbereitung" puts prefixes there). Shorter ones are below
# MIN_MODIFIER anyway.
NOT_MODIFIERS = frozenset(
    {"nach", "unter", "ueber", "durch", "gegen", "hinter", "neben", "wider", "wieder"}
    | {"zurueck", "zusammen", "zwischen", "miss", "voran", "vorbei", "heran", "herauf"}
    | {"heraus", "herein", "herum", "hinaus", "hinein", "hinunter", "entgegen", "empor"}
    | {"fort", "inter", "trans", "super", "ultra"}
)
# Last parts that are suffixes, not nouns: "Wissenschaft" is not "wissen" + "schaft", nor
# "Arbeitslose" "Arbeit" + "lose". As stems, so that inflected forms count too
# ("Wissenschaften", "Beratungen").
NOT_HEADS = frozenset(
    {"heit", "keit", "schaft", "lich", "isch", "chen", "lein", "haft", "ling", "ung", "nis"}
    | {"tum", "sam", "bar", "los"}
    # Inflection, not nouns: "Seniorinnen" is not "Senior" + "Innen", "Teilnehmenden" not
    # "teilnehm" + "Enden".
    | {"inn", "end"}
)

# The vocabulary held in memory is reloaded when older than this (seconds): new words become
# correctable within minutes without a query per search, and the indexer can call
# forget_vocabulary() to make them so at once in its own process.
VOCABULARY_TTL = 300
# The engine's last query word also matches as a prefix from this many characters on
# (search.query.PREFIX_MIN), so suggestion() counts such a word as known when a vocabulary
# word starts with it: it is being typed, not misspelt.
PREFIX_MIN = 3
# suggestion() asks the engine at most this many times whether a query finds something.
SUGGESTION_CHECKS = 4

# Parts of a typed word the index reads as separate words ("Deutsch-Kurs" → Deutsch, Kurs).
_PIECE = re.compile(r"[^\W_]+")
# A test seam: the clock the vocabulary's age is measured with.
_now = time.monotonic


def compound_split(
    folded: str, known: Callable[[Iterable[str]], set[str]]
) -> tuple[str, ...] | None:
    """A query word typed as one compound ("deutschkurs", folded, unstemmed) as the stems of
    two known parts, ("deutsch", "kur"), so that "Deutschkurs" also finds "Deutsch-Kurs" and
    "Kurs Deutsch". None when the word is short, or no split gives two known parts.

    Each part is stemmed as the word it would be on its own, since that is how the index saw
    it in "Kurs Deutsch". That also takes care of German linking elements: the stemmer removes
    them as it removes endings ("bewerbungs", "gitarren", "sprachen", "hunde", "jahres",
    "kinder" stem like "Bewerbung", "Gitarre", "Sprache", "Hund", "Jahr", "Kind"), so no
    separate list of them is needed. Of several splits the most balanced wins (the longest
    shorter part): a long part is less likely a chance hit than a short one. `known` is asked
    once, with every candidate stem."""
    if len(folded) < COMPOUND_MIN or not (folded.isascii() and folded.isalpha()):
        return None
    if folded.startswith(TAG_PREFIX):
        return None
    # (modifier stem, head stem, modifier letters, head letters)
    options: list[tuple[str, str, int, int]] = []
    for cut in range(MIN_MODIFIER, len(folded) - _SHORTEST_HEAD + 1):
        modifier, head = folded[:cut], folded[cut:]
        if modifier in NOT_MODIFIERS or (len(head) < MIN_HEAD and head not in SHORT_HEADS):
            continue
        head_stem = _stem(head)
        if head_stem not in NOT_HEADS:
            options.append((_stem(modifier), head_stem, len(modifier), len(head)))
    candidates = {s for o in options for s in o[:2] if not s.startswith(TAG_PREFIX)}
    if not candidates:
        return None
    found = known(candidates)
    valid = [o for o in options if o[0] in found and o[1] in found]
    if not valid:
        return None
    # Most balanced first; then the longer first part, as German compounds tend to end in a
    # short common noun (Kurs, Amt, Haus).
    best = max(valid, key=lambda o: (min(o[2], o[3]), o[2]))
    return best[0], best[1]


def joined(first: str, second: str, known: Callable[[Iterable[str]], set[str]]) -> str | None:
    """Two adjacent folded query words ("deutsch", "kurs") as the stem of their compound
    ("deutschkur") when the vocabulary knows it, else None; so "Deutsch Kurs" and
    "Deutsch-Kurs" also find "Deutschkurs".

    Tried with the usual linking elements too ("Bewerbung Training" → "bewerbungstraining",
    "Gitarre Kurs" → "gitarrenkur", "Schule Hof" → "schulhof"); the plain compound wins when
    several are known. `known` is asked once."""
    if not (first.isascii() and first.isalpha() and second.isascii() and second.isalpha()):
        return None
    if len(first) < 3 or len(second) < 3:
        return None
    forms = [first + second, first + "s" + second]
    if first.endswith("e"):
        forms += [first + "n" + second, first[:-1] + second]
    else:
        forms.append(first + "en" + second)
    stems = [s for s in dict.fromkeys(_stem(f) for f in forms) if not s.startswith(TAG_PREFIX)]
    if not stems:
        return None
    found = known(stems)
    return next((s for s in stems if s in found), None)


def corrections(stem: str, *, limit: int = 5) -> tuple[str, ...]:
    """Vocabulary words within a small edit distance of an unknown stemmed word, best first:
    distance 1 for words of 4 to 7 letters, 2 from 8 letters, none below 4 (a short word one
    letter off is a different word, not a typing error). Never a tag, never the word itself,
    never for a word with digits (numbers and codes are typed on purpose).

    The distance counts a swap of two neighbouring letters as one edit ("hlife" → "hilfe"),
    the commonest typing error. Ties go to words with the same first letter (rarely mistyped),
    then the same length. Fast enough to call for every unknown query word: with a synthetic
    vocabulary of 200,000 words a call took 0.05-0.5 ms and suggestion()'s looser look-up at
    most 3 ms on a 2-core machine (see _nearest for why), after a one-off load of 0.3 s."""
    return tuple(_nearest(stem, _strict_distance(len(stem)), limit, _vocabulary()))


def suggestion(
    words: Sequence[str],
    has_matches: Callable[[str], bool],
    surface: Callable[[Iterable[str]], dict[str, str]],
) -> str | None:
    """The "Did you mean …" of an empty result page: for a query that found nothing (its
    words as the user typed them), a different query built from the index's own vocabulary
    that does find something, or None.

    Each word the vocabulary does not know is replaced by the closest known word (looser than
    corrections(): up to 2 edits from 5 letters, 3 from 10), written as the index saw it
    (`surface` maps stems to a written form, {"deutschkur": "Deutschkurs"}; a stem without one
    stands for itself); an unknown word with no close word goes, as it would match nothing.
    Known words stay as typed. If that query still finds nothing, words are dropped from the
    end, keeping one, until `has_matches` says it finds something; at most SUGGESTION_CHECKS
    calls. The query itself (the same tokens) is never suggested: it found nothing."""
    vocabulary = _vocabulary()
    typed = [(word, _PIECE.findall(word)) for word in words]
    typed = [(word, parts) for word, parts in typed if parts]
    if not typed:
        return None

    def is_known(part: str, *, last: bool) -> bool:
        stems = tokens(part)
        if not stems:
            return False
        if last and len(stems[-1]) >= PREFIX_MIN:  # the engine matches it as a prefix
            *whole, prefix = stems
            return all(s in vocabulary.words for s in whole) and vocabulary.starts(prefix)
        return all(s in vocabulary.words for s in stems)

    # The new query: (text, True) is a stem still to be written in its surface form.
    fixed: list[tuple[str, bool]] = []
    for at, (word, parts) in enumerate(typed):
        known = [
            is_known(p, last=at == len(typed) - 1 and i == len(parts) - 1)
            for i, p in enumerate(parts)
        ]
        if all(known):
            fixed.append((word, False))
            continue
        for part, part_known in zip(parts, known, strict=True):
            stems = tokens(part)
            if part_known:
                fixed.append((part, False))
            elif len(stems) == 1:
                distance = _loose_distance(len(stems[0]))
                fixed.extend((t, True) for t in _nearest(stems[0], distance, 1, vocabulary))
    if not fixed:
        return None
    replaced = [text for text, is_stem in fixed if is_stem]
    written = surface(replaced) if replaced else {}
    query_words = [written.get(text, text) if is_stem else text for text, is_stem in fixed]

    original = normalise(" ".join(words))
    tried: set[str] = {original}
    checks = 0
    for keep in range(len(query_words), 0, -1):
        candidate = " ".join(query_words[:keep])
        key = normalise(candidate)
        if key in tried:
            continue
        tried.add(key)
        if checks == SUGGESTION_CHECKS:
            break
        checks += 1
        if has_matches(candidate):
            return candidate
    return None


def _strict_distance(letters: int) -> int:
    if letters < 4:
        return 0
    return 1 if letters < 8 else 2


def _loose_distance(letters: int) -> int:
    if letters < 5:
        return _strict_distance(letters)
    return 2 if letters < 10 else 3


def _nearest(word: str, distance: int, limit: int, vocabulary: _Vocabulary) -> list[str]:
    """The vocabulary's words within `distance` edits of `word`, best first (see corrections).

    Two cheap filters come before the edit distance, which is the costly part: only words of
    a length within reach, and only words whose set of letters differs from the word's by at
    most `distance` letters each way. Both are exact (every edit adds at most one letter the
    word lacks and removes at most one it has), so no match is lost, and the second leaves a
    few per cent of the words for rapidfuzz."""
    if distance < 1 or limit < 1 or not (word.isascii() and word.isalpha()):
        return []
    low, high = vocabulary.window(len(word) - distance, len(word) + distance)
    masks = vocabulary.masks[low:high]
    mask = np.uint32(_letter_mask(word))
    close = (np.bitwise_count(masks & ~mask) <= distance) & (
        np.bitwise_count(mask & ~masks) <= distance
    )
    choices = [vocabulary.by_length[low + i] for i in np.flatnonzero(close).tolist()]
    found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=distance, limit=None)
    ranked = sorted(
        (d, t[0] != word[0], abs(len(t) - len(word)), t) for t, d, _ in found if t != word
    )
    return [t for *_, t in ranked[:limit]]


def _letter_mask(word: str) -> int:
    """The set of letters (a-z) of a word as bits, as _Vocabulary.masks holds them."""
    mask = 0
    for letter in set(word):
        mask |= 1 << (ord(letter) - ord("a"))
    return mask


@dataclass(frozen=True)
class _Vocabulary:
    """The index's words (tags left out) in the shapes the look-ups need: a set for "is it
    known", the same sorted for "does a word start with it", and the correctable words
    (letters only) ordered by length with their sets of letters as bit masks, so an
    edit-distance search looks only at words that can be close (see _nearest). About 20 MB
    for 200,000 words, loaded in well under a second."""

    words: frozenset[str]
    ordered: tuple[str, ...]
    by_length: tuple[str, ...]
    masks: np.ndarray  # uint32 letter mask of each word of by_length
    length_starts: tuple[int, ...]  # length_starts[n]: index of the first word of n+ letters
    loaded: float

    @classmethod
    def load(cls) -> _Vocabulary:
        return cls.of(
            SearchTerm.objects.exclude(token__startswith=TAG_PREFIX)
            .values_list("token", flat=True)
            .iterator(chunk_size=5000)
        )

    @classmethod
    def of(cls, tokens: Iterable[str]) -> _Vocabulary:
        words = frozenset(t for t in tokens if not t.startswith(TAG_PREFIX))
        ordered = tuple(sorted(words))
        # A stable sort by length keeps each length alphabetical (and is fast: key=len is C).
        by_length = tuple(sorted((w for w in ordered if w.isascii() and w.isalpha()), key=len))
        lengths = [len(w) for w in by_length]
        longest = lengths[-1] if lengths else 0
        starts = tuple(bisect.bisect_left(lengths, n) for n in range(longest + 2))
        masks = [np.zeros(0, dtype=np.uint32)]
        for n in range(1, longest + 1):
            # Words of one length as a matrix of letter codes: one bit per letter, or-ed.
            group = by_length[starts[n] : starts[n + 1]]
            if group:
                codes = np.frombuffer("".join(group).encode("ascii"), dtype=np.uint8)
                bits = np.left_shift(np.uint32(1), (codes - ord("a")).astype(np.uint32))
                masks.append(np.bitwise_or.reduce(bits.reshape(len(group), n), axis=1))
        return cls(words, ordered, by_length, np.concatenate(masks), starts, _now())

    def window(self, shortest: int, longest: int) -> tuple[int, int]:
        """The slice of by_length holding the words of `shortest` to `longest` letters."""
        last = len(self.length_starts) - 1
        low = self.length_starts[min(max(shortest, 0), last)]
        high = self.length_starts[min(max(longest + 1, 0), last)]
        return low, high

    def starts(self, prefix: str) -> bool:
        at = bisect.bisect_left(self.ordered, prefix)
        return at < len(self.ordered) and self.ordered[at].startswith(prefix)


_loaded: _Vocabulary | None = None


def _vocabulary() -> _Vocabulary:
    """The vocabulary in memory, loaded on first use and again when older than
    VOCABULARY_TTL. Two threads may both reload at the same moment; the later copy wins and
    both are correct, so no lock."""
    global _loaded
    vocabulary = _loaded
    if vocabulary is None or _now() - vocabulary.loaded > VOCABULARY_TTL:
        vocabulary = _loaded = _Vocabulary.load()
    return vocabulary


def forget_vocabulary() -> None:
    """Drop the vocabulary held in memory, so the next look-up reads SearchTerm again: for
    tests, and for the indexer once it has added words."""
    global _loaded
    _loaded = None
