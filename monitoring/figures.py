"""How figures are shown on pages: the number in the page's language, or its statistical symbol
with the symbol's meaning. Pure formatting; no queries.

Each symbol keeps its meaning from the source to the page (the convention of official
statistics): "-" nothing (a true zero), "." unknown or secret, "x" not meaningful, "/" not
reliable enough, "..." not yet available, "()" limited reliability (the number in brackets).
A missing number is never shown as "–" unless the source said "-".
"""

from __future__ import annotations

import math

from .models import Quality, Symbol

BLOCKING = (".", "...", "x", "/")  # symbols that stand instead of a number
# The glyph on the page: the true zero as a dash (typographic "–" for the source's "-").
GLYPH = {"-": "–"}


def number(value: float, decimals: int = 1, *, language: str = "de") -> str:
    """German: narrow no-break space for thousands, decimal comma (1 234,5);
    English: 1,234.5."""
    text = f"{value:,.{decimals}f}"
    if language.startswith("de"):
        return text.replace(",", "\u202f").replace(".", ",")
    return text


def shown(value, decimals: int = 1, symbol: str = "", *, language: str = "de") -> str:
    """A figure as shown in tables: the number, or the symbol that stands instead of it.

    A value without a number and without a symbol is unknown: ".", never "–"."""
    if symbol == "-" and (value is None or value == 0):
        return GLYPH["-"]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return GLYPH.get(symbol, symbol) if symbol else "."
    text = number(value, decimals, language=language)
    return f"({text})" if symbol == "()" else text


def symbol_meaning(symbol: str) -> str:
    """The meaning of a symbol ("" for a plain number)."""
    if not symbol:
        return ""
    try:
        return str(Symbol(symbol).label)
    except ValueError:
        return ""


def legend() -> list[tuple[str, str]]:
    """(glyph, meaning) for every symbol and quality flag, in the order of the convention."""
    symbols = [(GLYPH.get(s.value, s.value), str(s.label)) for s in Symbol if s.value]
    symbols[-1] = ("( )", symbols[-1][1])  # "()" is shown around the number
    flags = [(q.value, str(q.label)) for q in Quality if q.value in ("p", "r", "s")]
    return symbols + flags
