"""Writing surveys (authoring): instruments, their versions, sections, questions and options;
waves (create, open, close) and their quotas. Invitations are in `surveys.invitations`.

A version is edited only while it is a draft: once a wave opens on it, it is frozen
(`frozen_at`), and every change goes into a new version (`version_copy`), which keeps the
questions' codes so that answers compare across versions."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from bildungsnetz.services import model_update
from bildungsnetz.text import unique_slug

from .invitations import invitations_import
from .models import (
    Choice,
    ConditionOperator,
    Instrument,
    Question,
    QuestionKind,
    Quota,
    SurveySection,
    Version,
    Wave,
    WaveStatus,
)
from .tasks import send_invitations

CONDITION_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.LIKERT)
NUMBER_OPERATORS = (ConditionOperator.GREATER, ConditionOperator.LESS, ConditionOperator.ANSWERED)


class FrozenVersion(ValidationError):
    """A frozen version was to be changed: make a new version instead."""


def new_open_key() -> str:
    """An unguessable key for a wave's open link (32 characters)."""
    return secrets.token_urlsafe(24)


# --- instruments ----------------------------------------------------------------------------


@transaction.atomic
def instrument_create(*, data: dict, actor) -> Instrument:
    """A new instrument with its first (draft) version."""
    instrument = Instrument(created_by=actor, **data)
    instrument.full_clean()
    instrument.save()
    Version.objects.create(instrument=instrument, number=1)
    return instrument


@transaction.atomic
def instrument_update(*, instrument: Instrument, data: dict) -> Instrument:
    instrument, _changed = model_update(instance=instrument, data=data)
    return instrument


# --- versions -------------------------------------------------------------------------------


def version_check_editable(version: Version) -> None:
    if version.is_frozen:
        raise FrozenVersion(
            _(
                "Version %(n)d is frozen because a wave runs it; make a new version to change "
                "its questions."
            )
            % {"n": version.number}
        )


@transaction.atomic
def version_copy(*, version: Version, note: str = "") -> Version:
    """A new draft version (number + 1 of the instrument's latest) with copies of `version`'s
    sections, questions (same codes), options and matrix rows; conditions point to the copies."""
    latest = version.instrument.versions.aggregate(n=Max("number"))["n"] or 0
    copy = Version.objects.create(instrument=version.instrument, number=latest + 1, note=note)
    sections = {}
    for section in version.sections.all():
        old_pk = section.pk
        section.pk = None
        section.version = copy
        section.save()
        sections[old_pk] = section
    questions = {}
    originals = list(version.questions.prefetch_related("choices"))
    for question in originals:
        old_pk = question.pk
        choices = list(question.choices.all())
        question.pk = None
        question.version = copy
        question.section = sections[question.section_id]
        question.condition_question = None
        question.save()
        questions[old_pk] = question
        for choice in choices:
            choice.pk = None
            choice.question = question
        Choice.objects.bulk_create(choices)
    for original in version.questions.exclude(condition_question=None):
        Question.objects.filter(pk=questions[original.pk].pk).update(
            condition_question=questions[original.condition_question_id]
        )
    return copy


def version_latest(instrument: Instrument) -> Version | None:
    return instrument.versions.order_by("-number").first()


# --- sections and questions -----------------------------------------------------------------


@transaction.atomic
def section_save(*, version: Version, data: dict, section: SurveySection | None = None):
    version_check_editable(version)
    if section is None:
        last = version.sections.aggregate(n=Max("order"))["n"]
        section = SurveySection(version=version, order=0 if last is None else last + 1)
    for name, value in data.items():
        setattr(section, name, value)
    section.full_clean()
    section.save()
    return section


def _questions_in_order(version: Version) -> list[Question]:
    return list(
        version.questions.select_related("section").order_by("section__order", "order", "pk")
    )


def condition_check(*, question: Question, data: dict) -> dict[str, str]:
    """Errors (field → message) of a question's condition: the condition question must come
    earlier in the questionnaire and be a choice or number question; its values must be
    codes of its options (or numbers)."""
    source = data.get("condition_question")
    operator = data.get("condition_operator") or ""
    values = data.get("condition_values") or []
    errors: dict[str, str] = {}
    if source is None:
        if operator or values:
            errors["condition_question"] = _("Choose the question the condition depends on.")
        return errors
    if source.version_id != question.version_id:
        errors["condition_question"] = _("The condition question must be in the same version.")
        return errors
    order = [q.pk for q in _questions_in_order(question.version)]
    section = data.get("section") or question.section
    before = _comes_before(source, question, section, order)
    if not before:
        errors["condition_question"] = _(
            "The condition question must come earlier in the questionnaire than this question."
        )
        return errors
    if source.kind not in (*CONDITION_KINDS, QuestionKind.NUMBER):
        errors["condition_question"] = _(
            "A condition can depend only on a choice question or a number question."
        )
        return errors
    if not operator:
        errors["condition_operator"] = _("Choose how the answer is compared.")
        return errors
    if source.kind == QuestionKind.NUMBER:
        if operator not in NUMBER_OPERATORS:
            errors["condition_operator"] = _(
                "A number question can be compared only with “is greater than”, “is less "
                "than” or “is answered”."
            )
        elif operator != ConditionOperator.ANSWERED:
            try:
                if len(values) != 1:
                    raise ValueError
                float(values[0])
            except ValueError:
                errors["condition_values"] = _("Give one number to compare with.")
        return errors
    if operator in (ConditionOperator.GREATER, ConditionOperator.LESS):
        errors["condition_operator"] = _("A choice question cannot be compared as a number.")
        return errors
    if operator == ConditionOperator.ANSWERED:
        return errors
    codes = set(source.choices.filter(role=Choice.Role.OPTION).values_list("code", flat=True))
    unknown = [v for v in values if v not in codes]
    if not values:
        errors["condition_values"] = _("Give the code(s) of the answer option(s).")
    elif unknown:
        errors["condition_values"] = _(
            "%(values)s: not a code of the options of %(question)s (codes: %(codes)s)."
        ) % {
            "values": ", ".join(unknown),
            "question": source.code,
            "codes": ", ".join(sorted(codes)) or "–",
        }
    elif len(values) > 1 and operator != ConditionOperator.ANY_OF:
        errors["condition_values"] = _("Give one code, or choose “is one of”.")
    return errors


def _comes_before(source: Question, question: Question, section, order: list[int]) -> bool:
    if question.pk is None:
        # A new question is appended to its section: everything in this or an earlier section
        # comes before it.
        return source.section.order < section.order or source.section_id == section.pk
    if section.pk != question.section_id:
        return source.section.order < section.order or (
            source.section_id == section.pk and source.pk != question.pk
        )
    return source.pk in order and order.index(source.pk) < order.index(question.pk)


@transaction.atomic
def question_save(*, version: Version, data: dict, question: Question | None = None) -> Question:
    """Create or change a question of a draft version; codes are unique per version, the
    condition is checked (`condition_check`)."""
    version_check_editable(version)
    creating = question is None
    if creating:
        section = data["section"]
        last = section.questions.aggregate(n=Max("order"))["n"]
        question = Question(version=version, order=0 if last is None else last + 1)
    errors = condition_check(question=question, data=data)
    code = data.get("code")
    if code and version.questions.filter(code=code).exclude(pk=question.pk).exists():
        errors["code"] = _("Another question of this version has the code %(code)s.") % {
            "code": code
        }
    if errors:
        raise ValidationError(errors)
    if not creating and data.get("section") and data["section"].pk != question.section_id:
        last = data["section"].questions.aggregate(n=Max("order"))["n"]
        question.order = 0 if last is None else last + 1
    for name, value in data.items():
        setattr(question, name, value)
    if not question.condition_question_id and question.condition_question is None:
        question.condition_operator = ""
        question.condition_values = []
    question.full_clean()
    question.save()
    dependants_check(question)
    return question


def dependants_check(source: Question) -> None:
    """Refuse a change to `source` (its kind, its section, its options) that would break the
    condition of a question shown depending on it: each dependant's condition is checked
    again, as stored, against `source` as it now is (the caller's transaction is undone)."""
    for dependant in source.dependants.select_related("section"):
        errors = condition_check(
            question=dependant,
            data={
                "condition_question": source,
                "condition_operator": dependant.condition_operator,
                "condition_values": dependant.condition_values,
                "section": dependant.section,
            },
        )
        if errors:
            raise ValidationError(
                _(
                    "%(code)s is shown depending on %(source)s, and its condition would no "
                    "longer hold: %(reason)s Change the condition of %(code)s first."
                )
                % {
                    "code": dependant.code,
                    "source": source.code,
                    "reason": " ".join(str(message) for message in errors.values()),
                }
            )


@transaction.atomic
def question_delete(*, question: Question) -> None:
    version_check_editable(question.version)
    if question.dependants.exists():
        raise ValidationError(
            _("Other questions are shown only depending on %(code)s; change them first.")
            % {"code": question.code}
        )
    question.delete()


@transaction.atomic
def question_move(*, question: Question, up: bool) -> None:
    """Swap a question with its neighbour in its section (a condition stays behind its
    question: a move that would put a question before the one it depends on is refused)."""
    version_check_editable(question.version)
    siblings = list(question.section.questions.order_by("order", "pk"))
    index = siblings.index(question)
    other_index = index - 1 if up else index + 1
    if not 0 <= other_index < len(siblings):
        return
    other = siblings[other_index]
    first, second = (other, question) if up else (question, other)
    if second.condition_question_id == first.pk:
        raise ValidationError(
            _("%(code)s depends on %(source)s and must stay after it.")
            % {"code": second.code, "source": first.code}
        )
    siblings[index], siblings[other_index] = siblings[other_index], siblings[index]
    for n, item in enumerate(siblings):
        if item.order != n:
            Question.objects.filter(pk=item.pk).update(order=n)


@transaction.atomic
def choice_add(*, question: Question, data: dict) -> Choice:
    version_check_editable(question.version)
    role = data.get("role") or Choice.Role.OPTION
    if role == Choice.Role.ITEM and question.kind != QuestionKind.MATRIX:
        raise ValidationError({"role": _("Only a matrix question has rows.")})
    if not question.has_choices:
        raise ValidationError(_("This kind of question has no answer options."))
    if question.choices.filter(role=role, code=data["code"]).exists():
        raise ValidationError(
            {"code": _("This question already has the code %(code)s.") % {"code": data["code"]}}
        )
    last = question.choices.filter(role=role).aggregate(n=Max("order"))["n"]
    choice = Choice(question=question, order=0 if last is None else last + 1, **data)
    choice.full_clean()
    choice.save()
    return choice


@transaction.atomic
def choice_delete(*, choice: Choice) -> None:
    """Delete an answer option, unless a condition of another question names its code."""
    version_check_editable(choice.question.version)
    choice.delete()
    dependants_check(choice.question)


# --- waves ----------------------------------------------------------------------------------


@transaction.atomic
def wave_create(*, data: dict, coordinators=(), actor=None) -> Wave:
    """A wave in preparation. Its open key is replaced when it opens, so a link seen while
    preparing never works."""
    wave = Wave(
        slug=unique_slug(Wave, data["title"], max_length=120),
        open_key=new_open_key(),
        status=WaveStatus.DRAFT,
        **data,
    )
    wave.full_clean()
    wave.save()
    wave.coordinators.set(coordinators)
    return wave


@transaction.atomic
def wave_update(*, wave: Wave, data: dict, coordinators=None) -> Wave:
    if wave.status != WaveStatus.DRAFT and "version" in data and data["version"] != wave.version:
        raise ValidationError({"version": _("A running or closed wave keeps its version.")})
    m2m = {} if coordinators is None else {"coordinators": coordinators}
    wave, _changed = model_update(instance=wave, data=data, m2m=m2m)
    return wave


@transaction.atomic
def wave_open(*, wave: Wave) -> Wave:
    """Start the wave: its version is frozen and its open link gets a new unguessable key;
    invitations not sent yet are mailed (after the commit, in the worker)."""
    wave = Wave.objects.select_for_update().get(pk=wave.pk)
    if wave.status != WaveStatus.DRAFT:
        raise ValidationError(_("Only a wave in preparation can be opened."))
    if not wave.version.questions.exists():
        raise ValidationError(_("The version has no questions yet."))
    Version.objects.filter(pk=wave.version_id, frozen_at=None).update(frozen_at=timezone.now())
    wave.status = WaveStatus.OPEN
    wave.open_key = new_open_key()
    wave.save(update_fields=["status", "open_key", "updated"])
    if wave.access == Wave.Access.INVITATION:
        invitations_queue_sending(wave=wave)
    return wave


def invitations_queue_sending(*, wave: Wave) -> None:
    """Mail the wave's unsent invitations in the worker, once this transaction commits."""
    wave_id = wave.pk
    transaction.on_commit(lambda: send_invitations.enqueue(wave_id))


@transaction.atomic
def wave_invitations_import(*, wave: Wave, filename: str, content: bytes, dry_run: bool):
    """Import invitees (see `invitations.invitations_import`); into a running wave, they are
    mailed at once."""
    if wave.status == WaveStatus.CLOSED:
        raise ValidationError(_("The wave is closed: no more invitations."))
    result = invitations_import(wave=wave, filename=filename, content=content, dry_run=dry_run)
    if result.ok and not result.dry_run and result.created and wave.status == WaveStatus.OPEN:
        invitations_queue_sending(wave=wave)
    return result


@transaction.atomic
def wave_close(*, wave: Wave) -> Wave:
    """End the wave: no further answers, and the invitees' e-mail addresses are deleted (the
    invitations stay, so the counts of invited and reminded remain)."""
    wave = Wave.objects.select_for_update().get(pk=wave.pk)
    if wave.status != WaveStatus.OPEN:
        raise ValidationError(_("Only a running wave can be closed."))
    wave.status = WaveStatus.CLOSED
    wave.save(update_fields=["status", "updated"])
    wave.invitations.exclude(email="").update(email="")
    return wave


# --- quotas ---------------------------------------------------------------------------------


@transaction.atomic
def quota_add(*, wave: Wave, choice: Choice, limit: int) -> Quota:
    if choice.question.version_id != wave.version_id or choice.question.kind not in (
        QuestionKind.SINGLE,
        QuestionKind.LIKERT,
    ):
        raise ValidationError(
            _("A quota needs an option of a single-choice question of the wave's version.")
        )
    if wave.quotas.filter(choice=choice).exists():
        raise ValidationError(_("This option already has a quota."))
    return Quota.objects.create(wave=wave, choice=choice, limit=limit)


@transaction.atomic
def quota_remove(*, quota: Quota) -> None:
    quota.delete()
