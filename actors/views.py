from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.scopes import organisations_visible_to
from accounts.services import membership_grant_registrant, territory_coordinators
from bildungsnetz.access import object_for, require
from bildungsnetz.concurrency import form_status, save_or_conflict
from bildungsnetz.exports import choice, column, many, yes_no
from bildungsnetz.imports import ImportFileError, ImportForm
from bildungsnetz.listing import ListPage, filter_data
from bildungsnetz.pagecache import public_page
from bildungsnetz.ratelimits import mail_allowed

from . import selectors
from .forms import OrganisationFilterForm, OrganisationForm, RegistrationForm, RejectionForm
from .imports import import_mapped_organisations, import_organisations
from .mapping import (
    MappingForm,
    UploadForm,
    apply_mapping,
    columns_of,
    errors_in_file_terms,
    read_source,
    sign_rows,
    unsign_rows,
)
from .models import Organisation
from .registration import notify_coordinators, notify_registrant
from .selectors import SORTING
from .services import (
    organisation_create,
    organisation_duplicates,
    organisation_register,
    organisation_reject,
    organisation_update,
    organisation_verify,
)

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


@public_page
def organisation_list(request):
    user = request.user
    form = OrganisationFilterForm(filter_data(request))
    visible = organisations_visible_to(user)
    # The search words' matches, read once for the list, its count and the filter counts.
    found = selectors.directory_matches(visible, form.cleaned_data) if form.is_valid() else None

    def context():
        facets = selectors.organisation_facets(visible, form, found=found)
        return {
            "facets": facets.groups,
            "facets_capped": facets.capped,
            "facet_limit": selectors.FACET_LIMIT,
            "can_add": user.has_perm("actors.add_organisation"),
            "can_import": user.has_perm("actors.import_organisation"),
            "can_register": user.is_authenticated,
            "can_review": user.has_perm("actors.review_registrations"),
        }

    return DIRECTORY.response(
        request,
        form=form,
        select=lambda filters: selectors.organisation_list(user=user, filters=filters, found=found),
        context=context,
    )


@public_page
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


@login_required
def organisation_register_view(request):
    """Register an organisation: hidden until a coordinator of its seat verifies it; the
    registrant edits it. A likely duplicate is shown and must be confirmed as different."""
    form = RegistrationForm(request.POST or None)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        topics = data.pop("topics")
        confirmed_different = data.pop("not_a_duplicate")
        duplicates = list(
            organisation_duplicates(
                name=data["name_de"], seat_id=data["seat"].pk, website=data["website"]
            ).select_related("seat")[:5]
        )
        if duplicates and not confirmed_different:
            form.add_error(
                None,
                _(
                    "This organisation may already be in the directory (same name and place, "
                    "or same website). Check the entries below; if yours is a different one, "
                    "confirm it and send the form again."
                ),
            )
        elif not mail_allowed(request, address=request.user.email):
            form.add_error(None, _("Too many registrations in a short time. Please try later."))
        else:
            with transaction.atomic():
                organisation = organisation_register(user=request.user, data=data, topics=topics)
                membership_grant_registrant(user=request.user, organisation=organisation)
            notify_coordinators(
                organisation, [u.email for u in territory_coordinators(organisation.seat)]
            )
            messages.success(
                request,
                _(
                    "Thank you. The organisation is saved and will be listed once a "
                    "coordinator of its city has verified it."
                ),
            )
            return redirect(organisation)
    return render(
        request, "actors/organisation_register.html", {"form": form, "duplicates": duplicates}
    )


@login_required
def registration_queue(request):
    """The registrations waiting in the cities (and districts) the user coordinates."""
    require(request.user, "actors.review_registrations")
    pending = [
        organisation
        for organisation in Organisation.objects.pending_registrations()
        .select_related("seat", "registered_by")
        .order_by("registered_at")
        if request.user.has_perm("actors.verify_organisation", organisation)
    ]
    return render(
        request,
        "actors/registration_queue.html",
        {"pending": pending, "rejection_form": RejectionForm()},
    )


@login_required
@require_POST
def organisation_review(request, slug: str):
    """Verify (→ public) or reject (with a reason, mailed to the registrant)."""
    organisation = object_for(
        request.user,
        Organisation.objects.pending_registrations().select_related("registered_by"),
        "actors.verify_organisation",
        slug=slug,
    )
    if request.POST.get("action") == "verify":
        organisation_verify(organisation=organisation)
        notify_registrant(organisation)
        messages.success(request, _("“%(name)s” is verified and listed.") % {"name": organisation})
        return redirect("actors:registration_queue")
    form = RejectionForm(request.POST)
    if form.is_valid():
        organisation_reject(organisation=organisation, reason=form.cleaned_data["reason"])
        notify_registrant(organisation)
        messages.success(request, _("“%(name)s” was rejected.") % {"name": organisation})
    else:
        messages.error(request, _("Please give a reason for the rejection."))
    return redirect("actors:registration_queue")


MAPPED_KINDS = (".csv", ".xlsx", ".ttl")


@login_required
def organisation_import_upload(request):
    """Step 1 of the import with column mapping: the file (CSV, XLSX or Turtle)."""
    require(request.user, "actors.import_organisation")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if not upload.name.lower().endswith(MAPPED_KINDS):
            form.add_error("file", _("Please upload a CSV, XLSX or Turtle (.ttl) file."))
        elif upload.size > settings.TABLE_IMPORT_MAX_BYTES:
            form.add_error("file", _("The file is too large."))
        else:
            try:
                rows = read_source(upload.name, upload.read())
            except ImportFileError as exc:
                form.add_error("file", str(exc))
            else:
                columns = columns_of(rows)
                mapping = MappingForm(initial={"rows": sign_rows(rows)}, columns=columns)
                return _mapping_page(request, mapping, rows)
    return render(request, "actors/organisation_import_upload.html", {"form": form})


@login_required
@require_POST
def organisation_import_map(request):
    """Steps 2–4: map the columns, check (dry run: problems and duplicates per row), import."""
    require(request.user, "actors.import_organisation")
    try:
        rows = unsign_rows(request.POST.get("rows", ""))
    except ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect("actors:organisation_import_upload")
    form = MappingForm(request.POST, columns=columns_of(rows))
    result = None
    if form.is_valid():
        options = form.cleaned_data
        try:
            result = import_mapped_organisations(
                apply_mapping(rows, form.mapping()),
                dry_run=options["dry_run"],
                user=request.user,
                source=options["source"],
                licence=options["licence"],
                default_kind=options["default_kind"],
                default_seat=options["default_seat"],
                update_duplicates=options["update_duplicates"],
                valid_only=options["valid_only"],
            )
        except ImportFileError as exc:
            form.add_error(None, str(exc))
        else:
            result.errors = errors_in_file_terms(result.errors, form.mapping())
            result.notes = errors_in_file_terms(result.notes, form.mapping())
            if not result.dry_run and (result.ok or result.valid_only):
                messages.success(
                    request,
                    _("%(c)d organisations were imported, %(u)d updated, %(s)d skipped.")
                    % {"c": result.created, "u": result.updated, "s": result.skipped},
                )
                return redirect("actors:organisation_list")
    return _mapping_page(request, form, rows, result)


def _mapping_page(request, form, rows, result=None):
    return render(
        request,
        "actors/organisation_import_map.html",
        {"form": form, "preview": rows[:3], "row_count": len(rows), "result": result},
    )
