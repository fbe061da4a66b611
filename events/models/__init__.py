"""Events, their programme, registration and documentation; series; working groups.

Modules: `choices` (shared choices), `groups` (WorkingGroup, GroupMembership), `series`
(Series, SeriesException), `events` (Event, Session), `registration`, `documentation`.
Later parts (minutes, decisions, action items) add modules here.
"""

from .choices import (
    AttendanceMode,
    EventKind,
    EventStatus,
    ExceptionAction,
    MemberRole,
    QuestionKind,
    RegistrationStatus,
    TimeZoneName,
)
from .documentation import EventDocument, EventPhoto
from .events import ACCESSIBILITY, MATERIAL_FIELDS, Event, Session
from .groups import GroupMembership, WorkingGroup
from .minutes import (  # noqa: F401 (minutes, #15)
    ActionItem,
    ActionStatus,
    AgendaItem,
    Amendment,
    AmendmentPart,
    AmendmentStatus,
    Decision,
    Minutes,
    MinutesFrozen,
    MinutesInvitation,
    MinutesStatus,
    MinutesVersion,
)
from .registration import Registration, RegistrationAnswer, RegistrationQuestion
from .series import Series, SeriesException

__all__ = [
    "ACCESSIBILITY",
    "MATERIAL_FIELDS",
    "AttendanceMode",
    "Event",
    "EventDocument",
    "EventKind",
    "EventPhoto",
    "EventStatus",
    "ExceptionAction",
    "GroupMembership",
    "MemberRole",
    "QuestionKind",
    "Registration",
    "RegistrationAnswer",
    "RegistrationQuestion",
    "RegistrationStatus",
    "Series",
    "SeriesException",
    "Session",
    "TimeZoneName",
    "WorkingGroup",
]
