from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Cooperation")
    periodic_tasks = {
        "cooperation.tasks.expire_agreements": timedelta(days=1),
        "cooperation.tasks.check_council_decisions": timedelta(hours=6),
    }

    def ready(self):
        # in ready(): models are loaded only now
        from accounts.history import register_lifecycle

        from .models import Agreement, Placement

        # Status and state move only through their recorded steps; a revert leaves them alone.
        register_lifecycle(Agreement, "status")
        register_lifecycle(Placement, "state")

    def territory_sections(self, territory):
        """Sections for a city's page: its partner cities, grouped by kind of partnership."""
        from .sections import territory_sections  # not at the top: apps.py loads before models

        return territory_sections(territory)

    def organisation_sections(self, organisation):
        """Sections for an organisation's page: its partnerships, projects and programmes."""
        from .sections import organisation_sections  # not at the top: apps.py loads before models

        return organisation_sections(organisation)
