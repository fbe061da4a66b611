"""Writing answers (no account): starting a response, saving a page, submitting.

- **Resume key**: every response gets a random key (`secrets.token_urlsafe`), shown to the
  respondent as a link and a code; only its SHA-256 is stored. A response started from a
  personal invitation gets a key derived from the invitation's token (a keyed hash with the
  site's secret), so a second visit with the token finds the same response and the same key
  without storing the key: one response per invitation.
- **Hidden questions**: after every save the conditions are evaluated over all stored answers
  and the answers of every question that is now hidden are deleted (a respondent who goes back
  and changes an answer leaves no stale follow-up answers behind).
- **Quotas (screen-out)**: when a respondent's answers hit a full quota (the wave's complete
  responses with that option already reach the limit), the response is deleted with all its
  answers and the respondent sees a polite page. Deleting is the cleanest choice: nothing is
  kept about someone who is not counted, the response neither inflates the started-but-not-
  finished count nor needs a status of its own, and results and exports (which count complete
  responses only) are unaffected. The check runs when the page holding the quota question is
  left forward and again at submission (another respondent may have filled the quota since),
  so nobody answers the whole questionnaire only to be turned away. An invited respondent who
  is screened out may open the link again, and is turned away again at the same point.
- **Panel**: the invitation's panel key is copied only when the wave links waves and the
  respondent consented (asked only of invited respondents: an open link has no key to link);
  never an IP address or a user agent.
"""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from . import conditions as cond
from .models import Answer, Invitation, Quota, Response, ResponseStatus, Wave
from .selectors_answering import (
    answers_of,
    conditions_of,
    digest,
    questionnaire,
    values_by_code,
)


def invitation_resume_key(token: str) -> str:
    """The resume key of the response to an invitation: derived from its token, not stored."""
    return salted_hmac("surveys.answer.resume", token).hexdigest()[:43]


def new_resume_key() -> str:
    return secrets.token_urlsafe(24)


@transaction.atomic
def response_start(
    *,
    wave: Wave,
    language: str,
    panel_consent: bool = False,
    invitation: Invitation | None = None,
    token: str = "",
) -> tuple[Response, str]:
    """Start (or, for an invitation already started, resume) a response; returns it with the
    resume key to show. The version is the wave's; no IP, no user agent."""
    if invitation is not None:
        key = invitation_resume_key(token)
        existing = Response.objects.select_for_update().filter(invitation=invitation).first()
        if existing is not None:
            if existing.resume_hash != digest(key):
                existing.resume_hash = digest(key)
                existing.save(update_fields=["resume_hash"])
            return existing, key
    else:
        key = new_resume_key()
    consented = bool(panel_consent and wave.links_waves and invitation is not None)
    response = Response.objects.create(
        wave=wave,
        version=wave.version,
        invitation=invitation,
        resume_hash=digest(key),
        language=language[:8],
        panel_consent=consented,
        panel_key=invitation.panel_key if consented else "",
        page=1,
        is_demo=wave.is_demo,
    )
    return response, key


def _drop_hidden(response: Response) -> None:
    """Delete the stored answers of questions the conditions now hide."""
    pages = questionnaire(response.version)
    conditions = conditions_of(pages)
    stored = values_by_code(answers_of(response))
    shown = cond.visible_codes(conditions, stored)
    hidden = [code for code in stored if code in conditions and code not in shown]
    if hidden:
        Answer.objects.filter(response=response, question__code__in=hidden).delete()


@transaction.atomic
def response_save_page(*, response: Response, questions, answers: list[dict], page: int) -> None:
    """Replace the answers to `questions` (one page) with `answers` (rows of question, item,
    code, number, text), drop what conditions now hide, and remember the page to resume at."""
    Answer.objects.filter(response=response, question__in=questions).delete()
    Answer.objects.bulk_create(
        Answer(
            response=response,
            question=row["question"],
            item=row.get("item"),
            code=row.get("code", ""),
            number=row.get("number"),
            text=row.get("text", ""),
        )
        for row in answers
    )
    _drop_hidden(response)
    response.page = page
    response.save(update_fields=["page"])


@transaction.atomic
def response_set_page(*, response: Response, page: int) -> None:
    """Remember the page the respondent goes on with (where a resume starts)."""
    response.page = page
    response.save(update_fields=["page"])


def full_quota(response: Response) -> Quota | None:
    """The first quota of the wave that this response's answers hit and that is already full."""
    quotas = Quota.objects.filter(wave_id=response.wave_id).select_related("choice")
    for quota in quotas:
        choice = quota.choice
        hits = Answer.objects.filter(
            question_id=choice.question_id, code=choice.code, item__isnull=True
        )
        if not hits.filter(response=response).exists():
            continue
        complete = (
            hits.filter(
                response__wave_id=response.wave_id, response__status=ResponseStatus.COMPLETE
            )
            .exclude(response=response)
            .values("response")
            .distinct()
            .count()
        )
        if complete >= quota.limit:
            return quota
    return None


@transaction.atomic
def response_screen_out(*, response: Response) -> None:
    """A full quota: delete the response and its answers (see the module's docstring)."""
    response.delete()


@transaction.atomic
def response_submit(*, response: Response) -> bool:
    """Complete the response; False (and the response deleted) when a quota is full."""
    if full_quota(response) is not None:
        response_screen_out(response=response)
        return False
    response.status = ResponseStatus.COMPLETE
    response.submitted = timezone.now()
    response.save(update_fields=["status", "submitted"])
    return True
