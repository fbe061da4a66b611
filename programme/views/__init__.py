"""Thin views: parse, authorise (programme/rules.py), call a service or selector, render."""

from .items import deliverable_delete, deliverable_edit, milestone_delete, milestone_edit
from .packages import package_delete, package_detail, package_edit
from .programmes import (
    deleted,
    programme_delete,
    programme_detail,
    programme_edit,
    programme_list,
    restore,
)
from .tasks import task_delete, task_detail, task_edit, task_list, task_status

__all__ = [
    "deleted", "deliverable_delete", "deliverable_edit", "milestone_delete", "milestone_edit",
    "package_delete", "package_detail", "package_edit", "programme_delete", "programme_detail",
    "programme_edit", "programme_list", "restore", "task_delete", "task_detail", "task_edit",
    "task_list", "task_status",
]  # fmt: skip
