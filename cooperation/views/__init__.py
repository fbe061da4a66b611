"""Thin views: parse, authorise (cooperation/rules.py), call a service or query, render."""

from .agreements import (
    agreement_create_view,
    agreement_detail,
    agreement_edit,
    agreement_list,
    agreement_transition_view,
    agreement_version,
)
from .council import agreement_council_step_view
from .exchanges import (
    placement_apply_self,
    placement_create,
    placement_decide_view,
    placement_detail,
    placement_list,
    placement_transition_view,
    programme_detail,
    programme_list,
)
from .goals import (
    goal_detail,
    goal_edit,
    goal_indicator_edit,
    goal_indicator_remove_view,
    goal_project_link_view,
    goal_project_unlink_view,
)
from .partnerships import (
    partnership_create_view,
    partnership_detail,
    partnership_edit,
    partnership_list,
)
from .projects import milestone_add, participant_edit, project_detail, project_edit, project_list

__all__ = [
    "agreement_council_step_view", "agreement_create_view", "agreement_detail", "agreement_edit",
    "agreement_list",
    "agreement_transition_view", "agreement_version", "goal_detail", "goal_edit",
    "goal_indicator_edit", "goal_indicator_remove_view", "goal_project_link_view",
    "goal_project_unlink_view",
    "milestone_add", "participant_edit", "partnership_create_view", "partnership_detail",
    "partnership_edit", "partnership_list", "placement_apply_self", "placement_create",
    "placement_decide_view", "placement_detail",
    "placement_list", "placement_transition_view", "programme_detail", "programme_list",
    "project_detail", "project_edit", "project_list",
]  # fmt: skip
