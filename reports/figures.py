"""Live figures of a report, resolved in bulk: every placeholder of every section in four
queries (indicators, territories, values, datasets), whatever their number.

A `Figure` is what a placeholder stands for: the value or the symbol that stands instead of it,
the unit, and where it comes from (source, publisher, period, licence). It is a plain dict
when stored in an edition, so a published edition shows what it showed, whatever is imported
later.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.db.models import Q

from monitoring.models import Indicator, IndicatorValue
from places.keys import split_key
from places.models import Territory

from .placeholders import Placeholder

# Why a placeholder cannot show a figure: the editor must fix it before publishing.
SYNTAX = "syntax"
UNKNOWN_INDICATOR = "unknown_indicator"
UNKNOWN_TERRITORY = "unknown_territory"


@dataclass
class Figure:
    placeholder: str  # the canonical placeholder text
    indicator: str
    territory: str
    period: str
    error: str = ""  # SYNTAX, UNKNOWN_INDICATOR, UNKNOWN_TERRITORY or ""
    detail: str = ""  # the syntax error's code (placeholders.UNKNOWN_PART …)
    detail_value: str = ""  # what it is about (the part, name or value)
    indicator_name: str = ""
    territory_name: str = ""
    value: float | None = None
    symbol: str = ""
    found: bool = False  # whether the monitoring holds a value (or symbol) for it
    unit: str = ""
    decimals: int = 1
    source: str = ""
    publisher: str = ""
    dataset: str = ""
    licence: str = ""
    licence_url: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.indicator, self.territory, self.period)

    @property
    def shows_number(self) -> bool:
        return not self.error and self.value is not None and self.symbol in ("", "()", "-")

    @property
    def shown_symbol(self) -> str:
        """The symbol standing instead of the number: "." when nothing is known."""
        if self.error or self.shows_number:
            return ""
        return self.symbol or "."

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Figure:
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in names})


def _territory_q(keys) -> Q:
    condition = Q(pk__in=[])
    for key in keys:
        scheme, code = split_key(key)
        condition |= Q(scheme=scheme, code=code)
    return condition


def figures_resolve(placeholders: list[Placeholder]) -> dict[tuple[str, str, str], Figure]:
    """The figure of every distinct placeholder (by `key`), in bulk."""
    wanted = {p.key: p for p in placeholders if not p.error}
    figures: dict[tuple[str, str, str], Figure] = {}
    for p in placeholders:
        if p.error:
            figures[("", p.text, "")] = Figure(
                p.text, "", p.text, "", error=SYNTAX, detail=p.error, detail_value=p.detail
            )
    if not wanted:
        return figures
    indicators = {
        i.code: i for i in Indicator.objects.public().filter(code__in={k[0] for k in wanted})
    }
    territory_keys = {k[1] for k in wanted}
    territories = {t.key: t for t in Territory.objects.filter(_territory_q(territory_keys))}
    cells = Q(pk__in=[])
    for indicator_code, territory_key, period in wanted:
        if indicator_code in indicators and territory_key in territories:
            cells |= Q(
                indicator=indicators[indicator_code],
                territory=territories[territory_key],
                period=period,
            )
    values = {
        (v.indicator_id, v.territory_id, v.period): v
        for v in IndicatorValue.objects.filter(cells).select_related("dataset")
    }
    for key, p in wanted.items():
        figure = Figure(p.canonical, *key)
        indicator, territory = indicators.get(key[0]), territories.get(key[1])
        if indicator is None:
            figure.error = UNKNOWN_INDICATOR
        elif territory is None:
            figure.error = UNKNOWN_TERRITORY
        if indicator is not None:
            figure.indicator_name, figure.unit = indicator.name, indicator.unit
            figure.decimals, figure.source = indicator.decimals, indicator.sources
        if territory is not None:
            figure.territory_name = territory.name
        value = (
            values.get((indicator.pk, territory.pk, key[2])) if indicator and territory else None
        )
        if value is not None:
            figure.found = True
            figure.value, figure.symbol = value.value, value.symbol
            if value.dataset is not None:
                dataset = value.dataset
                figure.source = dataset.source or figure.source
                figure.publisher, figure.dataset = dataset.publisher, dataset.code
                figure.licence, figure.licence_url = dataset.licence, dataset.licence_url
        figures[key] = figure
    return figures


def figure_for(figures: dict, placeholder: Placeholder) -> Figure:
    if placeholder.error:
        return figures[("", placeholder.text, "")]
    return figures[placeholder.key]
