from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from bildungsnetz import pagecache


class ActorsConfig(AppConfig):
    name = "actors"
    verbose_name = _("Organisations and people")
    cli_importers = {"organisations": "actors.cli:import_organisations_cli"}

    def ready(self):
        # Something taken off the public pages shows at once (bildungsnetz/pagecache.py).
        pagecache.withdraw_when(self.get_model("Organisation"), public=lambda o: o.is_public)
        pagecache.withdraw_when(self.get_model("Person"))  # a person's details, their visibility
        pagecache.withdraw_when(self.get_model("Role"))
