"""Reading for the answer pages (no account): the wave behind a link, the response behind a
resume key, the questionnaire of a version in pages, and the answers given so far."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .conditions import Condition, visible_codes
from .models import (
    Answer,
    Choice,
    Invitation,
    Question,
    QuestionKind,
    Response,
    SurveySection,
    Version,
    Wave,
    WaveStatus,
)

#: Where a wave stands for respondents.
AVAILABLE = "available"
NOT_YET = "not_yet"
CLOSED = "closed"
UNKNOWN = "unknown"


def digest(secret: str) -> str:
    """The stored form of a token or resume key: its SHA-256 in hex."""
    return hashlib.sha256(secret.encode()).hexdigest()


def wave_availability(wave: Wave, today: dt.date | None = None) -> str:
    """`AVAILABLE` while a running wave is within its dates; `NOT_YET` before it opens;
    `CLOSED` once closed or past its closing day; `UNKNOWN` in preparation (not public)."""
    today = today or timezone.localdate()
    if wave.status == WaveStatus.DRAFT:
        return UNKNOWN
    if wave.status == WaveStatus.CLOSED or today > wave.closes:
        return CLOSED
    if today < wave.opens:
        return NOT_YET
    return AVAILABLE


def wave_for_open_key(open_key: str) -> Wave:
    """The open-link wave with this key (404 for an invitation-only wave or no such key)."""
    return get_object_or_404(
        Wave.objects.select_related("version__instrument", "territory"),
        open_key=open_key,
        access=Wave.Access.OPEN_LINK,
    )


def invitation_for_token(token: str) -> Invitation:
    """The invitation whose token hashes to the stored hash (404 otherwise)."""
    return get_object_or_404(
        Invitation.objects.select_related("wave__version__instrument", "wave__territory"),
        token_hash=digest(token),
    )


def response_for_invitation(invitation: Invitation) -> Response | None:
    return Response.objects.filter(invitation=invitation).first()


def response_for_key(resume_key: str) -> Response:
    """The response whose resume key this is; 404 for a wrong key."""
    if not resume_key:
        raise Http404
    return get_object_or_404(
        Response.objects.select_related("wave__version__instrument", "wave__territory", "version"),
        resume_hash=digest(resume_key),
    )


@dataclass
class Page:
    """One page of the questionnaire: a section and its questions (choices prefetched)."""

    number: int
    section: SurveySection
    questions: list[Question] = field(default_factory=list)


def questionnaire(version: Version) -> list[Page]:
    """The version's sections as pages numbered from 1, empty sections left out."""
    choices = Prefetch("choices", queryset=Choice.objects.order_by("role", "order", "pk"))
    questions = Prefetch(
        "questions",
        queryset=Question.objects.select_related("condition_question")
        .prefetch_related(choices)
        .order_by("order", "pk"),
    )
    sections = version.sections.prefetch_related(questions).order_by("order", "pk")
    pages = []
    for section in sections:
        qs = list(section.questions.all())
        if qs:
            pages.append(Page(number=len(pages) + 1, section=section, questions=qs))
    return pages


def options(question: Question) -> list[Choice]:
    return [c for c in question.choices.all() if c.role == Choice.Role.OPTION]


def items(question: Question) -> list[Choice]:
    return [c for c in question.choices.all() if c.role == Choice.Role.ITEM]


def condition_of(question: Question) -> Condition | None:
    """The pure condition of a question (None when it has none)."""
    if not question.condition_question_id or not question.condition_operator:
        return None
    values = question.condition_values
    if not isinstance(values, list):
        values = [values]
    return Condition(
        question=question.condition_question.code,
        operator=question.condition_operator,
        values=tuple(str(v) for v in values),
    )


def conditions_of(pages: list[Page]) -> dict[str, Condition | None]:
    return {q.code: condition_of(q) for page in pages for q in page.questions}


def number_text(number: float) -> str:
    """A stored number as the respondent would type it (3.0 → "3")."""
    return str(int(number)) if float(number).is_integer() else str(number)


def answers_of(response: Response) -> dict[str, dict]:
    """The stored answers by question code: {"values": [...], "items": {item code: code}}.

    `values` are the strings the conditions read (codes, the number, the text); a matrix's
    values are its rows' codes."""
    result: dict[str, dict] = {}
    rows = Answer.objects.filter(response=response).select_related("question", "item")
    for answer in rows.order_by("pk"):
        entry = result.setdefault(answer.question.code, {"values": [], "items": {}})
        kind = answer.question.kind
        if kind == QuestionKind.MATRIX:
            if answer.item is not None:
                entry["items"][answer.item.code] = answer.code
            entry["values"].append(answer.code)
        elif kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.LIKERT):
            entry["values"].append(answer.code)
        elif kind == QuestionKind.NUMBER:
            if answer.number is not None:
                entry["values"].append(number_text(answer.number))
        else:
            entry["values"].append(answer.text)
    return result


def values_by_code(answers: dict[str, dict]) -> dict[str, list[str]]:
    return {code: entry["values"] for code, entry in answers.items()}


def first_incomplete_page(pages: list[Page], stored: dict[str, dict]) -> int | None:
    """The number of the first page with a shown required question left unanswered (a matrix:
    a row left out), or None when everything required is there."""
    shown = visible_codes(conditions_of(pages), values_by_code(stored))
    for page in pages:
        for question in page.questions:
            if not question.required or question.code not in shown:
                continue
            entry = stored.get(question.code)
            if not entry or not entry["values"]:
                return page.number
            rows = items(question) if question.kind == QuestionKind.MATRIX else []
            if any(item.code not in entry["items"] for item in rows):
                return page.number
    return None


def shown_pages(pages: list[Page], stored: dict[str, dict]) -> list[int]:
    """The numbers of the pages with at least one question shown given the stored answers (a
    page whose questions all depend on earlier answers that rule them out is skipped)."""
    shown = visible_codes(conditions_of(pages), values_by_code(stored))
    return [page.number for page in pages if any(q.code in shown for q in page.questions)]
