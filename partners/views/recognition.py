"""Public recognition of engagement (Wolgograd workshop: "die öffentliche Anerkennung und
Würdigung des Engagements"): the model partnerships, a page per project and per partnership
naming who is engaged (people by name only with their consent), and the yearly overview per
city with its CSV."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bildungsnetz.access import object_for, require
from bildungsnetz.exports import csv_response
from bildungsnetz.listing import FilterError, filter_data, paginate_ranked, valid_filters
from cooperation.models import Partnership, Project, ProjectParticipant

from .. import selectors
from ..forms import OverviewFilterForm
from ..jsonld import project_jsonld
from ..services import consent_give, consent_withdraw


def recognition(request):
    listing = paginate_ranked(request, list(selectors.public_model_projects()), per_page=20)
    return render(
        request,
        "partners/recognition.html",
        {
            "items": selectors.model_projects_recognition(listing.page_obj.object_list),
            "page_obj": listing.page_obj,
            "query_string_without_page": listing.query_string_without_page,
        },
    )


def _consent_rows(user, item) -> None:
    """Mark the participants whose consent the user may give or withdraw."""
    for row in item["engaged"]:
        participant = row["participant"]
        row["can_consent"] = participant.contact_id is not None and user.has_perm(
            "partners.record_consent", participant
        )


def project_recognition(request, slug: str):
    project = object_for(
        request.user, Project.objects.public().select_related("partnership"), slug=slug
    )
    (item,) = selectors.model_projects_recognition([project])
    _consent_rows(request.user, item)
    return render(
        request,
        "partners/project_recognition.html",
        {"item": item, "project": project, "jsonld": project_jsonld(item)},
    )


def partnership_recognition(request, slug: str):
    partnership = object_for(request.user, Partnership.objects.public(), slug=slug)
    items = selectors.partnership_recognition(partnership)
    return render(
        request,
        "partners/partnership_recognition.html",
        {"partnership": partnership, "items": items},
    )


@login_required
@require_POST
def consent(request, slug: str, participant_pk: int):
    project = object_for(request.user, Project.objects.public(), slug=slug)
    participant = get_object_or_404(
        ProjectParticipant.objects.select_related("contact", "organisation__seat", "project"),
        pk=participant_pk,
        project=project,
    )
    require(request.user, "partners.record_consent", participant)
    if request.POST.get("consent") == "yes":
        consent_give(participant=participant, user=request.user)
        messages.success(request, _("The name is now shown on the recognition page."))
    else:
        consent_withdraw(participant=participant)
        messages.success(request, _("The name is no longer shown on the recognition page."))
    return redirect("partners:project_recognition", slug=project.slug)


def overview(request):
    form = OverviewFilterForm(filter_data(request))
    try:
        filters = valid_filters(form)
        rows = selectors.engagement_by_city_and_year(city=filters.get("city"))
    except FilterError:
        rows = []
    if request.GET.get("format") == "csv":
        return csv_response(
            "engagement",
            ["year", "city", "city_key", "model_partnerships", "organisations", "people"],
            (
                [r["year"], r["city"].name, r["city"].key, r["model_partnerships"],
                 r["organisations"], r["people"]]
                for r in rows
            ),
        )  # fmt: skip
    return render(
        request,
        "partners/overview.html",
        {"form": form, "rows": rows, "csv_query": _csv_query(request)},
    )


def _csv_query(request) -> str:
    params = request.GET.copy()
    params["format"] = "csv"
    return params.urlencode()
