from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Education reports")
    # What closes a rendering when its task died (bildungsnetz/task_recovery.py).
    abandoned_tasks = {
        "reports.tasks.render_report_pdf": "reports.tasks.render_report_pdf_abandoned"
    }
