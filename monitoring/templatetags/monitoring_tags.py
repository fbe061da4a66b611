import datetime as dt

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

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


def is_stale(period_date, today: dt.date | None = None) -> bool:
    """Whether a figure's period ended more than MONITORING_STALE_AFTER_YEARS years ago."""
    if period_date is None:
        return False
    today = today or dt.date.today()
    years = settings.MONITORING_STALE_AFTER_YEARS
    try:
        limit = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        limit = today.replace(year=today.year - years, day=28)
    return period_date < limit


@register.simple_tag
def stale_after_years() -> int:
    return settings.MONITORING_STALE_AFTER_YEARS


@register.filter
def any_stale(values) -> bool:
    """Whether one of some indicator values is stale (for a note under a table)."""
    return any(is_stale(getattr(v, "period_date", None)) for v in values or ())


@register.simple_tag
def as_of(value):
    """A visible "Stand 2002" badge on a figure older than the threshold (text, not colour
    alone), else nothing; the figure's period is shown next to it by the table anyway."""
    period_date = getattr(value, "period_date", None)
    if not is_stale(period_date):
        return ""
    return format_html(
        '<span class="kern-badge kern-badge--warning" data-stale="{}">'
        '<span class="kern-label kern-label--small">{}</span></span>',
        period_date.year,
        _("As of %(year)s") % {"year": period_date.year},
    )
