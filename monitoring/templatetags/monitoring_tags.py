from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from ..figures import BLOCKING, legend, shown, symbol_meaning

register = template.Library()


def _html(text: str, symbol: str):
    """The shown figure; a symbol carries its meaning on hover and for screen readers."""
    meaning = symbol_meaning(symbol)
    if not meaning:
        return text
    return format_html('<abbr class="bn-symbol" title="{}">{}</abbr>', meaning, text)


@register.simple_tag
def figure(value, indicator=None, symbol=""):
    """An indicator value as shown: the number in the page's language, or its symbol with
    the symbol's meaning."""
    decimals = getattr(indicator, "decimals", 1) if indicator is not None else 0
    symbol = getattr(value, "symbol", symbol) or ""
    number = getattr(value, "value", value)
    return _html(shown(number, decimals, symbol, language=get_language() or "de"), symbol)


@register.simple_tag
def part(value, side: str, den_symbols=None):
    """The numerator or denominator of an indicator value, or the symbol that stood there in
    the source. `indicators.combine` gives the numerator's blocking symbol precedence, so a
    missing numerator had the value's symbol; a missing denominator had it too when the
    numerator is a number, else its symbol comes from `den_symbols` (looked up)."""
    number = getattr(value, side)
    symbol = ""
    if number is None:
        if side == "numerator" or value.numerator is not None:
            symbol = value.symbol if value.symbol in BLOCKING else "."
        else:
            key = (value.territory_id, value.period)
            symbol = (den_symbols or {}).get(key) or "."
    return _html(shown(number, 0, symbol, language=get_language() or "de"), symbol)


@register.inclusion_tag("monitoring/_symbol_legend.html")
def symbol_legend(legend_id: str, datasets=()):
    """The legend of the symbols and the sources (source, period, licence) under a table."""
    return {"legend_id": legend_id, "symbols": legend(), "datasets": datasets}


@register.filter
def sources(values) -> list:
    """The distinct datasets of some indicator values, for the legend's footnotes."""
    seen = {}
    for v in values or ():
        dataset = getattr(v, "dataset", None)
        if dataset is not None:
            seen.setdefault(dataset.pk, dataset)
    return list(seen.values())
