"""Partnerships, agreements with goals, joint projects and staff exchanges."""

from .agreements import (
    AGREEMENT_TRANSITIONS,
    Agreement,
    AgreementKind,
    AgreementSignatory,
    AgreementStatus,
    AgreementTransition,
    AgreementVersion,
    Goal,
    GoalOwner,
    GoalStatus,
)
from .council import CouncilDecision
from .exchanges import (
    PLACEMENT_TRANSITIONS,
    ExchangeCall,
    ExchangeProgramme,
    Placement,
    PlacementState,
    PlacementTransition,
    StudyVisit,
    StudyVisitKind,
)
from .goal_indicators import GoalIndicator
from .partnerships import Partnership, PartnershipKind, PartnershipParty, PartnershipStatus
from .projects import Milestone, Project, ProjectKind, ProjectParticipant, ProjectStatus

__all__ = [
    "AGREEMENT_TRANSITIONS",
    "PLACEMENT_TRANSITIONS",
    "Agreement",
    "AgreementKind",
    "AgreementSignatory",
    "AgreementStatus",
    "AgreementTransition",
    "AgreementVersion",
    "CouncilDecision",
    "ExchangeCall",
    "ExchangeProgramme",
    "Goal",
    "GoalIndicator",
    "GoalOwner",
    "GoalStatus",
    "Milestone",
    "Partnership",
    "PartnershipKind",
    "PartnershipParty",
    "PartnershipStatus",
    "Placement",
    "PlacementState",
    "PlacementTransition",
    "Project",
    "ProjectKind",
    "ProjectParticipant",
    "ProjectStatus",
    "StudyVisit",
    "StudyVisitKind",
]
