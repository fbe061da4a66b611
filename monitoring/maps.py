"""Choropleth maps as inline SVG from the boundaries stored in `places` (no tile server)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from places.geometry import SvgProjection, bounds

from .figures import number

# Sequential, colour-blind safe (ColorBrewer Blues, 5 classes); grey for no value.
COLOURS = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
NO_VALUE = "#d9d9d9"


@dataclass
class Shape:
    territory: object
    path: str
    fill: str
    label: str


@dataclass
class Choropleth:
    width: float
    height: float
    shapes: list[Shape]
    legend: list[tuple[str, str]]


def choropleth(
    items: list[tuple[object, float | None, str]], *, unit: str = "", decimals: int = 1
) -> Choropleth | None:
    """items: (territory with `boundary`, value or None, display text). None without shapes.

    A territory without a number (its symbol is in its label) is grey, and the legend says
    "no value" for grey: never "–", which would mean a true zero."""
    items = [i for i in items if getattr(i[0], "boundary", None)]
    if not items:
        return None
    projection = SvgProjection(bounds([t.boundary for t, _v, _s in items]), width=600)
    values = np.array([v for _t, v, _s in items if v is not None], dtype=float)
    if len(values):
        edges = np.unique(np.quantile(values, np.linspace(0, 1, len(COLOURS) + 1)))
    else:
        edges = np.array([])
    shapes = []
    for territory, value, shown in items:
        if value is None or len(edges) < 2:
            fill = NO_VALUE if value is None else COLOURS[-1]
        else:
            index = int(np.clip(np.searchsorted(edges, value, side="right") - 1, 0, len(edges) - 2))
            fill = COLOURS[min(index, len(COLOURS) - 1)]
        shapes.append(
            Shape(
                territory, projection.path(territory.boundary), fill, f"{territory.name}: {shown}"
            )
        )
    language = get_language() or "de"
    legend = []
    for i in range(len(edges) - 1):
        low = number(edges[i], decimals, language=language)
        high = number(edges[i + 1], decimals, language=language)
        text = _("%(low)s to %(high)s") % {"low": low, "high": high}
        legend.append((COLOURS[min(i, len(COLOURS) - 1)], f"{text} {unit}".strip()))
    if any(v is None for _t, v, _s in items):
        legend.append((NO_VALUE, _("no value (see the symbol)")))
    return Choropleth(projection.width, projection.height, shapes, legend)
