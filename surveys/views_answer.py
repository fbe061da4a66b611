"""The respondent's pages (no account): start, one page per section, save and resume, done.

Thin: selectors_answering reads, services_answering writes. Access is by the secret in the URL
(the wave's open key, an invitation token, a resume key), not by a user's permissions, so these
views do not use `bildungsnetz.access`: a wrong secret is a 404, a wave in preparation is a 404,
a closed wave a 410, a wave not yet open a 404 that says when it opens.
"""

from __future__ import annotations

import json
import math

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import selectors_answering as selectors
from . import services_answering as services
from .forms_answer import PageForm, ResumeForm, StartForm
from .models import QuestionKind, ResponseStatus

BACK, SAVE, NEXT, SUBMIT = "back", "save", "next", "submit"

#: Seconds a respondent needs per question or matrix row (for the estimate on the start page).
SECONDS_PER_ITEM = 15


def _unavailable(request, wave):
    """A page instead of the questionnaire when the wave does not take answers (or None)."""
    state = selectors.wave_availability(wave)
    if state == selectors.AVAILABLE:
        return None
    if state == selectors.UNKNOWN:
        raise Http404
    status = 410 if state == selectors.CLOSED else 404
    return render(
        request, "surveys/answer_unavailable.html", {"wave": wave, "state": state}, status=status
    )


def _minutes(pages) -> int:
    count = 0
    for page in pages:
        for question in page.questions:
            rows = len(selectors.items(question)) if question.kind == QuestionKind.MATRIX else 1
            count += max(rows, 1)
    return max(1, math.ceil(count * SECONDS_PER_ITEM / 60))


def _start(request, wave, *, invitation=None, token=""):
    unavailable = _unavailable(request, wave)
    if unavailable is not None:
        return unavailable
    existing = selectors.response_for_invitation(invitation) if invitation else None
    if existing is not None and existing.status == ResponseStatus.COMPLETE:
        return render(request, "surveys/answer_done.html", {"wave": wave, "already": True})
    data = request.POST if request.method == "POST" else None
    form = StartForm(data, wave=wave, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        response, key = services.response_start(
            wave=wave,
            language=get_language() or "de",
            panel_consent=form.cleaned_data.get("panel_consent", False),
            invitation=invitation,
            token=token,
        )
        return redirect("surveys:answer_page", key, response.page or 1)
    pages = selectors.questionnaire(wave.version)
    return render(
        request,
        "surveys/answer_start.html",
        {
            "wave": wave,
            "form": form,
            "pages": len(pages),
            "minutes": _minutes(pages),
            "resuming": existing is not None,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def answer_start(request, open_key):
    return _start(request, selectors.wave_for_open_key(open_key))


@never_cache
@require_http_methods(["GET", "POST"])
def answer_invitation(request, token):
    invitation = selectors.invitation_for_token(token)
    return _start(request, invitation.wave, invitation=invitation, token=token)


def _entries(form):
    """The form's questions with their bound fields and what answer.js needs."""
    result = []
    for entry in form.entries:
        condition = entry.condition if entry.on_page else None
        result.append(
            {
                "entry": entry,
                "question": entry.question,
                "fields": [form[name] for name in entry.names],
                "rows": [(item, form[name]) for item, name in entry.rows],
                "condition": condition,
                "condition_values": json.dumps(list(condition.values)) if condition else "",
            }
        )
    return result


def _error_links(form) -> list[dict]:
    links = []
    for entry in form.entries:
        for name in entry.names:
            bound = form[name]
            for error in bound.errors:
                radio_like = bound.widget_type in ("radioselect", "checkboxselectmultiple")
                anchor = f"{bound.auto_id}_0" if radio_like else bound.auto_id
                label = bound.label
                if entry.rows:
                    label = f"{entry.question.text} – {bound.label}"
                links.append({"anchor": anchor, "label": label, "error": error})
    return links


@never_cache
@require_http_methods(["GET", "POST"])
def answer_page(request, resume_key, page_number):
    response = selectors.response_for_key(resume_key)
    if response.status == ResponseStatus.COMPLETE:
        return redirect("surveys:answer_done")
    wave = response.wave
    unavailable = _unavailable(request, wave)
    if unavailable is not None:
        return unavailable
    pages = selectors.questionnaire(response.version)
    if not 1 <= page_number <= len(pages):
        raise Http404
    page = pages[page_number - 1]
    stored = selectors.answers_of(response)
    conditions = selectors.conditions_of(pages)
    later = [n for n in selectors.shown_pages(pages, stored) if n > page_number]
    action = request.POST.get("action", NEXT) if request.method == "POST" else None
    form = PageForm(
        request.POST if request.method == "POST" else None,
        page=page,
        all_conditions=conditions,
        stored=stored,
        enforce_required=action in (NEXT, SUBMIT),
    )
    if request.method == "POST" and form.is_valid():
        return _after_save(request, response, resume_key, pages, page, form, action)
    return render(
        request,
        "surveys/answer_page.html",
        {
            "wave": wave,
            "response": response,
            "resume_key": resume_key,
            "page": page,
            "pages": len(pages),
            "is_last": not later,
            "missing": request.GET.get("fehlt") == "1" and not form.is_bound,
            "form": form,
            "entries": _entries(form),
            "error_links": _error_links(form) if form.is_bound else [],
        },
    )


def _after_save(request, response, resume_key, pages, page, form, action):
    """Store the page, then go where the action leads: back or on to the neighbouring page
    that has a question to show, to the saved page, or (no page left) submit."""
    number = page.number
    services.response_save_page(
        response=response, questions=page.questions, answers=form.answers(), page=number
    )
    stored = selectors.answers_of(response)
    shown = selectors.shown_pages(pages, stored)
    if action == SAVE:
        return redirect("surveys:answer_saved", resume_key)
    if action == BACK:
        earlier = [n for n in shown if n < number]
        target = earlier[-1] if earlier else number
        services.response_set_page(response=response, page=target)
        return redirect("surveys:answer_page", resume_key, target)
    if services.full_quota(response) is not None:
        services.response_screen_out(response=response)
        return redirect("surveys:answer_quota_full")
    later = [n for n in shown if n > number]
    if later:  # also after "Absenden" when this page's answers opened a later page
        services.response_set_page(response=response, page=later[0])
        return redirect("surveys:answer_page", resume_key, later[0])
    missing = selectors.first_incomplete_page(pages, stored)
    if missing is not None:
        return redirect(reverse("surveys:answer_page", args=[resume_key, missing]) + "?fehlt=1")
    if not services.response_submit(response=response):
        return redirect("surveys:answer_quota_full")
    return redirect("surveys:answer_done")


@never_cache
def answer_saved(request, resume_key):
    response = selectors.response_for_key(resume_key)
    if response.status == ResponseStatus.COMPLETE:
        return redirect("surveys:answer_done")
    link = request.build_absolute_uri(
        reverse("surveys:answer_page", args=[resume_key, response.page or 1])
    )
    return render(
        request,
        "surveys/answer_saved.html",
        {"wave": response.wave, "resume_key": resume_key, "link": link, "response": response},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def answer_resume(request):
    form = ResumeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        key = form.cleaned_data["code"]
        try:
            response = selectors.response_for_key(key)
        except Http404:
            form.add_error("code", _("No survey was found for this code. Please check it."))
        else:
            return redirect("surveys:answer_page", key, response.page or 1)
    return render(request, "surveys/answer_resume.html", {"form": form})


def answer_done(request):
    return render(request, "surveys/answer_done.html", {})


def answer_quota_full(request):
    return render(request, "surveys/answer_quota_full.html", {})
