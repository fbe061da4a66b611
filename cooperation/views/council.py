"""The coordinator's answer to a council decision: take the proposed step, or dismiss it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bildungsnetz.access import object_for

from ..models import Agreement
from ..services_council import agreement_council_dismiss, agreement_council_step


@login_required
@require_POST
def agreement_council_step_view(request, slug: str):
    agreement = object_for(
        request.user, Agreement.objects.all(), "cooperation.transition_agreement", slug=slug
    )
    dismiss = request.POST.get("action") == "dismiss"
    try:
        if dismiss:
            agreement_council_dismiss(agreement=agreement, user=request.user)
        else:
            agreement_council_step(agreement=agreement, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The proposal was dismissed.") if dismiss else _("The status was changed."),
        )
    return redirect(agreement)
