"""Matrix specs of cooperation (see bildungsnetz/testing/permissions.py): partnerships,
agreements, goals, projects with participants and milestones, exchange programmes, placements,
study visits.

Each object belongs to the tenant through a party (its city or its organisation). The other
side is a partner city no role holds anything in (Dresden), unless the spec is about a
partnership shared by two tenants: then `allowed_foreign` says who manages it from either side.
"""

from .matrix_council import COUNCIL_DECISION
from .matrix_exchanges import (
    COORDINATORS_OWN_PLACEMENT,
    HIDDEN_PROGRAMME,
    HIDDEN_STUDY_VISIT,
    HOSTED_PLACEMENT,
    OWN_PLACEMENT,
    PARTICIPATING_CITY_PROGRAMME,
    PARTICIPATING_ORGANISATION_PROGRAMME,
    PARTICIPATING_PROGRAMME,
    PLACEMENT,
    PRIVATE_PERSON,
    PROGRAMME,
    STUDY_VISIT,
)
from .matrix_partnerships import (
    AGREEMENT,
    GOAL,
    GOAL_INDICATOR,
    HIDDEN_AGREEMENT,
    HIDDEN_CITY_PARTNERSHIP,
    HIDDEN_GOAL,
    HIDDEN_PARTNERSHIP,
    HIDDEN_PROJECT,
    JOINT_PROJECT,
    MILESTONE,
    NEW_SHARED_OBJECTS,
    PARTICIPANT,
    PARTNERSHIP,
    PROJECT,
    SHARED_PARTNERSHIP,
    THIRD_CITY_PARTNERSHIP,
)

SPECS = [
    PARTNERSHIP, HIDDEN_PARTNERSHIP, HIDDEN_CITY_PARTNERSHIP, NEW_SHARED_OBJECTS,
    SHARED_PARTNERSHIP, THIRD_CITY_PARTNERSHIP, AGREEMENT,
    HIDDEN_AGREEMENT, GOAL, HIDDEN_GOAL, GOAL_INDICATOR, PROJECT, HIDDEN_PROJECT, JOINT_PROJECT,
    PARTICIPANT, MILESTONE, PROGRAMME, HIDDEN_PROGRAMME, PLACEMENT, HOSTED_PLACEMENT,
    OWN_PLACEMENT, COORDINATORS_OWN_PLACEMENT, PARTICIPATING_PROGRAMME,
    PARTICIPATING_CITY_PROGRAMME, PARTICIPATING_ORGANISATION_PROGRAMME, PRIVATE_PERSON,
    STUDY_VISIT, HIDDEN_STUDY_VISIT, COUNCIL_DECISION,
]  # fmt: skip
