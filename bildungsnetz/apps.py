from django.apps import AppConfig
from django.db import models
from django.utils.translation import gettext_lazy as _

from .lookups import AnyOf


class BildungsnetzConfig(AppConfig):
    name = "bildungsnetz"
    verbose_name = _("Bildungsnetz")

    def ready(self):
        models.Field.register_lookup(AnyOf)
