"""Facet groups for filter forms: what `templates/includes/facet_group.html` renders.

A group is one GET parameter (`name`) with its options; each option knows whether it is chosen
and, where the page counts them, how many results it would give. The template shows a group as a
native <details>: it collapses without JavaScript, and its summary says how many options are
chosen and which. Several groups may share one parameter (areas split by level): `key` keeps their
element ids apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

# Group headings for areas split by level (places.models.Level), in this order.
LEVEL_GROUPS = {
    "country": _("Countries"),
    "state": _("States"),
    "region": _("Regions"),
    "county": _("Counties"),
    "city": _("Cities"),
    "municipality": _("Municipalities"),
    "district": _("Districts and boroughs"),
    "forecast_area": _("Forecast areas"),
    "district_region": _("District regions"),
    "planning_area": _("Planning areas"),
}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int | None = None  # None: the page does not count
    selected: bool = False


@dataclass
class FacetGroup:
    name: str  # the GET parameter
    label: str
    values: list[FacetValue] = field(default_factory=list)
    hint: str = ""
    kind: str = "checkbox"  # or "radio": one of the values, the first being "all"
    key: str = ""  # unique on the page; defaults to name

    def __post_init__(self):
        self.key = self.key or self.name

    @property
    def selected_labels(self) -> list[str]:
        return [v.label for v in self.values if v.selected and v.value != ""]


def territory_groups(name: str, territories, chosen, *, label_of=None) -> list[FacetGroup]:
    """`territories` (anything with `key`, `level`, `get_level_display()` and `label`) as one
    group per level, in the order of the levels; `chosen` are the keys already selected."""
    chosen = set(chosen)
    order = {value: i for i, value in enumerate(LEVEL_GROUPS)}
    by_level: dict[str, list] = {}
    for t in territories:
        by_level.setdefault(t.level, []).append(t)
    groups = []
    for level in sorted(by_level, key=lambda lv: order.get(lv, len(order))):
        items = by_level[level]
        groups.append(
            FacetGroup(
                name,
                str(LEVEL_GROUPS.get(level, level)),
                [
                    FacetValue(t.key, label_of(t) if label_of else t.label, None, t.key in chosen)
                    for t in items
                ],
                key=f"{name}-{level}",
            )
        )
    return groups
