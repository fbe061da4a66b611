from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.scopes import organisations_visible_to
from bildungsnetz.access import object_for, require
from bildungsnetz.concurrency import form_status, save_or_conflict
from bildungsnetz.exports import choice, column, many, yes_no
from bildungsnetz.imports import ImportFileError, ImportForm
from bildungsnetz.listing import ListPage, filter_data

from . import selectors
from .forms import OrganisationFilterForm, OrganisationForm
from .imports import import_organisations
from .models import Organisation
from .selectors import SORTING
from .services import organisation_create, organisation_update

# Labels in the active language; kind, topics, languages and verified keep their codes beside.
DIRECTORY = ListPage(
    sorting=SORTING,
    template="actors/organisation_list.html",
    partial="actors/_organisation_results.html",
    export_name=gettext_lazy("organisations"),
    export_columns=[
        column("name"),
        choice("kind"),
        column("seat", "seat.name"),
        column("seat_key", "seat.key"),
        column("street"),
        column("postcode"),
        column("locality"),
        column("website"),
        column("email"),
        column("phone"),
        many("topics"),
        many("languages", code="code"),
        column("description"),
        yes_no("verified"),
        column("source"),
        column("licence"),
    ],  # fmt: skip
)


def organisation_list(request):
    user = request.user
    form = OrganisationFilterForm(filter_data(request))
    return DIRECTORY.response(
        request,
        form=form,
        select=lambda filters: selectors.organisation_list(user=user, filters=filters),
        context=lambda: {
            "facets": selectors.organisation_facets(organisations_visible_to(user), form),
            "can_add": user.has_perm("actors.add_organisation"),
            "can_import": user.has_perm("actors.import_organisation"),
        },
    )


def organisation_detail(request, slug: str):
    organisation = object_for(
        request.user, Organisation.objects.select_related("seat", "parent"), slug=slug
    )
    return render(
        request,
        "actors/organisation_detail.html",
        {
            "organisation": organisation,
            "people": selectors.organisation_people(organisation, request.user),
            "units": organisation.units.filter(is_public=True),
            "can_edit": request.user.has_perm("actors.change_organisation", organisation),
            "related_sections": _related_sections(organisation),
        },
    )


def _related_sections(organisation):
    """Sections contributed by later apps (partnerships, offers) through a hook."""
    sections = []
    for config in apps.get_app_configs():
        hook = getattr(config, "organisation_sections", None)
        if hook:
            sections.extend(hook(organisation))
    return sections


@login_required
def organisation_create_view(request):
    require(request.user, "actors.add_organisation")
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
    organisation = object_for(request.user, Organisation, "actors.change_organisation", slug=slug)
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
        saved = save_or_conflict(
            form,
            lambda: organisation_update(
                organisation=organisation, data=data, m2m=m2m, expected=form.expected_version
            ),
        )
        if saved is not None:
            messages.success(request, _("Your changes were saved."))
            return redirect(saved)
    return render(
        request,
        "actors/organisation_form.html",
        {"form": form, "organisation": organisation},
        status=form_status(form),
    )


@login_required
def organisation_import(request):
    require(request.user, "actors.import_organisation")
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        help_text=_("Columns: name, kind, seat (official key or city name), street, postcode, …"),
    )
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
