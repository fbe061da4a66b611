"""Reading surveys for authoring: instruments, a version's questionnaire, a wave's progress."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import RoleLevel
from accounts.scopes import scope_q
from bildungsnetz.listing import Sorting

from .models import Choice, Instrument, Response, ResponseStatus, Version, Wave, WaveStatus
from .selectors import wave_list

INSTRUMENT_SORTING = Sorting(
    orders={
        "title": ("title", "pk"),
        "code": ("code", "pk"),
        "updated": ("-updated", "pk"),
    },
    labels=[("title", _("Title")), ("code", _("Code")), ("updated", _("Last changed"))],
    default="title",
)


def instrument_list(*, user, filters: dict):
    """Instruments for those who may see them (editors anywhere: to run one in their city);
    nobody else sees any."""
    if not user.has_perm("surveys.view_instrument"):
        return Instrument.objects.none()
    instruments = Instrument.objects.select_related("territory").annotate(
        wave_count=Count("versions__waves", distinct=True)
    )
    if filters.get("q"):
        q = filters["q"]
        instruments = instruments.filter(Q(title__icontains=q) | Q(code__icontains=q))
    if filters.get("territory"):
        instruments = instruments.filter(territory=filters["territory"])
    return instruments


def version_questionnaire(version: Version) -> list[dict]:
    """The sections of a version with their questions, options and matrix rows, in order."""
    questions = (
        version.questions.select_related("condition_question")
        .prefetch_related("choices")
        .order_by("section__order", "order", "pk")
    )
    by_section: dict[int, list] = {}
    for question in questions:
        choices = list(question.choices.all())
        question.options = [c for c in choices if c.role == Choice.Role.OPTION]
        question.items = [c for c in choices if c.role == Choice.Role.ITEM]
        by_section.setdefault(question.section_id, []).append(question)
    return [
        {"section": section, "questions": by_section.get(section.pk, [])}
        for section in version.sections.all()
    ]


def instrument_waves(instrument: Instrument, *, user):
    return [
        wave
        for wave in Wave.objects.filter(version__instrument=instrument).select_related(
            "territory", "version"
        )
        if user.has_perm("surveys.view_wave", wave)
    ]


@dataclass
class QuotaFill:
    quota: object
    complete: int

    @property
    def percent(self) -> int:
        return round(100 * self.complete / self.quota.limit) if self.quota.limit else 0


@dataclass
class WaveProgress:
    started: int
    complete: int
    invited: int
    sent: int
    reminded: int
    population_size: int | None
    quotas: list[QuotaFill]

    @property
    def response_rate(self) -> float | None:
        """Complete responses per member of the population (or per invitee), in percent."""
        base = self.population_size or self.invited
        if not base:
            return None
        return round(100 * self.complete / base, 1)


def wave_progress(wave: Wave) -> WaveProgress:
    counts = Response.objects.filter(wave=wave).aggregate(
        started=Count("pk"), complete=Count("pk", filter=Q(status=ResponseStatus.COMPLETE))
    )
    invitations = wave.invitations.aggregate(
        invited=Count("pk"),
        sent=Count("pk", filter=Q(sent_at__isnull=False)),
        reminded=Count("pk", filter=Q(reminders__gt=0)),
    )
    quotas = []
    for quota in wave.quotas.select_related("choice__question"):
        complete = (
            Response.objects.filter(
                wave=wave,
                status=ResponseStatus.COMPLETE,
                answers__question=quota.choice.question,
                answers__code=quota.choice.code,
            )
            .distinct()
            .count()
        )
        quotas.append(QuotaFill(quota, complete))
    return WaveProgress(
        started=counts["started"],
        complete=counts["complete"],
        invited=invitations["invited"],
        sent=invitations["sent"],
        reminded=invitations["reminded"],
        population_size=wave.population_size,
        quotas=quotas,
    )


def home_waves(*, user) -> dict:
    """The home page: running and closed waves (public); for members, the waves in
    preparation they prepare and the instruments they edit."""
    waves = wave_list(user=user)
    instruments = Instrument.objects.none()
    if user.is_authenticated:
        condition = scope_q(
            user, territory_paths=["territory"], organisation_paths=[], level=RoleLevel.EDITOR
        )
        instruments = Instrument.objects.select_related("territory")
        if condition is not None:
            instruments = instruments.filter(condition)
    return {
        "running": waves.filter(status=WaveStatus.OPEN),
        "closed": waves.filter(status=WaveStatus.CLOSED),
        "preparing": waves.filter(status=WaveStatus.DRAFT) if user.is_authenticated else [],
        "instruments": instruments,
    }
