from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import RoleLevel
from accounts.scopes import organisations_with_role, scopes_for
from bildungsnetz.access import object_for, require
from bildungsnetz.exports import Column, choice, column
from bildungsnetz.listing import ListPage, filter_data

from .. import selectors
from ..forms import (
    PlacementApplicationForm,
    PlacementDecisionForm,
    PlacementFilterForm,
    PlacementSelfApplicationForm,
    PlacementStepForm,
    ProgrammeFilterForm,
)
from ..models import ExchangeProgramme, Placement, PlacementState
from ..models.exchanges import PlacementDecision, PlacementSide, is_step_back
from ..rules import may_take_step, placement_steps
from ..selectors import home_administrations_for
from ..services import placement_apply, placement_decide, placement_refusal, placement_transition

PROGRAMMES = ListPage(
    sorting=selectors.PROGRAMME_SORTING,
    template="cooperation/programme_list.html",
    partial="cooperation/_programme_results.html",
    export_name=gettext_lazy("exchange programmes"),
    export_columns=[
        column("name"),
        column("acronym"),
        column("start_year"),
        column("end_year"),
        column("funder"),
        column("recognition"),
        column("coordinator", "coordinator.name"),
        Column("cities", lambda p: [c.name for c in p.cities.all()]),
        column("continues", "predecessor.name"),
        Column("url", lambda p: p.get_absolute_url()),
    ],  # fmt: skip
)
PLACEMENTS = ListPage(
    sorting=selectors.PLACEMENT_SORTING,
    template="cooperation/placement_list.html",
    partial="cooperation/_placement_results.html",
    export_name=gettext_lazy("placements"),
    export_columns=[
        column("programme", "programme.name"),
        choice("state"),
        column("participant", "person.full_name"),
        column("home_administration", "home_organisation.name"),
        column("home_unit"),
        column("wished_city", "wished_city.name"),
        column("wished_field"),
        column("host_administration", "host_organisation.name"),
        column("host_unit"),
        column("start"),
        column("end"),
    ],  # fmt: skip
)


def programme_list(request):
    return PROGRAMMES.response(
        request,
        form=ProgrammeFilterForm(filter_data(request)),
        select=lambda filters: selectors.programme_list(user=request.user, filters=filters),
        context={"can_see_placements": scopes_for(request.user).is_member},
    )


def programme_detail(request, slug: str):
    programme = object_for(
        request.user,
        ExchangeProgramme.objects.select_related("coordinator", "predecessor"),
        slug=slug,
    )
    placements = selectors.programme_placements(programme, user=request.user)
    return render(
        request,
        "cooperation/programme_detail.html",
        {
            "programme": programme,
            "cities": programme.cities.all(),
            "organisations": programme.organisations.all(),
            "successors": programme.successors.filter(is_public=True),
            "calls": programme.calls.all(),
            "study_visits": programme.study_visits.filter(is_public=True),
            "placements": placements,
            "placement_count": programme.placements.count(),
            "can_apply": request.user.has_perm("cooperation.add_placement"),
            "can_apply_self": request.user.has_perm(
                "cooperation.apply_for_exchangeprogramme", programme
            ),
        },
    )


@login_required
def placement_apply_self(request, slug: str):
    """An employee of a participating administration applies for a placement themselves."""
    programme = object_for(
        request.user, ExchangeProgramme, "cooperation.apply_for_exchangeprogramme", slug=slug
    )
    form = PlacementSelfApplicationForm(
        request.POST or None,
        programme=programme,
        organisations=home_administrations_for(request.user, programme),
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items()
                if k not in ("given_name", "family_name")}  # fmt: skip
        try:
            placement = placement_apply(
                programme=programme,
                data=data,
                person_data=form.person_data(),
                user=request.user,
                applicant=request.user,
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(
                request,
                _(
                    "Your application was submitted. The coordinators of the sending and the "
                    "host side decide on it."
                ),
            )
            return redirect(placement)
    return render(
        request,
        "cooperation/placement_form.html",
        {"form": form, "programme": programme, "self_application": True},
        status=400 if form.is_bound else 200,
    )


def _organisations_for(user):
    """Home administrations the user may file an application for (coordinator there)."""
    return organisations_with_role(user, RoleLevel.COORDINATOR)


@login_required
def placement_create(request, slug: str):
    programme = object_for(request.user, ExchangeProgramme, slug=slug)
    require(request.user, "cooperation.add_placement")
    form = PlacementApplicationForm(
        request.POST or None,
        programme=programme,
        organisations=_organisations_for(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items()
                if k not in ("given_name", "family_name", "email")}  # fmt: skip
        try:
            placement = placement_apply(
                programme=programme,
                data=data,
                person_data=form.person_data(),
                user=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The application was recorded."))
            return redirect(placement)
    return render(
        request, "cooperation/placement_form.html", {"form": form, "programme": programme}
    )


@login_required
def placement_list(request):
    return PLACEMENTS.response(
        request,
        form=PlacementFilterForm(filter_data(request)),
        select=lambda filters: selectors.placement_list(user=request.user, filters=filters),
    )


def _placement_or_404(request, pk):
    return object_for(
        request.user,
        Placement.objects.select_related(
            "programme",
            "person",
            "home_organisation__seat",
            "wished_city",
            "host_organisation__seat",
            "call",
        ),  # fmt: skip
        pk=pk,
    )


def _decisions(user, placement, decision_form=None) -> list[dict]:
    """Each side of an application: its decision so far, and a form for a side the user
    coordinates that has not decided yet."""
    recorded = placement.decisions()
    own = placement.person.user_id is not None and placement.person.user_id == user.pk
    sides = []
    for side in PlacementSide:
        record = recorded.get(side.value)
        form = None
        if (
            record is None
            and not own
            and placement.state == PlacementState.APPLIED
            and user.has_perm(f"cooperation.decide_{side.value}_side_placement", placement)
        ):
            if decision_form is not None and decision_form.side == side.value:
                form = decision_form
            else:
                form = PlacementDecisionForm(side=side.value)
        sides.append({"side": side.value, "label": side.label, "record": record, "form": form})
    return sides


# Steps that end a placement say what they do; "Weiter: Zurückgezogen" reads like progress.
STEP_ACTIONS = {
    PlacementState.WITHDRAWN: gettext_lazy("Withdraw the application"),
    PlacementState.CANCELLED: gettext_lazy("Cancel the placement"),
}


def _step_label(placement, state) -> str:
    if state in STEP_ACTIONS:
        return str(STEP_ACTIONS[state])
    label = PlacementState(state).label
    if is_step_back(placement.state, state):
        return _("Back to: %(label)s") % {"label": label}
    return _("Move on: %(label)s") % {"label": label}


@login_required
def placement_detail(request, pk: int, step_form=None, decision_form=None):
    placement = _placement_or_404(request, pk)
    steps = []
    for state in placement_steps(request.user, placement):
        if step_form is not None and step_form.to_state == state:
            form = step_form
        else:
            form = PlacementStepForm(instance=placement, to_state=state)
        steps.append(
            {
                "state": state,
                "label": PlacementState(state).label,
                "button": _step_label(placement, state),
                "back": is_step_back(placement.state, state),
                "form": form,
            }
        )
    return render(
        request,
        "cooperation/placement_detail.html",
        {
            "placement": placement,
            "steps": steps,
            "sides": _decisions(request.user, placement, decision_form),
            "transitions": placement.transitions.select_related("user"),
            "states": PlacementState,
        },
        status=400 if step_form is not None or decision_form is not None else 200,
    )


@login_required
@require_POST
def placement_decide_view(request, pk: int):
    """A coordinator's decision for their side on an application."""
    placement = _placement_or_404(request, pk)
    side = request.POST.get("side", "")
    if side not in PlacementSide.values:
        raise Http404
    require(request.user, f"cooperation.decide_{side}_side_placement", placement)
    form = PlacementDecisionForm(request.POST, side=side)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == PlacementDecision.APPROVE
        try:
            record = placement_decide(
                placement=placement,
                side=side,
                approve=approve,
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.error(request, " ".join(exc.messages))
                return redirect(placement)
        else:
            labels = {"side": PlacementSide(side).label}
            if record.to_state == PlacementState.APPROVED:
                text = _("Recorded for the %(side)s. Both sides have approved the application.")
            elif record.to_state == PlacementState.REJECTED:
                text = _("Recorded for the %(side)s. The application is rejected.")
            else:
                text = _("Recorded for the %(side)s. The other side has yet to decide.")
            messages.success(request, text % labels)
            return redirect(placement)
    return placement_detail(request, pk, decision_form=form)


@login_required
@require_POST
def placement_transition_view(request, pk: int):
    placement = _placement_or_404(request, pk)
    to_state = request.POST.get("to_state", "")
    if to_state not in PlacementState.values:
        raise Http404
    require(request.user, "cooperation.transition_placement", placement)
    if not may_take_step(request.user, placement, to_state):
        raise PermissionDenied  # a step this user may not take on this placement (rules.py)
    refusal = placement_refusal(placement, to_state)
    if refusal:
        messages.error(request, refusal)
        return redirect(placement)
    form = PlacementStepForm(request.POST, instance=placement, to_state=to_state)
    if form.is_valid():
        try:
            placement_transition(
                placement=placement,
                to_state=to_state,
                user=request.user,
                note=form.cleaned_data["note"],
                changes=form.changes(),
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
                messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("The placement is now: %(state)s.") % {"state": PlacementState(to_state).label},
            )
            return redirect(placement)
    return placement_detail(request, pk, step_form=form)
