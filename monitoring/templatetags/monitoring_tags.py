from django import template

register = template.Library()


@register.simple_tag
def figure(value, indicator=None, symbol=""):
    """An indicator value as shown: German number format, the symbol where there is none."""
    from ..views import shown

    decimals = getattr(indicator, "decimals", 1) if indicator is not None else 0
    return shown(getattr(value, "value", value), decimals, getattr(value, "symbol", symbol))
