"""The offers list (page, export, feeds, saved searches, API): parsing the offer search (form),
applying it, and counting facets in the database.

Facets are disjunctive: the counts of one facet apply every filter except that facet's own,
so choosing "Arabic" still shows how many offers there are in German. Every count is one
grouped query; nothing is counted in Python.

With search words, the results come from the full-text index alone (`OfferSearch.ranked`,
ranked exactly by docs/search.md's rule): the listed state and the facet filters are index
tags (offers/search_index.py), only age and distance are checked on the offer rows. The facet
counts are then taken over the first FACET_LIMIT matches the index yields (unranked), so a
common word costs no more than a rare one (`OfferSearch.facets_capped` says when there were
more matches). Without words the same bound applies to browsing: the counts come from the
first FACET_LIMIT listed offers when there are more.
"""

from __future__ import annotations

import math
from functools import cached_property

from django import forms
from django.db.models import Count, ExpressionWrapper, F, FloatField, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from actors.models import Language, TargetGroup, Topic
from bildungsnetz.facets import FacetGroup as Facet
from bildungsnetz.facets import FacetValue
from bildungsnetz.listing import Sorting
from places.geometry import centroid
from places.keys import split_key
from places.models import Level, Territory, within_q
from search import engine
from search.tags import tag

from .models import ACCESSIBILITY, AGE_BANDS, Cost, Offer, OfferFormat, OfferKind, Stage

# The list's orders without search words (with words the best match comes first): the page's
# sort links, its export and the API. A sorted list counts at most LIST_LIMIT offers ("more
# than 10,000"), so browsing a million offers costs no more than browsing ten thousand.
SORTING = Sorting(
    orders={
        "title": ("title_de", "pk"),
        "start": ("start_date", "title_de", "pk"),
        "new": ("-created", "-pk"),
    },
    labels=[
        ("title", _("Title")),
        ("start", _("Start date")),
        ("new", _("Newest")),
    ],
    default="title",
)
RELEVANCE = ("relevance", _("Best match"))
LIST_LIMIT = 10_000

KM_PER_DEGREE_LAT = 110.57
KM_PER_DEGREE_LON_EQUATOR = 111.32


class TerritoryKeyMultipleField(forms.MultipleChoiceField):
    """Territories chosen by official key ("lor:08", "ags:16051000")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", self._choices)
        super().__init__(*args, **kwargs)

    @staticmethod
    def _choices():
        rows = _with_offers(Offer.objects.all())
        return [(t.key, t.label) for t in rows.order_by("name")]


def _with_offers(offers):
    """Cities and districts with at least one of `offers`: one index probe per territory (a
    scalar subquery, which PostgreSQL does not turn into a join over every offer)."""
    first = offers.filter(district=OuterRef("pk")).order_by().values("pk")[:1]
    return (
        Territory.objects.filter(level__in=[Level.CITY, Level.DISTRICT])
        .annotate(first_offer=Subquery(first))
        .filter(first_offer__isnull=False)
    )


class OfferFilterForm(forms.Form):
    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
    kind = forms.MultipleChoiceField(
        label=_("Kind of learning"), required=False, choices=OfferKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    format = forms.MultipleChoiceField(
        label=_("Format"), required=False, choices=OfferFormat.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    stage = forms.MultipleChoiceField(
        label=_("Stage of life"), required=False, choices=Stage.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    age = forms.IntegerField(
        label=_("Age of the learner"), required=False, min_value=0, max_value=120
    )
    cost = forms.MultipleChoiceField(
        label=_("Cost"), required=False, choices=Cost.choices, widget=forms.CheckboxSelectMultiple
    )
    access = forms.MultipleChoiceField(
        label=_("Accessibility"), required=False, choices=ACCESSIBILITY,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Offers with every feature chosen."),
    )  # fmt: skip
    language = forms.ModelMultipleChoiceField(
        label=_("Language"), required=False, queryset=Language.objects.all(),
        to_field_name="code", widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    target_group = forms.ModelMultipleChoiceField(
        label=_("Target group"), required=False, queryset=TargetGroup.objects.all(),
        to_field_name="slug", widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    topic = forms.ModelMultipleChoiceField(
        label=_("Topic"), required=False, queryset=Topic.objects.all(), to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    district = TerritoryKeyMultipleField(
        label=_("District or city"), required=False, widget=forms.CheckboxSelectMultiple
    )
    near = forms.CharField(
        label=_("Near the centre of"), required=False, max_length=40,
        help_text=_("Official key of a district, e.g. lor:08 (Neukölln)."),
    )  # fmt: skip
    radius = forms.IntegerField(
        label=_("Distance in km"), required=False, min_value=1, max_value=100
    )
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)

    def clean_near(self):
        key = self.cleaned_data["near"].strip()
        if not key:
            return None
        territory = Territory.objects.by_key(*split_key(key)).first()
        if territory is None:
            raise forms.ValidationError(_("No district with this key."))
        return territory


# Facets are counted over at most this many offers: with search words the best matches,
# without them the first listed offers.
FACET_LIMIT = 1000

FACETS = ["kind", "format", "stage", "age", "cost", "access", "language", "target_group",
          "topic", "district"]  # fmt: skip


def _through_ids(field: str, lookup: str, values):
    through = Offer._meta.get_field(field).remote_field.through
    return through.objects.filter(**{f"{lookup}__in": values}).values("offer_id")


def _conditions(cd: dict, skip: str | None = None) -> Q:
    q = Q()
    for name in ("kind", "format", "stage", "cost"):
        if cd.get(name) and skip != name:
            q &= Q(**{f"{name}__in": cd[name]})
    if cd.get("age") is not None and skip != "age":
        q &= _age(cd["age"])
    if cd.get("access") and skip != "access":
        for name in cd["access"]:
            q &= Q(**{name: True})
    for name, field, lookup in (
        ("language", "languages", "language"),
        ("target_group", "target_groups", "targetgroup"),
        ("topic", "topics", "topic"),
    ):
        if cd.get(name) and skip != name:
            q &= Q(pk__in=_through_ids(field, lookup, cd[name]))
    if cd.get("district") and skip != "district":
        q &= Q(district__in=_territories(cd["district"]))
    return q


def _age(age: int) -> Q:
    return (Q(age_min__isnull=True) | Q(age_min__lte=age)) & (
        Q(age_max__isnull=True) | Q(age_max__gte=age)
    )


def _territories(keys):
    territories = Territory.objects.none()
    for scheme, code in map(split_key, keys):
        territories |= Territory.objects.filter(scheme=scheme, code=code)
    return territories


def tag_groups(cd: dict) -> list[list[str]]:
    """The facet filters of `cd` as index tags: every group must match, one tag of each."""
    groups = [
        [tag(name, value) for value in cd[name]]
        for name in ("kind", "format", "stage", "cost")
        if cd.get(name)
    ]
    groups += [[tag("access", name)] for name in cd.get("access") or []]
    for name, tag_name, key in (
        ("language", "lang", "code"),
        ("target_group", "group", "slug"),
        ("topic", "topic", "slug"),
    ):
        if cd.get(name):
            groups.append([tag(tag_name, getattr(obj, key)) for obj in cd[name]])
    if cd.get("district"):
        pks = _territories(cd["district"]).values_list("pk", flat=True)
        groups.append([tag("in", pk) for pk in pks])
    return groups


def _near(queryset, cd: dict):
    territory = cd.get("near")
    lat, lon = cd.get("lat"), cd.get("lon")
    if territory is None and (lat is None or lon is None):
        return queryset
    if territory is not None:
        if not territory.boundary:
            return queryset.filter(within_q("district", [territory]))
        lon, lat = centroid(territory.boundary)
    radius = cd.get("radius") or 5
    kx = KM_PER_DEGREE_LON_EQUATOR * math.cos(math.radians(lat))
    dlat, dlon = radius / KM_PER_DEGREE_LAT, radius / kx
    # A bounding box the index can use, then the circle (equirectangular distance).
    distance2 = ExpressionWrapper(
        (F("latitude") - lat) * (F("latitude") - lat) * (KM_PER_DEGREE_LAT**2)
        + (F("longitude") - lon) * (F("longitude") - lon) * (kx**2),
        output_field=FloatField(),
    )
    return (
        queryset.filter(
            latitude__range=(lat - dlat, lat + dlat), longitude__range=(lon - dlon, lon + dlon)
        )
        .alias(distance2=distance2)
        .filter(distance2__lte=radius * radius)
    )


class OfferSearch:
    """One search of the offer list: the form, and lazily what each use of it needs."""

    def __init__(self, form: OfferFilterForm, cleaned: dict | None):
        self.form = form
        self.valid = cleaned is not None  # invalid filters: nothing matches
        self.cleaned = cleaned or {}
        self.facets_capped = False  # facets counted over the first FACET_LIMIT matches only
        self._expansions: dict = {}  # prefix expansions, looked up once per search
        self._ranked: dict = {}  # engine.RankedResults per (limit, facet tags, age)

    @property
    def query(self) -> str:
        return self.cleaned.get("q", "")

    @cached_property
    def base(self):
        """Listed offers matching the words and the place, before the facet filters."""
        if not self.valid:
            return Offer.objects.none()
        words = engine.filter_queryset(Offer.objects.listed(), self.query, kind="offer")
        return _near(words, self.cleaned)

    @cached_property
    def queryset(self):
        """Listed offers with every filter (exports, feeds, saved searches, sorted lists)."""
        return self.base.filter(_conditions(self.cleaned))

    def ranked(self, *, limit: int | None = None, facets: bool = True):
        """The offers matching the words, best first, from the index (see module doc);
        without the facet filters when `facets` is False. One object per distinct search: with
        no facet filter chosen the list and its facets share it, so the list's count and the
        facets' first matches come from one read of the index (PostgreSQL)."""
        tags = tag_groups(self.cleaned) if facets else []
        age = self.cleaned.get("age") if facets else None
        key = (limit, tuple(tuple(group) for group in tags), age)
        if key not in self._ranked:
            residual = _near(Offer.objects.with_listing_relations(), self.cleaned)
            if age is not None:
                residual = residual.filter(_age(age))
            self._ranked[key] = engine.ranked(
                residual, self.query, kind="offer", public_only=True, tags=tags, limit=limit,
                expansions=self._expansions,
            )  # fmt: skip
        return self._ranked[key]

    def facets(self) -> list[Facet]:
        return facet_counts(self)

    @cached_property
    def facet_base(self):
        """The offers the facets count over: the listed matches of the words and the place,
        or the first FACET_LIMIT of them the index yields (sets `facets_capped`): ranking
        them first would cost a read per tier of the ranking and change no count."""
        if self.valid and engine.parse(self.query):
            found = self.ranked(facets=False).found_ids(FACET_LIMIT + 1)
            self.facets_capped = len(found) > FACET_LIMIT
            return Offer.objects.filter(pk__any_of=found[:FACET_LIMIT])
        # Browsing: exact counts up to FACET_LIMIT listed offers, beyond that the counts of
        # the first FACET_LIMIT in storage order (grouping a million rows ten times would
        # take seconds).
        sample = list(self.base.order_by().values_list("pk", flat=True)[: FACET_LIMIT + 1])
        self.facets_capped = len(sample) > FACET_LIMIT
        if self.facets_capped:
            return Offer.objects.filter(pk__any_of=sample[:FACET_LIMIT])
        return self.base

    def district_counts(self) -> dict[str, int]:
        """Offers per district or city (territory key) with every filter applied, as the list
        shows them (over the same offers as the facets)."""
        rows = (
            self.facet_base.filter(_conditions(self.cleaned))
            .filter(district__isnull=False)
            .order_by()
            .values_list("district__scheme", "district__code")
            .annotate(n=Count("pk"))
        )
        return {f"{scheme}:{code}": n for scheme, code, n in rows}


def offer_list(*, filters) -> OfferSearch:
    """The offers list for `filters`, the list's query data (page GET, API, saved search,
    feed): listed offers only. One object for every use: `form` (its errors say which filters
    could not be used), `queryset` (exports, feeds, sorted lists), `ranked()` (with search
    words), `facets()`. Invalid filters match nothing (bildungsnetz.listing.valid_filters: the
    page shows the form's messages, the API answers 422), never every offer."""
    form = OfferFilterForm(filters)
    return OfferSearch(form, form.cleaned_data if form.is_valid() else None)


def facet_counts(search: OfferSearch) -> list[Facet]:
    cd = search.cleaned
    facets = []
    base = search.facet_base

    def base_for(name):
        return base.filter(_conditions(cd, skip=name)).order_by()

    # Every facet counts over the offers with every chosen filter but its own, so the facets
    # whose own filter is not chosen count over the same offers: one aggregate (a FILTER per
    # option) per distinct set of filters, instead of one grouped query per facet (six).
    wanted: dict[str | None, dict] = {}

    def want(own, alias, condition):
        chosen = cd.get("age") is not None if own == "age" else bool(own and cd.get(own))
        wanted.setdefault(own if chosen else None, {})[alias] = Count("pk", filter=condition)

    simple = [("kind", _("Kind of learning"), OfferKind.choices),
              ("format", _("Format"), OfferFormat.choices),
              ("stage", _("Stage of life"), Stage.choices),
              ("cost", _("Cost"), Cost.choices)]  # fmt: skip
    for name, _label, choices in simple:
        for i, (value, _text) in enumerate(choices):
            want(name, f"{name}_{i}", Q(**{name: value}))
    for i, (_key, _label, lo, hi) in enumerate(AGE_BANDS):
        band = (Q(age_min__isnull=True) | Q(age_min__lte=hi)) & (
            Q(age_max__isnull=True) | Q(age_max__gte=lo)
        )
        want("age", f"age_{i}", band)
    for name, _label in ACCESSIBILITY:
        # Accessibility is conjunctive ("every feature chosen"): counted with its own filter.
        want(None, f"access_{name}", Q(**{name: True}))
    counts = {}
    for own, aggregates in wanted.items():
        counts.update(base_for(own).aggregate(**aggregates))

    for name, label, choices in simple:
        chosen = set(cd.get(name) or [])
        values = [
            FacetValue(value, str(text), counts[f"{name}_{i}"], value in chosen)
            for i, (value, text) in enumerate(choices)
        ]
        facets.append(Facet(name, str(label), values))
    facets.append(
        Facet(
            "age",
            str(_("Age")),
            [
                FacetValue(key, str(label), counts[f"age_{i}"], False)
                for i, (key, label, _lo, _hi) in enumerate(AGE_BANDS)
            ],
        )
    )
    chosen = set(cd.get("access") or [])
    facets.append(
        Facet(
            "access",
            str(_("Accessibility")),
            [
                FacetValue(name, str(label), counts[f"access_{name}"], name in chosen)
                for name, label in ACCESSIBILITY
            ],
        )
    )

    for name, field, model, key in (
        ("language", "languages", Language, "code"),
        ("target_group", "target_groups", TargetGroup, "slug"),
        ("topic", "topics", Topic, "slug"),
    ):
        ids = base_for(name).values("pk")
        rows = dict(
            model.objects.filter(offers__in=ids).values_list(key).annotate(n=Count("offers"))
        )
        chosen = {getattr(obj, key) for obj in cd.get(name) or []}
        values = [
            FacetValue(getattr(obj, key), str(obj), rows.get(getattr(obj, key), 0),
                       getattr(obj, key) in chosen)
            for obj in model.objects.all()
        ]  # fmt: skip
        facets.append(Facet(name, str(Offer._meta.get_field(field).verbose_name), values))

    rows = dict(
        base_for("district")
        .filter(district__isnull=False)
        .values_list("district_id")
        .annotate(n=Count("pk"))
    )
    chosen = set(cd.get("district") or [])
    # Every district with listed offers, so the list of choices stays put while filtering.
    districts = _with_offers(Offer.objects.listed()).order_by("name")
    facets.append(
        Facet(
            "district",
            str(_("District or city")),
            [FacetValue(t.key, t.label, rows.get(t.pk, 0), t.key in chosen) for t in districts],
        )
    )
    return facets
