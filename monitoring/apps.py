from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from bildungsnetz import pagecache


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Education monitoring")
    # `bildungsnetz import <name> …` / `bildungsnetz export <name> …` (see import_data.py).
    cli_importers = {"genesis": "monitoring.cli:import_genesis"}
    cli_exporters = {
        "observations": "monitoring.cli:export_observations",
        "indicators": "monitoring.cli:export_indicators",
    }
    # What closes an import log when its task died (bildungsnetz/task_recovery.py).
    abandoned_tasks = {"monitoring.tasks.run_import": "monitoring.tasks.run_import_abandoned"}

    def ready(self):
        # A withdrawn table or indicator leaves the public pages at once (pagecache).
        pagecache.withdraw_when(self.get_model("Dataset"), public=lambda d: d.is_public)
        pagecache.withdraw_when(self.get_model("Indicator"), public=lambda i: i.is_public)

    def territory_sections(self, territory):
        """Key indicators of a territory for its page (places/territory detail)."""
        from .models import IndicatorValue  # not at the top: apps.py loads before models

        values = (
            IndicatorValue.objects.filter(territory=territory, indicator__is_public=True)
            .select_related("indicator", "dataset")
            .order_by("indicator__area", "indicator__order", "-period_date")
        )
        latest = {}
        for value in values:
            latest.setdefault(value.indicator_id, value)
        if not latest:
            return []
        return [
            {
                "title": _("Education monitoring"),
                "template": "monitoring/_territory_section.html",
                "items": list(latest.values())[:12],
            }
        ]
