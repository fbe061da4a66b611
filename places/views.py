from django.apps import apps
from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from bildungsnetz.exports import choice, column
from bildungsnetz.listing import ListPage, filter_data

from . import selectors
from .forms import TerritoryFilterForm
from .geometry import SvgProjection, bounds
from .keys import split_key
from .models import Level, Territory

PLACES = ListPage(
    sorting=selectors.SORTING,
    template="places/territory_list.html",
    partial="places/_territory_results.html",
    export_name=_("places"),
    export_columns=[
        column("name", "name_de"),
        column("name_en"),
        column("key"),
        choice("level"),
        column("country"),
        column("parent", "parent.name_de"),
        column("parent_key", "parent.key"),
        column("valid_until"),
    ],  # fmt: skip
    per_page=50,
)


def territory_list(request):
    """Cities and states with their official keys; cities when no level is asked for."""
    data = filter_data(request)
    data.setdefault("level", Level.CITY)
    form = TerritoryFilterForm(data)
    return PLACES.response(
        request,
        form=form,
        select=lambda filters: selectors.territory_list(filters=filters),
        context={"levels": [("", _("All levels")), *Level.choices]},
    )


def territory_detail(request, key: str):
    scheme, code = split_key(key)
    territory = Territory.objects.select_related("parent").filter(scheme=scheme, code=code).first()
    if territory is None:
        raise Http404
    children = (
        territory.children.annotate(n_children=Count("children"))
        .order_by("code")
        .only("scheme", "code", "name_de", "name_en", "level", "boundary", "county_free")
    )
    shaped = [c for c in children if c.boundary]
    svg = None
    if shaped:
        projection = SvgProjection(bounds(c.boundary for c in shaped), width=640)
        svg = {
            "width": round(projection.width),
            "height": round(projection.height),
            "shapes": [{"territory": c, "path": projection.path(c.boundary)} for c in shaped],
        }
    sections = []
    for config in apps.get_app_configs():
        hook = getattr(config, "territory_sections", None)
        if hook:
            sections.extend(hook(territory))
    return render(
        request,
        "places/territory_detail.html",
        {
            "territory": territory,
            "ancestors": territory.ancestors(),
            "children": children,
            "map": svg,
            "sections": sections,
        },
    )
