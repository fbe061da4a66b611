from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge base")
    periodic_tasks = {
        # Entries past their review date: at most one mail per entry and review date.
        "knowledge.tasks.remind_review_due": timedelta(days=1),
    }

    def ready(self):
        # in ready(): models are loaded only now
        from accounts.history import register_lifecycle

        from .models import Entry

        # The status moves only through the workflow's services; a revert leaves it.
        register_lifecycle(Entry, "status")

    def organisation_sections(self, organisation):
        """The organisation's published entries on its page."""
        from .sections import organisation_sections  # not at the top: apps.py loads first

        return organisation_sections(organisation)

    def territory_sections(self, territory):
        """The city's published entries on its page."""
        from .sections import territory_sections  # not at the top: apps.py loads first

        return territory_sections(territory)
