from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BildungsnetzConfig(AppConfig):
    name = "bildungsnetz"
    verbose_name = _("Bildungsnetz")
