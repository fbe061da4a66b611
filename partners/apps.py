from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partner finding")

    def organisation_sections(self, organisation):
        """The organisation's current offers and needs on its page."""
        from .sections import organisation_sections  # not at the top: apps.py loads first

        return organisation_sections(organisation)
