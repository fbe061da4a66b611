"""German text normalisation for the full-text index: one function, both databases.

Pure Python (no Django): lower-case, ä→ae ö→oe ü→ue ß→ss, other diacritics stripped,
tokenised into ASCII words, each reduced with the German Snowball stemmer. The database only
ever sees the result, so SQLite (FTS5) and PostgreSQL (tsvector, 'simple') index and match
exactly the same tokens.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})
_TOKEN = re.compile(r"[a-z0-9]+")
_STEMMER = snowballstemmer.stemmer("german")
# Longest token kept: longer ones are noise (hashes, URLs) and bloat the index.
MAX_TOKEN = 40


def fold(text: str) -> str:
    """Lower-case ASCII form: "Schüler Straße Café" → "schueler strasse cafe"."""
    text = unicodedata.normalize("NFC", text or "").lower().translate(_GERMAN)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def tokens(text: str) -> list[str]:
    """Stemmed tokens in order, duplicates kept (positions matter for snippets)."""
    return [stem(w) for w in _TOKEN.findall(fold(text)) if len(w) <= MAX_TOKEN]


def normalise(text: str) -> str:
    """The string stored in the index: stemmed tokens separated by single spaces."""
    return " ".join(tokens(text))


def query_terms(query: str, *, limit: int = 12) -> list[str]:
    """Distinct stemmed terms of a user query, in order, at most `limit` of them."""
    seen: dict[str, None] = {}
    for token in tokens(query):
        seen.setdefault(token, None)
    return list(seen)[:limit]


_TYPED = re.compile(r"[^\W_]+")


def query_words(query: str, *, limit: int = 12) -> list[tuple[str, str, str]]:
    """The words of a user query as (typed, folded, stemmed), distinct by stem, in order, at
    most `limit`: the stem is what the index is asked, the folded form feeds compound splits
    and typo corrections, the typed form "Did you mean …" suggestions."""
    seen: dict[str, tuple[str, str, str]] = {}
    for typed in _TYPED.findall(query or ""):
        for part in _TOKEN.findall(fold(typed)):
            if len(part) <= MAX_TOKEN:
                seen.setdefault(stem(part), (typed, part, stem(part)))
    return list(seen.values())[:limit]
