"""Inline SVG maps of districts with offer counts: no tile server, no JavaScript."""

from __future__ import annotations

from dataclasses import dataclass

from places.geometry import SvgProjection, bounds
from places.models import Level, Territory


@dataclass
class MapArea:
    key: str
    name: str
    path: str
    count: int
    shade: int  # 0..4
    selected: bool


@dataclass
class DistrictMap:
    city: Territory
    width: float
    height: float
    areas: list[MapArea]


def district_map(counts: dict[str, int], *, selected=(), city: Territory | None = None):
    """The districts of `city` (the first city with district boundaries and offers by default),
    shaded by the number of offers in `counts` (territory key -> count)."""
    districts = Territory.objects.filter(level=Level.DISTRICT).with_boundary()
    if city is None:
        with_counts = [d for d in districts.select_related("parent") if counts.get(d.key)]
        parents = {d.parent_id for d in with_counts}
        if not parents:
            return None
        city = Territory.objects.filter(pk__in=parents).order_by("name").first()
    districts = list(districts.filter(parent=city).order_by("code"))
    if not districts:
        return None
    projection = SvgProjection(bounds(d.boundary for d in districts), width=480)
    top = max([counts.get(d.key, 0) for d in districts] + [1])
    areas = [
        MapArea(
            d.key,
            d.name,
            projection.path(d.boundary),
            counts.get(d.key, 0),
            0 if not counts.get(d.key) else 1 + min(3, 4 * counts.get(d.key, 0) // (top + 1)),
            d.key in selected,
        )
        for d in districts
    ]
    return DistrictMap(city, projection.width, round(projection.height, 1), areas)
