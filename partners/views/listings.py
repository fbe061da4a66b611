"""The landing page, the offers and needs (list, page, editing) and the suggestions for an
organisation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import RoleLevel
from accounts.scopes import organisations_with_role
from actors.models import Organisation
from bildungsnetz.access import object_for, require
from bildungsnetz.concurrency import form_status, save_or_conflict
from bildungsnetz.exports import Column, choice, column, many
from bildungsnetz.listing import ListPage, filter_data, paginate_ranked

from .. import selectors
from ..forms import ListingFilterForm, ListingForm, OrganisationChoiceForm
from ..jsonld import listing_jsonld
from ..models import Direction, ListingFormat, PartnerListing
from ..reasons import reason_texts
from ..services import listing_delete as delete_listing
from ..services import listing_save

LISTINGS = ListPage(
    sorting=selectors.LISTING_SORTING,
    template="partners/listing_list.html",
    partial="partners/_listing_results.html",
    export_name=gettext_lazy("partner listings"),
    export_columns=[
        column("id", "pk"),
        choice("direction"),
        choice("format"),
        column("title"),
        column("organisation", "organisation.name"),
        column("organisation_slug", "organisation.slug"),
        column("seat", "organisation.seat.key"),
        many("topics"),
        many("target_groups"),
        many("languages", code="code"),
        many("cities", code="key"),
        column("valid_until"),
        Column("url", lambda obj: obj.get_absolute_url()),
    ],
)


def _member_organisations(user):
    if not user.is_authenticated:
        return Organisation.objects.none()
    return organisations_with_role(user, RoleLevel.VIEWER).order_by("name")


def home(request):
    user = request.user
    organisations = _member_organisations(user)
    return render(
        request,
        "partners/home.html",
        {
            "choice_form": OrganisationChoiceForm(organisations=organisations[:200]),
            "has_organisations": organisations.exists(),
            "counts": {
                "offers": PartnerListing.objects.public().filter(direction=Direction.OFFER).count(),
                "seeks": PartnerListing.objects.public().filter(direction=Direction.SEEK).count(),
                "model_partnerships": selectors.public_model_projects().count(),
            },
            "formats": ListingFormat.choices,
            "addressed": selectors.requests_for_person(user),
        },
    )


@login_required
def my_organisations(request):
    """ "Find partners for my organisation": the chosen organisation's suggestions."""
    form = OrganisationChoiceForm(
        request.GET or None, organisations=_member_organisations(request.user)
    )
    if form.is_valid():
        return redirect("partners:suggestions", slug=form.cleaned_data["organisation"].slug)
    return render(request, "partners/my_organisations.html", {"choice_form": form})


def listing_list(request):
    user = request.user
    form = ListingFilterForm(filter_data(request))
    return LISTINGS.response(
        request,
        form=form,
        select=lambda filters: selectors.listing_list(user=user, filters=filters),
    )


def _listing(request, pk, perm=None):
    return object_for(
        request.user,
        PartnerListing.objects.select_related("organisation__seat").prefetch_related(
            "topics", "target_groups", "languages", "cities"
        ),
        perm,
        pk=pk,
    )


def listing_detail(request, pk: int):
    listing = _listing(request, pk)
    user = request.user
    senders = organisations_with_role(user, RoleLevel.EDITOR) if user.is_authenticated else None
    return render(
        request,
        "partners/listing_detail.html",
        {
            "listing": listing,
            "jsonld": listing_jsonld(listing) if listing.is_current else "",
            "can_edit": user.has_perm("partners.change_partnerlisting", listing),
            "can_ask": bool(
                senders is not None
                and listing.is_current
                and senders.exclude(pk=listing.organisation_id).exists()
            ),
        },
    )


@login_required
def listing_edit(request, pk: int | None = None, slug: str | None = None):
    if pk is None:
        organisation = object_for(
            request.user, Organisation.objects.select_related("seat"), slug=slug
        )
        require(request.user, "partners.add_partnerlisting", organisation)
        listing = PartnerListing(organisation=organisation)
    else:
        listing = _listing(request, pk, "partners.change_partnerlisting")
        organisation = listing.organisation
    form = ListingForm(request.POST or None, instance=listing)
    if request.method == "POST" and form.is_valid():
        data, relations = form.data_and_relations()
        saved = save_or_conflict(
            form,
            lambda: listing_save(
                listing=listing, data=data, expected=form.expected_version, **relations
            ),
        )
        if saved is not None:
            messages.success(request, _("The listing was saved."))
            return redirect(saved)
    return render(
        request,
        "partners/listing_form.html",
        {"form": form, "listing": listing if listing.pk else None, "organisation": organisation},
        status=form_status(form),
    )


@login_required
def listing_delete(request, pk: int):
    listing = _listing(request, pk, "partners.delete_partnerlisting")
    if request.method == "POST":
        organisation = listing.organisation
        delete_listing(listing=listing)
        messages.success(request, _("The listing was deleted."))
        return redirect(organisation)
    return render(request, "partners/listing_confirm_delete.html", {"listing": listing})


@login_required
def suggestions(request, slug: str):
    organisation = object_for(
        request.user,
        Organisation.objects.select_related("seat"),
        "partners.view_suggestions",
        slug=slug,
    )
    start = selectors.seeker(organisation)
    found, city = selectors.suggestions_for(organisation, start=start)
    listing = paginate_ranked(request, found, per_page=20)
    page = list(listing.page_obj.object_list)
    listings = selectors.suggestion_listings(page)
    names = selectors.taxonomy_names()
    city_name = city.name if city else organisation.seat.name
    rows = [
        {
            "suggestion": s,
            "listing": listings[s.listing_id],
            "reasons": reason_texts(s, names=names, city_name=city_name),
        }
        for s in page
        if s.listing_id in listings
    ]
    directory = selectors.directory_suggestions_for(organisation, start=start)
    directory_orgs = selectors.directory_organisations(directory)
    directory_rows = [
        {
            "organisation": directory_orgs[s.organisation_id],
            "reasons": reason_texts(s, names=names, city_name=city_name),
        }
        for s in directory
        if s.organisation_id in directory_orgs
    ]
    can_ask = request.user.has_perm("partners.send_contactrequest", organisation)
    return render(
        request,
        "partners/suggestions.html",
        {
            "organisation": organisation,
            "city": city,
            "rows": rows,
            "directory_rows": directory_rows,
            "page_obj": listing.page_obj,
            "query_string_without_page": listing.query_string_without_page,
            "own_listings": selectors.organisation_listings(organisation, user=request.user),
            "can_ask": can_ask,
            "can_add": request.user.has_perm("partners.add_partnerlisting", organisation),
            "asked": selectors.open_request_listing_ids(organisation) if can_ask else set(),
        },
    )
