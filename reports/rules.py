"""Who may do what with education reports. Deny by default.

A report belongs to its territory: its editors and coordinators write it (sections, blocks,
review comments) and see it in every status; coordinators publish it and delete it. A published
report (and its editions) is public.
"""

import rules

from accounts.predicates import (
    COORDINATOR,
    EDITOR,
    holds_role_anywhere,
    is_superuser,
    territory_role_at_least,
)
from accounts.scopes import register_scopes

from .models import Report, ReportStatus

_writes = territory_role_at_least(EDITOR, lambda report: report.territory)
_coordinates = territory_role_at_least(COORDINATOR, lambda report: report.territory)


@rules.predicate
def is_published_report(user, report) -> bool:
    return report is not None and report.status == ReportStatus.PUBLISHED


@rules.predicate
def writes_report(user, report) -> bool:
    return report is not None and _writes.test(user, report)


@rules.predicate
def coordinates_report(user, report) -> bool:
    return report is not None and _coordinates.test(user, report)


view_report = is_published_report | writes_report | is_superuser
change_report = writes_report | is_superuser
publish_report = coordinates_report | is_superuser

rules.add_perm("reports.view_report", view_report)
# Adding asks for a role somewhere; the service checks the new report with `change_report`.
rules.add_perm("reports.add_report", holds_role_anywhere(EDITOR))
rules.add_perm("reports.change_report", change_report)
rules.add_perm("reports.review_report", change_report)
rules.add_perm("reports.publish_report", publish_report)
rules.add_perm("reports.delete_report", publish_report)


@rules.predicate
def may_view_report_of(user, item) -> bool:
    return item is not None and view_report.test(user, item.report)


rules.add_perm("reports.view_edition", may_view_report_of)
rules.add_perm("reports.view_section", may_view_report_of)

register_scopes(Report, lambda report: [report.territory])
rules.add_perm("reports.view_rendering", may_view_report_of)
