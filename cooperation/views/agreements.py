from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bildungsnetz.access import object_for, require
from bildungsnetz.concurrency import EditConflict, form_status
from bildungsnetz.exports import Column, choice, column, many
from bildungsnetz.listing import ListPage, filter_data

from .. import selectors
from ..diff import diff_stats, text_diff
from ..forms import AgreementFilterForm, AgreementForm, AgreementTransitionForm
from ..forms_agreements import SignatoryFormSet
from ..models import Agreement, Partnership
from ..services import agreement_transition
from ..services_council import council_notice
from ..services_signatories import SignatoriesConflict, agreement_save, signatories_conflict

AGREEMENTS = ListPage(
    sorting=selectors.AGREEMENT_SORTING,
    template="cooperation/agreement_list.html",
    partial="cooperation/_agreement_results.html",
    export_name=gettext_lazy("agreements"),
    export_columns=[
        column("title"),
        choice("kind"),
        choice("status"),
        column("partnership", "partnership.name"),
        column("signed_place", "signed_place.name"),
        column("signed_on"),
        column("valid_from"),
        column("valid_until"),
        column("goals", "goal_count"),
        many("topics"),
        Column("url", lambda a: a.get_absolute_url()),
    ],  # fmt: skip
)


def agreement_list(request):
    expiring = selectors.agreements_expiring_for(request.user)
    return AGREEMENTS.response(
        request,
        form=AgreementFilterForm(filter_data(request)),
        select=lambda filters: selectors.agreement_list(
            user=request.user, filters=filters
        ).prefetch_related("topics"),
        context={
            "can_add": request.user.has_perm("cooperation.add_agreement"),
            "expiring": expiring,
        },
    )


def _agreement_or_404(request, slug):
    return object_for(
        request.user, Agreement.objects.select_related("partnership", "signed_place"), slug=slug
    )


def agreement_detail(request, slug: str):
    agreement = _agreement_or_404(request, slug)
    user = request.user
    goals = selectors.agreement_goals(agreement, user=user)
    can_transition = user.has_perm("cooperation.transition_agreement", agreement)
    council = selectors.agreement_council_decision(agreement)
    transition_form = None
    if can_transition and agreement.next_statuses():
        transition_form = AgreementTransitionForm()
        transition_form.fields["to_state"].choices = agreement.next_statuses()
    return render(
        request,
        "cooperation/agreement_detail.html",
        {
            "agreement": agreement,
            "goals": goals,
            "signatories": _signatories(agreement, user),
            "transitions": agreement.transitions.select_related("user"),
            "versions": agreement.versions.order_by("-number"),
            "can_edit": user.has_perm("cooperation.change_agreement", agreement),
            "can_add_goal": user.has_perm("cooperation.change_agreement", agreement),
            "transition_form": transition_form,
            "warn_expiry": agreement.expires_soon()
            and user.has_perm("cooperation.change_agreement", agreement),
            "council": council,
            "council_notice": council_notice(council) if council and council.result else "",
            "council_step": council.open_proposal if council and can_transition else "",
        },
    )


def _signatories(agreement, user) -> list:
    rows = list(agreement.signatories.select_related("person", "organisation", "signed_place"))
    for row in rows:
        row.shown = row.shown_name(user)
    return rows


@login_required
@require_POST
def agreement_transition_view(request, slug: str):
    agreement = _agreement_or_404(request, slug)
    require(request.user, "cooperation.transition_agreement", agreement)
    form = AgreementTransitionForm(request.POST)
    if form.is_valid():
        try:
            agreement_transition(
                agreement=agreement,
                to_state=form.cleaned_data["to_state"],
                user=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The status was changed."))
    else:
        messages.error(request, _("Choose a valid new status."))
    return redirect(agreement)


def _agreement_form_page(request, form, formset, agreement=None):
    status = form_status(form)
    if formset.conflict is not None:
        status = 409
    return render(
        request,
        "cooperation/agreement_form.html",
        {"form": form, "formset": formset, "agreement": agreement},
        status=status,
    )


def _save_agreement(request, form, formset, **kwargs):
    """The agreement and its signatories in one transaction; conflicts and refusals go onto
    the forms, which keep what was typed. Returns the agreement, or None."""
    try:
        return agreement_save(
            signatories=formset.rows(),
            signatories_expected=formset.version,
            user=request.user,
            **kwargs,
        )
    except EditConflict as conflict:
        form.mark_conflict(conflict)
        # Both may have changed: show the signatories stored now as well, so one more save
        # is a decision taken with everything in view.
        if formset.edited and formset.version and kwargs.get("agreement") is not None:
            stored = signatories_conflict(kwargs["agreement"], formset.version)
            if stored is not None:
                formset.mark_conflict(stored)
    except SignatoriesConflict as conflict:
        formset.mark_conflict(conflict)
    except ValidationError as exc:
        form.add_error(None, exc)
    return None


@login_required
def agreement_create_view(request):
    require(request.user, "cooperation.add_agreement")
    partnerships = Partnership.objects.editable_by(request.user)
    initial = {}
    if request.GET.get("partnership"):
        initial["partnership"] = partnerships.filter(slug=request.GET["partnership"]).first()
    agreement = Agreement()
    form = AgreementForm(
        request.POST or None,
        request.FILES or None,
        partnerships=partnerships,
        initial=initial,
        instance=agreement,
    )
    if request.method == "POST" and form.is_valid():
        agreement.partnership = form.cleaned_data["partnership"]
    elif initial.get("partnership"):
        agreement.partnership = initial["partnership"]
    formset = SignatoryFormSet(
        request.POST or None, agreement=agreement, partnerships=partnerships, user=request.user
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("topics", "partnership")}
        if not data.get("document"):
            data.pop("document", None)
        saved = _save_agreement(
            request,
            form,
            formset,
            agreement=None,
            partnership=form.cleaned_data["partnership"],
            data=data,
            topics=form.cleaned_data["topics"],
        )
        if saved is not None:
            messages.success(request, _("The agreement was added as a draft."))
            return redirect(saved)
    return _agreement_form_page(request, form, formset)


@login_required
def agreement_edit(request, slug: str):
    agreement = _agreement_or_404(request, slug)
    require(request.user, "cooperation.change_agreement", agreement)
    form = AgreementForm(request.POST or None, request.FILES or None, instance=agreement)
    formset = SignatoryFormSet(request.POST or None, agreement=agreement, user=request.user)
    # The agreement form first: the signatories' dates are checked against its new dates.
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        # The document is already on the instance (the form handles upload and clearing).
        skip = ("topics", "partnership", "version_note", "document")
        data = {k: v for k, v in form.cleaned_data.items() if k not in skip}
        # The form already wrote its values onto the instance; the service needs the old text.
        agreement.text = Agreement.objects.values_list("text", flat=True).get(pk=agreement.pk)
        saved = _save_agreement(
            request,
            form,
            formset,
            agreement=agreement,
            data=data,
            topics=form.cleaned_data["topics"],
            note=form.cleaned_data.get("version_note", ""),
            expected=form.expected_version,
        )
        if saved is not None:
            messages.success(request, _("Your changes were saved."))
            return redirect(saved)
    return _agreement_form_page(request, form, formset, agreement)


def agreement_version(request, slug: str, number: int):
    agreement = _agreement_or_404(request, slug)
    version = get_object_or_404(agreement.versions, number=number)
    previous = agreement.versions.filter(number__lt=number).order_by("-number").first()
    segments = text_diff(previous.text if previous else "", version.text)
    return render(
        request,
        "cooperation/agreement_version.html",
        {
            "agreement": agreement,
            "version": version,
            "previous": previous,
            "segments": segments,
            "stats": diff_stats(segments),
        },
    )
