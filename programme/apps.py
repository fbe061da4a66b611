from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = _("Work programme")

    def goal_sections(self, goal):
        """Sections for an agreement goal's page: the work packages serving it, with progress."""
        from .sections import goal_sections  # not at the top: apps.py loads before models

        return goal_sections(goal)

    def organisation_sections(self, organisation):
        """Sections for an organisation's page: the programmes and work packages it leads."""
        from .sections import organisation_sections  # not at the top: apps.py loads first

        return organisation_sections(organisation)
