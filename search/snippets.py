"""Highlighted snippets: matched words of the original text wrapped in <mark>, the rest escaped.

Pure Python (no Django). Words are compared in their normalised form, so a query for
"Schueler" marks "Schülerinnen" in the text exactly as the index matched it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from .normalise import tokens

_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=100_000)
def _word_tokens(word: str) -> tuple[str, ...]:
    return tuple(tokens(word))


def _matches(word: str, terms: frozenset[str], prefixes: tuple[str, ...]) -> bool:
    return any(t in terms or prefixes and t.startswith(prefixes) for t in _word_tokens(word))


def highlight(
    text: str, terms, *, prefixes=(), words: int = 30, lead: int = 8, ellipsis: str = "…"
) -> str:
    """An HTML fragment of about `words` words around the first match, matches in <mark>.

    Everything taken from `text` is escaped; only the <mark> tags are markup.
    """
    text = text or ""
    terms = frozenset(terms)
    prefixes = tuple(prefixes)
    spans = [m.span() for m in _WORD.finditer(text)]
    if not spans:
        return escape(text)
    # Only the words up to the first match and those in the window are looked at.
    first_hit = next(
        (i for i, (a, b) in enumerate(spans) if _matches(text[a:b], terms, prefixes)), None
    )
    first = max(0, first_hit - lead) if first_hit is not None else 0
    last = min(len(spans), first + words)
    start = spans[first][0] if first else 0
    end = spans[last - 1][1] if last < len(spans) else len(text)
    hit_set = {
        i for i in range(first, last) if _matches(text[spans[i][0] : spans[i][1]], terms, prefixes)
    }
    out = [ellipsis if first > 0 else ""]
    cursor = start
    for i in range(first, last):
        a, b = spans[i]
        if i in hit_set:
            out.append(escape(text[cursor:a]))
            out.append(f"<mark>{escape(text[a:b])}</mark>")
            cursor = b
    out.append(escape(text[cursor:end]))
    if last < len(spans):
        out.append(ellipsis)
    return "".join(out)
