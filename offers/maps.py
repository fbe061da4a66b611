"""Inline SVG maps of districts with offer counts: no tile server, no JavaScript."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from places.geometry import SvgProjection, bounds
from places.keys import split_key
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


def _city_of(territory: Territory) -> Territory | None:
    if territory.level == Level.CITY:
        return territory
    if territory.level == Level.DISTRICT and territory.parent_id:
        return territory.parent
    return None


def offers_map(search) -> DistrictMap | None:
    """The district map for an offer search (offers.selectors.OfferSearch), or None.

    The map shows the territory the search is for: the city of the chosen districts or cities,
    or of the place searched near. When they lie in different cities, or in a city without
    district boundaries (Erfurt), there is no map: a map of somewhere else would contradict the
    list. Without a place the map shows the first city with district boundaries and offers.
    The counts are those of the list: every filter applied, the place ones too."""
    cd = search.cleaned
    chosen = list(_territories(cd.get("district") or ()))
    if cd.get("near") is not None:
        chosen.append(cd["near"])
    counts = search.district_counts()
    selected = set(cd.get("district") or ())
    if not chosen:
        return district_map(counts, selected=selected)
    cities = {_city_of(t) for t in chosen}
    if len(cities) != 1 or None in cities:
        return None
    return district_map(counts, selected=selected, city=cities.pop())


def _territories(keys):
    condition = Q(pk__in=[])
    for scheme, code in map(split_key, keys):
        condition |= Q(scheme=scheme, code=code)
    return Territory.objects.filter(condition).select_related("parent")
