from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "actors"
    verbose_name = _("Organisations and people")
    cli_importers = {"organisations": "actors.cli:import_organisations_cli"}
