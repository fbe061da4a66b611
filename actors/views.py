from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.scopes import organisations_visible_to
from bildungsnetz.concurrency import EditConflict, form_status
from bildungsnetz.exports import FORMATS, choice, column, export_table, many, yes_no
from bildungsnetz.listing import FilterError, paginate, valid_filters

from .forms import ImportForm, OrganisationFilterForm, OrganisationForm
from .imports import ImportFileError, import_organisations
from .models import Organisation
from .selectors import organisation_facets, organisation_people, organisations_filtered
from .services import organisation_create, organisation_update

SORTS = {
    "name": ("name_de", "pk"),
    "-name": ("-name_de", "-pk"),
    "city": ("seat__name_de", "name_de", "pk"),
    "updated": ("-updated", "pk"),
}
SORT_LINKS = [
    ("name", gettext_lazy("Name A–Z")),
    ("-name", gettext_lazy("Name Z–A")),
    ("city", gettext_lazy("City")),
    ("updated", gettext_lazy("Recently updated")),
]
# Labels in the active language; kind, topics, languages and verified keep their codes beside.
EXPORT_COLUMNS = [
    column("name"), choice("kind"), column("seat", "seat.name"), column("seat_key", "seat.key"),
    column("street"), column("postcode"), column("locality"), column("website"),
    column("email"), column("phone"), many("topics"), many("languages", code="code"),
    column("description"), yes_no("verified"),
]  # fmt: skip


def _visible_organisations(user):
    """Public organisations plus those the user's roles cover: decided in one place,
    `accounts.scopes` (actors' views may ask accounts: see the contract in pyproject.toml)."""
    return organisations_visible_to(user)


def filter_organisations(user, data):
    """The directory with the filters of `data`; invalid filters list nothing (the page shows
    the form's messages, the API answers 422 with them: bildungsnetz.listing.valid_filters)."""
    form = OrganisationFilterForm(data)
    queryset = _visible_organisations(user).with_listing_relations()
    try:
        queryset = organisations_filtered(queryset, valid_filters(form))
    except FilterError:
        queryset = queryset.none()
    return form, queryset.distinct()


def organisation_list(request):
    form, queryset = filter_organisations(request.user, request.GET)
    fmt = request.GET.get("format")
    if fmt in FORMATS:
        objects = queryset.order_by("name_de", "pk")
        return export_table(fmt, _("organisations"), EXPORT_COLUMNS, objects)
    listing = paginate(request, queryset, sorts=SORTS, default="name")
    template = (
        "actors/_organisation_results.html" if request.htmx else "actors/organisation_list.html"
    )
    return render(
        request,
        template,
        {
            "form": form,
            "facets": organisation_facets(_visible_organisations(request.user), form),
            "listing": listing,
            "sort_links": SORT_LINKS,
            "page_obj": listing.page_obj,
            "query_string_without_page": listing.query_string_without_page,
            "can_add": request.user.has_perm("actors.add_organisation"),
            "can_import": request.user.has_perm("actors.import_organisation"),
        },
    )


def organisation_detail(request, slug: str):
    organisation = get_object_or_404(
        Organisation.objects.select_related("seat", "parent"), slug=slug
    )
    if not request.user.has_perm("actors.view_organisation", organisation):
        raise Http404
    return render(
        request,
        "actors/organisation_detail.html",
        {
            "organisation": organisation,
            "people": organisation_people(organisation, request.user),
            "units": organisation.units.filter(is_public=True),
            "can_edit": request.user.has_perm("actors.change_organisation", organisation),
            "related_sections": _related_sections(organisation),
        },
    )


def _related_sections(organisation):
    """Sections contributed by later apps (partnerships, offers) through a hook."""
    from django.apps import apps

    sections = []
    for config in apps.get_app_configs():
        hook = getattr(config, "organisation_sections", None)
        if hook:
            sections.extend(hook(organisation))
    return sections


@login_required
def organisation_create_view(request):
    if not request.user.has_perm("actors.add_organisation"):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not request.user.has_perm("actors.place_organisation", form.instance):
            form.add_error("seat", _("You may only add organisations where you hold a role."))
        else:
            data = {
                k: v
                for k, v in form.cleaned_data.items()
                if k not in ("topics", "languages", "target_groups")
            }
            try:
                organisation = organisation_create(
                    data=data,
                    topics=form.cleaned_data["topics"],
                    languages=form.cleaned_data["languages"],
                    target_groups=form.cleaned_data["target_groups"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The organisation was added."))
                return redirect(organisation)
    return render(request, "actors/organisation_form.html", {"form": form})


@login_required
def organisation_edit(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not request.user.has_perm("actors.change_organisation", organisation):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, instance=organisation)
    # is_valid() applies the new seat and parent: moving needs the right at the target.
    if (
        request.method == "POST"
        and form.is_valid()
        and {"seat", "parent"} & set(form.changed_data)
        and not request.user.has_perm("actors.place_organisation", form.instance)
    ):
        form.add_error("seat", _("You may only move the organisation where you hold a role."))
    if request.method == "POST" and form.is_valid():
        m2m = {k: form.cleaned_data[k] for k in ("topics", "languages", "target_groups")}
        data = {k: v for k, v in form.cleaned_data.items() if k not in m2m}
        try:
            organisation_update(
                organisation=organisation, data=data, m2m=m2m, expected=form.expected_version
            )
        except EditConflict as conflict:
            form.mark_conflict(conflict)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(organisation)
    return render(
        request,
        "actors/organisation_form.html",
        {"form": form, "organisation": organisation},
        status=form_status(form),
    )


@login_required
def organisation_import(request):
    if not request.user.has_perm("actors.import_organisation"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_organisations(
                upload.name,
                upload.read(),
                dry_run=form.cleaned_data["dry_run"],
                user=request.user,
            )
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            if result.ok and not result.dry_run:
                messages.success(
                    request, _("%(n)d organisations were imported.") % {"n": result.created}
                )
                return redirect("actors:organisation_list")
    return render(request, "actors/organisation_import.html", {"form": form, "result": result})
