from django.apps import apps
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import render

from bildungsnetz.listing import paginate

from .geometry import SvgProjection, bounds
from .keys import split_key
from .models import Level, Territory

SORTS = {"name": ("name_de", "pk"), "country": ("country", "name_de", "pk")}


def territory_list(request):
    """Cities and states with their official keys."""
    level = request.GET.get("level", Level.CITY)
    if level not in Level.values:
        level = Level.CITY
    queryset = Territory.objects.filter(level=level).select_related("parent")
    # Lists show current places; keys given up in a regional reform only when asked for.
    former = request.GET.get("former") == "1"
    if not former:
        queryset = queryset.current()
    q = request.GET.get("q", "").strip()
    if q:
        queryset = queryset.filter(Q(name_de__icontains=q) | Q(name_en__icontains=q) | Q(code=q))
    listing = paginate(request, queryset, sorts=SORTS, default="name", per_page=50)
    return render(
        request,
        "places/territory_list.html",
        {
            "listing": listing,
            "page_obj": listing.page_obj,
            "query_string_without_page": listing.query_string_without_page,
            "level": level,
            "levels": Level.choices,
            "q": q,
            "former": former,
        },
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
