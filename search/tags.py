"""Facet values as index tokens, so filters are answered by the full-text index itself.

A list page that filters by "free", "step-free access" or "in Erfurt" adds the matching tags to
the full-text query; the database intersects posting lists instead of checking every candidate
row against the object table. Tags live in their own column (`SearchEntry.tags`), outside
the shown text, and look like no German word: "zz" + name + "q" + value, where every character
of the value outside [a-z0-9] (and "q" itself) is written as "q<hex>q". Pure Python.
"""

from __future__ import annotations

from collections.abc import Iterable

from .ranking import length_band

PREFIX = "zz"


def tag(name: str, value) -> str:
    """One facet value as one token: tag("cost", "free") == "zzcostqfree"."""
    if not name.isascii() or not name.isalnum() or "q" in name:
        raise ValueError(f"tag names are ASCII letters and digits without 'q': {name!r}")
    encoded = "".join(
        ch if ch.isascii() and ch.isalnum() and ch != "q" else f"q{ord(ch):x}q"
        for ch in str(value).lower()
    )
    return f"{PREFIX}{name.lower()}q{encoded}"


def territory_tags(paths: Iterable[str]) -> list[str]:
    """Tags for "in territory X" from materialised paths: "/1/5/42" is in 1, 5 and 42."""
    ids = {part for path in paths for part in path.strip("/").split("/") if part}
    return [tag("in", i) for i in sorted(ids, key=int)]


def as_text(tags: Iterable[str]) -> str:
    return " ".join(sorted(set(tags)))


def entry_tags(kind: str, tags: Iterable[str]) -> str:
    """The tags column of an index entry: its own tags and the tag of its kind, which lets
    SQLite's full-text index skip the entries of other kinds (PostgreSQL has a partial
    index for offers instead)."""
    return as_text([tag("type", kind), *tags])


def title_tag(token: str) -> str:
    """ "The title has this word": a title token repeated as a tag, whose posting list holds
    only the entries with the word in their title (the ranking's best tiers read these)."""
    return tag("ti", token)


def title_tags(title_norm: str) -> list[str]:
    """The title's words as tags, and its length band (search.ranking.length_band)."""
    words = title_norm.split()
    return [*(title_tag(token) for token in words), tag("len", length_band(len(words)))]
