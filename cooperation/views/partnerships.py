from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bildungsnetz.access import object_for, require
from bildungsnetz.concurrency import form_status, save_or_conflict
from bildungsnetz.exports import Column, choice, column, many
from bildungsnetz.listing import ListPage, filter_data

from .. import selectors
from ..forms import PartnershipFilterForm, PartnershipForm
from ..models import Partnership, PartnershipParty
from ..sections import partnership_sections
from ..services import partnership_create, partnership_update

PARTNERSHIPS = ListPage(
    sorting=selectors.PARTNERSHIP_SORTING,
    template="cooperation/partnership_list.html",
    partial="cooperation/_partnership_results.html",
    export_name=gettext_lazy("partnerships"),
    export_columns=[
        column("name"),
        choice("kind"),
        choice("status"),
        Column("parties", lambda p: [str(x) for x in p.parties.all()]),
        Column(
            "party_keys",
            lambda p: [
                x.territory.key if x.territory_id else x.organisation.slug for x in p.parties.all()
            ],
        ),
        column("since"),
        column("until"),
        many("topics"),
        column("description"),
        Column("url", lambda p: p.get_absolute_url()),
    ],  # fmt: skip
)


def partnership_list(request):
    return PARTNERSHIPS.response(
        request,
        form=PartnershipFilterForm(filter_data(request)),
        select=lambda filters: selectors.partnership_list(user=request.user, filters=filters),
        context={"can_add": request.user.has_perm("cooperation.add_partnership")},
    )


def partnership_detail(request, slug: str):
    partnership = object_for(
        request.user,
        Partnership.objects.prefetch_related(
            Prefetch(
                "parties",
                queryset=PartnershipParty.objects.select_related("territory", "organisation__seat"),
            ),
            "topics",
        ),
        slug=slug,
    )
    user = request.user
    return render(
        request,
        "cooperation/partnership_detail.html",
        {
            "partnership": partnership,
            "agreements": selectors.partnership_agreements(partnership, user=user),
            "projects": selectors.partnership_projects(partnership, user=user),
            "study_visits": partnership.study_visits.filter(is_public=True).select_related(
                "origin", "destination"
            ),
            "related_sections": partnership_sections(partnership),
            "can_edit": user.has_perm("cooperation.change_partnership", partnership),
        },
    )


@login_required
def partnership_create_view(request):
    require(request.user, "cooperation.add_partnership")
    form = PartnershipForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {
            k: v
            for k, v in form.cleaned_data.items()
            if k not in ("topics", "cities", "organisations")
        }
        try:
            partnership = partnership_create(
                data=data, parties=form.parties(), topics=form.cleaned_data["topics"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The partnership was added."))
            return redirect(partnership)
    return render(request, "cooperation/partnership_form.html", {"form": form})


@login_required
def partnership_edit(request, slug: str):
    partnership = object_for(request.user, Partnership, "cooperation.change_partnership", slug=slug)
    form = PartnershipForm(request.POST or None, instance=partnership, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {
            k: v
            for k, v in form.cleaned_data.items()
            if k not in ("topics", "cities", "organisations")
        }
        saved = save_or_conflict(
            form,
            lambda: partnership_update(
                partnership=partnership,
                data=data,
                parties=form.parties(),
                topics=form.cleaned_data["topics"],
                expected=form.expected_version,
            ),
        )
        if saved is not None:
            messages.success(request, _("Your changes were saved."))
            return redirect(saved)
    return render(
        request,
        "cooperation/partnership_form.html",
        {"form": form, "partnership": partnership},
        status=form_status(form),
    )
