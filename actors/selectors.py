"""Reads of the organisation directory: its filters, the counts of each filter's options, and
the people an organisation page and the API show."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.scopes import organisations_visible_to
from bildungsnetz.facets import FacetGroup, FacetValue
from bildungsnetz.listing import Sorting
from places.models import Territory
from search import engine

from .models import Language, OrganisationKind, Role, Topic
from .privacy import person_visible_fields

# With search words the filter counts are taken over at most this many matches (as offers).
FACET_LIMIT = 1000

# The directory's orders: the page's sort links, its export and the API.
SORTING = Sorting(
    orders={
        "name": ("name_de", "pk"),
        "-name": ("-name_de", "-pk"),
        "city": ("seat__name_de", "name_de", "pk"),
        "updated": ("-updated", "pk"),
    },
    labels=[
        ("name", gettext_lazy("Name A–Z")),
        ("-name", gettext_lazy("Name Z–A")),
        ("city", gettext_lazy("City")),
        ("updated", gettext_lazy("Recently updated")),
    ],
    default="name",
)


def organisation_list(*, user, filters: dict | None = None, found: list[int] | None = None):
    """The directory as `user` may see it (public organisations plus those their roles cover,
    `accounts.scopes`) with `filters`, the cleaned data of OrganisationFilterForm
    (bildungsnetz.listing.valid_filters): the page, its export and the API list alike.
    `found`: the matches of the search words, if already read (`directory_matches`).

    No DISTINCT: every condition is on the organisation's own row or joins at most one row per
    organisation (one topic, one language), and DISTINCT over every column of 100,000
    organisations took a second per page (#19)."""
    queryset = organisations_visible_to(user).with_listing_relations()
    return organisations_filtered(queryset, filters or {}, found=found)


def directory_matches(visible, cd: dict) -> list[int] | None:
    """The ids of the organisations of `visible` that match the search words of `cd`, up to
    COUNT_LIMIT + 1 of them as the index yields them (one read of the index), or None without
    words. The page reads them once for its list, its count and its filter counts: each of them
    matching the words again took a read of the index (four reads, 400 ms for a common word at
    100,000 organisations, #19)."""
    q = cd.get("q")
    if not q or not engine.parse(q):
        return None
    return engine.ranked(visible, q, kind="organisation").found_ids(engine.COUNT_LIMIT + 1)


def organisations_filtered(
    queryset, cd: dict, *, skip: str | None = None, found: list[int] | None = None
):
    """`queryset` with the directory's filters in `cd` (OrganisationFilterForm), all but `skip`
    (the facet being counted: its counts say what choosing another of its options would give).
    With `found` (`directory_matches`) holding every match, the words are those ids."""
    if cd.get("q"):
        # Full text through the one search module: names, descriptions, seat, topics;
        # German normalisation (umlauts, ß, word forms), every word must match.
        if found is not None and len(found) <= engine.COUNT_LIMIT:
            queryset = queryset.filter(pk__any_of=found)
        else:
            queryset = engine.filter_queryset(queryset, cd["q"], kind="organisation")
    if cd.get("kind") and skip != "kind":
        queryset = queryset.filter(kind=cd["kind"])
    if cd.get("city") and skip != "city":
        queryset = queryset.in_territory(cd["city"])
    if cd.get("topic") and skip != "topic":
        queryset = queryset.filter(topics=cd["topic"])
    if cd.get("language") and skip != "language":
        queryset = queryset.filter(languages=cd["language"])
    return queryset


@dataclass
class DirectoryFacets:
    groups: list[FacetGroup]
    capped: bool  # counted over the first FACET_LIMIT matches of the words only


def organisation_facets(visible, form, *, found: list[int] | None = None) -> DirectoryFacets:
    """The directory's filters as groups of radio buttons (one choice each, the first "all"),
    each option with its number of organisations; an option nobody has is left out unless
    chosen. One grouped query per filter; the "all" options' numbers are the sums of the kind
    and city groups (every organisation has one kind and one seat), so only a chosen topic or
    language needs a count of its own (four counts of 100,000 organisations were most of the
    page's time, #19). Groupings count rows (COUNT(*)), which an index can answer alone.

    With search words the counts are taken over the matches (`found`, read once), or over the
    first FACET_LIMIT of them as the index yields them when there are more (`capped`; the page
    says so), as on the offers page: a common word costs no more than a rare one."""
    cd = form.cleaned_data if form.is_valid() else {}
    capped = False
    if cd.get("q"):
        if found is None:
            found = directory_matches(visible, cd)
        if found is not None:
            capped = len(found) > FACET_LIMIT
            visible = visible.filter(pk__any_of=found[:FACET_LIMIT])
            cd = {k: v for k, v in cd.items() if k != "q"}
    totals: dict[str | None, int] = {}

    def filtered(name):
        """The organisations a group counts: every chosen filter but its own."""
        return organisations_filtered(visible, cd, skip=name).order_by()

    def total(name):
        key = name if cd.get(name) else None  # an unchosen filter skips nothing
        if key not in totals:
            totals[key] = filtered(key).count()
        return totals[key]

    def group(name, label, all_label, rows, chosen):
        values = [FacetValue("", str(all_label), total(name), not chosen)]
        values += [
            FacetValue(value, str(text), n, value == chosen)
            for value, text, n in rows
            if n or value == chosen
        ]
        return FacetGroup(name, str(label), values, kind="radio")

    # order_by() (in filtered): the default order by name would join the GROUP BY (one row per
    # name). No filter joins more than one row per organisation, so rows are organisations.
    kinds = dict(filtered("kind").values_list("kind").annotate(n=Count("*")))
    totals["kind" if cd.get("kind") else None] = sum(kinds.values())
    if cd.get("kind"):
        totals.setdefault(None, kinds.get(cd["kind"], 0))
    groups = [
        group(
            "kind", _("Kind"), _("All kinds"),
            [(value, text, kinds.get(value, 0)) for value, text in OrganisationKind.choices],
            cd.get("kind") or "",
        )
    ]  # fmt: skip

    # Grouped by seat id (an index holds it), then each seat's count goes to the seat and every
    # territory above it, read off its path: one pass over the seats.
    seats = dict(filtered("city").values_list("seat_id").annotate(n=Count("*")))
    if cd.get("city"):
        totals["city"] = sum(seats.values())
    paths = dict(Territory.objects.filter(pk__any_of=list(seats)).values_list("pk", "path"))
    below = Counter()
    for seat, n in seats.items():
        for ancestor in _path_and_ancestors(paths.get(seat)):
            below[ancestor] += n
    city = cd.get("city")
    groups.append(
        group(
            "city", _("City"), _("All cities"),
            [(t.code, t.label, below[t.path])
             for t in form.fields["city"].queryset.order_by("name")],
            city.code if city else "",
        )
    )  # fmt: skip

    for name, label, all_label, model, key in (
        ("topic", _("Topic"), _("All topics"), Topic, "slug"),
        ("language", _("Language"), _("All languages"), Language, "code"),
    ):
        counts = dict(
            model.objects.filter(organisation__in=filtered(name).values("pk"))
            .order_by()
            .values_list(key)
            .annotate(n=Count("organisation"))
        )
        chosen = cd.get(name)
        groups.append(
            group(
                name, label, all_label,
                [(getattr(o, key), str(o), counts.get(getattr(o, key), 0))
                 for o in model.objects.all()],
                getattr(chosen, key) if chosen else "",
            )
        )  # fmt: skip
    return DirectoryFacets(groups, capped)


def _path_and_ancestors(path: str | None) -> list[str]:
    """The path and its ancestors': "/1/5/42" → ["/1", "/1/5", "/1/5/42"] (places.models)."""
    parts = (path or "").strip("/").split("/")
    return ["/" + "/".join(parts[: i + 1]) for i in range(len(parts)) if parts[i]]


def organisation_people(organisation, user) -> list[dict]:
    """The organisation's current public roles whose person's name `user` may see, each as
    `{"role": role, "fields": the person's fields as far as user may see them}`: the page
    and the API show the same people (actors.privacy decides)."""
    roles = (
        Role.objects.current()
        .filter(organisation=organisation, is_public=True, person__erased_at__isnull=True)
        .select_related("person")
    )
    return [
        {"role": role, "fields": fields}
        for role in roles
        if "name" in (fields := person_visible_fields(role.person, user))
    ]
