"""Choices shared by the events model modules; imports none of them."""

from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    WORKSHOP = "workshop", _("Workshop")
    SEMINAR = "seminar", _("Seminar")
    DIALOGUE_FORUM = "dialogue_forum", _("Dialogue forum")
    STUDY_VISIT = "study_visit", _("Study visit")
    JOUR_FIXE = "jour_fixe", _("Jour fixe")
    GROUP_MEETING = "group_meeting", _("Working-group meeting")
    COMMITTEE_SESSION = "committee_session", _("Committee session")


class EventStatus(models.TextChoices):
    """The schema.org eventStatus values, in the words of the page."""

    SCHEDULED = "scheduled", _("Scheduled")
    RESCHEDULED = "rescheduled", _("Moved")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")


class AttendanceMode(models.TextChoices):
    OFFLINE = "offline", _("On site")
    ONLINE = "online", _("Online")
    MIXED = "mixed", _("On site and online")


class TimeZoneName(models.TextChoices):
    BERLIN = "Europe/Berlin", _("Germany (Europe/Berlin)")
    VIENNA = "Europe/Vienna", _("Austria (Europe/Vienna)")
    VOLGOGRAD = "Europe/Volgograd", _("Volgograd (Europe/Volgograd)")
    MOSCOW = "Europe/Moscow", _("Moscow (Europe/Moscow)")
    WARSAW = "Europe/Warsaw", _("Poland (Europe/Warsaw)")
    PRAGUE = "Europe/Prague", _("Czechia (Europe/Prague)")


DEFAULT_TIME_ZONE = TimeZoneName.BERLIN


def validate_time_zone(value: str) -> None:
    try:
        ZoneInfo(value)
    except (ValueError, KeyError, OSError) as exc:
        raise ValidationError(_("Unknown time zone.")) from exc


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    CHOICE = "choice", _("Choice")
    YES_NO = "yes_no", _("Yes or no")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    DEPUTY_CHAIR = "deputy_chair", _("Deputy chair")
    SECRETARIAT = "secretariat", _("Secretariat")
    MEMBER = "member", _("Member")
    GUEST = "guest", _("Permanent guest")


class ExceptionAction(models.TextChoices):
    CANCELLED = "cancelled", _("Cancelled")
    MOVED = "moved", _("Moved")
