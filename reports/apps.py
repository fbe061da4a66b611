from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from bildungsnetz import pagecache


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Education reports")
    # What closes a rendering when its task died (bildungsnetz/task_recovery.py).
    abandoned_tasks = {
        "reports.tasks.render_report_pdf": "reports.tasks.render_report_pdf_abandoned"
    }

    def ready(self):
        # A report taken back from publication leaves the public pages at once
        # (bildungsnetz/pagecache.py).
        pagecache.withdraw_when(self.get_model("Report"), public=lambda r: r.is_published)
