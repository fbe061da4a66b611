from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from bildungsnetz import pagecache


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events and working groups")
    periodic_tasks = {
        "events.tasks.materialise_series": timedelta(days=1),
        # Overdue action items of minutes (#15): at most one mail per item and day.
        "events.tasks.remind_overdue_action_items": timedelta(days=1),
    }

    def ready(self):
        # in ready(): models are loaded only now
        from accounts.history import register_lifecycle

        from .models import Event

        # The status moves only through event_save/event_cancel (SEQUENCE); a revert leaves it.
        register_lifecycle(Event, "status")
        # A withdrawn event leaves the public pages at once (bildungsnetz/pagecache.py).
        pagecache.withdraw_when(Event, public=lambda e: e.is_public)

    def organisation_sections(self, organisation):
        """The organisation's upcoming public events on its page."""
        from .sections import organisation_sections  # not at the top: apps.py loads before models

        return organisation_sections(organisation)
