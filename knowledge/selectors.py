"""Reads of the knowledge base that pages, the API, the feed and the exports share."""

from __future__ import annotations

from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actors.models import TargetGroup, Topic
from actors.privacy import person_visible_fields
from bildungsnetz.facets import FacetGroup, FacetValue
from bildungsnetz.listing import Sorting
from offers.models import Stage
from places.models import Territory
from search import engine

from .forms import YES
from .models import Attachment, Entry, EntryKind, EntryStatus, Lesson

ENTRY_SORTING = Sorting(
    orders={
        "title": ("title_de", "pk"),
        "-updated": ("-updated", "-pk"),
        "review_due": ("review_due", "pk"),
    },
    labels=[
        ("title", gettext_lazy("Title")),
        ("-updated", gettext_lazy("Last changed")),
        ("review_due", gettext_lazy("Review date")),
    ],  # fmt: skip
    default="title",
)


def visible_entries(user):
    return Entry.objects.visible_to(user)


def _matching(q: str):
    """Entries whose own text matches `q` (kind "practice") or one of whose files' text does
    (kind "study"), through the search module."""
    entries = engine.matching_ids(q, kind="practice")
    files = engine.matching_ids(q, kind="study")
    if entries is None:
        return None
    return Q(pk__in=entries) | Q(pk__in=Attachment.objects.filter(pk__in=files).values("entry_id"))


def entries_filtered(queryset, filters: dict, *, skip: str = "", today=None):
    """`queryset` narrowed by the list's filters, leaving out the filter `skip` (a facet's
    counts are those of the other filters)."""
    f = {k: v for k, v in filters.items() if k != skip and v not in (None, "", False)}
    if f.get("q"):
        condition = _matching(f["q"])
        if condition is not None:
            queryset = queryset.filter(condition)
    if f.get("kind"):
        queryset = queryset.filter(kind=f["kind"])
    if f.get("topic"):
        queryset = queryset.filter(topics=f["topic"])
    if f.get("city"):
        queryset = queryset.filter(territory=f["city"])
    if f.get("target_group"):
        queryset = queryset.filter(target_groups=f["target_group"])
    if f.get("stage"):
        queryset = queryset.filter(stage=f["stage"])
    if f.get("lesson"):
        queryset = queryset.filter(lesson=f["lesson"])
    if f.get("status"):
        queryset = queryset.filter(status=f["status"])
    if f.get("evidence") == YES:
        queryset = queryset.with_evidence().filter(has_evidence=True)
    if f.get("overdue"):
        queryset = queryset.review_overdue(today)
    return queryset


def entry_list(*, user, filters: dict | None = None):
    """The entries `user` may see, filtered; each with `has_evidence`."""
    queryset = entries_filtered(visible_entries(user), filters or {})
    return (
        Entry.objects.filter(pk__in=queryset.values("pk"))
        .with_evidence()
        .select_related("territory", "owner")
        .prefetch_related("topics", "target_groups", "organisations")
    )


def entry_facets(*, user, form) -> list[FacetGroup]:
    """The list's filters as groups of radio buttons, each option with its number of
    entries under the other filters; an option no entry has is left out unless chosen. One
    grouped query per group."""
    cd = form.cleaned_data if form.is_valid() else {}
    visible = visible_entries(user)

    def ids(skip):
        return entries_filtered(visible, cd, skip=skip).order_by().values("pk")

    def counted(skip, field):
        rows = (
            Entry.objects.filter(pk__in=ids(skip))
            .order_by()
            .values_list(field)
            .annotate(n=Count("pk", distinct=True))
        )
        return {value: n for value, n in rows if value not in (None, "")}

    def group(name, label, all_label, rows, chosen):
        total = Entry.objects.filter(pk__in=ids(name)).count()
        values = [FacetValue("", str(all_label), total, not chosen)]
        values += [
            FacetValue(str(value), str(text), n, str(value) == str(chosen))
            for value, text, n in rows
            if n or str(value) == str(chosen)
        ]
        return FacetGroup(name, str(label), values, kind="radio")

    def chosen(name, attr="pk"):
        value = cd.get(name)
        return getattr(value, attr) if hasattr(value, attr) else (value or "")

    kinds = counted("kind", "kind")
    topics = counted("topic", "topics")
    cities = counted("city", "territory")
    groups_ = counted("target_group", "target_groups")
    stages = counted("stage", "stage")
    lessons = counted("lesson", "lesson")
    with_evidence = (
        Entry.objects.filter(pk__in=ids("evidence")).with_evidence().filter(has_evidence=True)
    ).count()
    topic_names = Topic.objects.filter(pk__in=list(topics)).order_by("name_de")
    city_names = Territory.objects.filter(pk__in=list(cities)).order_by("name_de")
    group_names = TargetGroup.objects.filter(pk__in=list(groups_)).order_by("name_de")
    return [
        group("kind", _("Kind"), _("All kinds"),
              [(v, t, kinds.get(v, 0)) for v, t in EntryKind.choices], cd.get("kind")),
        group("topic", _("Topic"), _("All topics"),
              [(t.slug, t.name, topics[t.pk]) for t in topic_names], chosen("topic", "slug")),
        group("city", _("City"), _("All cities"),
              [(c.pk, c.name, cities[c.pk]) for c in city_names], chosen("city")),
        group("target_group", _("Target group"), _("All target groups"),
              [(g.slug, g.name, groups_[g.pk]) for g in group_names],
              chosen("target_group", "slug")),
        group("stage", _("Stage of education"), _("All stages"),
              [(v, t, stages.get(v, 0)) for v, t in Stage.choices], cd.get("stage")),
        group("lesson", _("Lesson"), _("All lessons"),
              [(v, t, lessons.get(v, 0)) for v, t in Lesson.choices], cd.get("lesson")),
        group("evidence", _("Evidence"), _("With or without"),
              [(YES, _("With evidence"), with_evidence)], cd.get("evidence")),
    ]  # fmt: skip


def similar_entries(entry: Entry, *, user, limit: int = 5):
    """Entries like `entry`, computed by the database: shared topics (2 points each), shared
    target groups (1 each), the same city (2), the same kind (1), the same stage (1); the best
    first, only entries sharing something."""
    topics = list(entry.topics.values_list("pk", flat=True))
    groups = list(entry.target_groups.values_list("pk", flat=True))

    def same(field, value):
        if value in (None, ""):
            return Value(0, output_field=IntegerField())
        return Case(When(**{field: value}, then=Value(1)), default=Value(0),
                    output_field=IntegerField())  # fmt: skip

    def shared(relation, ids):
        # An empty IN would make the whole score "no match" in SQL: count nothing instead.
        if not ids:
            return Value(0, output_field=IntegerField())
        return Count(relation, filter=Q(**{f"{relation}__in": ids}), distinct=True)

    candidates = visible_entries(user).exclude(pk=entry.pk).values("pk")
    scored = (
        Entry.objects.filter(pk__in=candidates)
        .annotate(
            shared_topics=shared("topics", topics), shared_groups=shared("target_groups", groups)
        )  # fmt: skip
        .annotate(
            similarity=2 * F("shared_topics")
            + F("shared_groups")
            + 2 * same("territory_id", entry.territory_id)
            + same("kind", entry.kind)
            + same("stage", entry.stage)
        )  # fmt: skip
        .filter(similarity__gt=1)
        .select_related("territory")
        .order_by("-similarity", "title_de", "pk")
    )
    return list(scored[:limit])


def entry_contact(entry: Entry, user) -> dict:
    """The contact person's name, e-mail and phone as far as `user` may see them."""
    if entry.contact_id is None:
        return {}
    return person_visible_fields(entry.contact, user)


def entry_relations(entry: Entry) -> dict:
    return {
        "projects": list(entry.projects.all()),
        "goals": list(entry.goals.select_related("agreement")),
        "events": list(entry.events.all()),
        "work_packages": list(entry.work_packages.select_related("programme")),
        "indicators": list(entry.indicators.all()),
    }


def review_queue(*, user):
    """Entries in review that `user` may approve (never their own)."""
    queryset = visible_entries(user).filter(status=EntryStatus.REVIEW).select_related("owner")
    return [e for e in queryset if user.has_perm("knowledge.review_entry", e)]
